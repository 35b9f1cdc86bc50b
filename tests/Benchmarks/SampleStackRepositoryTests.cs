using Cascade.Benchmarks;
using Cascade.Changes;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Benchmarks;

public class SampleStackRepositoryTests
{
    [Fact]
    public void Copies_the_sample_and_commits_a_change_to_one_Dockerfile_that_affects_every_image()
    {
        using var repo = new TempRepository("cascade-sample-test-");

        var sample = SampleStackRepository.Create(RepositoryRoot.Combine("images"), repo);

        sample.ChangedDockerfile.Should().Be("images/datascience-notebook/Dockerfile");
        var spec = SpecLoader.Load(sample.StackDirectory);
        spec.Spec.Images.Should().HaveCount(3);
        var changes = new ChangeDetector().Detect(sample.StackDirectory, spec.Spec.File, new ChangeOptions { BaseRef = sample.BaseRef });
        var plan = new Planner().Plan(spec.Spec, spec.Graph, changes, new PlanOptions());
        plan.Images.Where(i => i.Affected).Should().HaveCount(3, "the root changed, so the sample plans as much as it can");
    }

    [Fact]
    public void A_folder_without_spec_is_refused_with_a_clear_message()
    {
        using var repo = new TempRepository("cascade-sample-test-");
        var act = () => SampleStackRepository.Create(repo.Root, repo);
        act.Should().Throw<BenchmarkException>().WithMessage("*holds no spec.yml*");
    }

    [Fact]
    public void Disposing_deletes_the_repository_folder()
    {
        string root;
        using (var repo = new TempRepository("cascade-sample-test-"))
        {
            root = repo.Root;
            File.WriteAllText(Path.Combine(root, "a.txt"), "a");
            repo.CommitAll("one");
        }
        Directory.Exists(root).Should().BeFalse();
    }
}
