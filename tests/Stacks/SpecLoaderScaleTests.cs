using System.Text;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>Big stacks load correctly. How fast they load is measured by the Benchmark target (Plan on a
/// 5,000-image stack against the sample, as a ratio), never asserted here: a busy machine would fail it.</summary>
public class SpecLoaderScaleTests
{
    [Fact]
    public void Five_thousand_images_with_Dockerfiles_load_and_validate()
    {
        const int count = 5000;
        var spec = new StringBuilder("registry: ghcr.io\nowner: org\ntag:\n  prefix: \"2024.1\"\nall_info_cmds:\n  PY: {command: python --version}\nimages:\n");
        using var stack = new TempStack("");
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            // A wide and deep DAG: each image builds on an earlier one, some also copy from a second one.
            var parent = i == 0 ? -1 : random.Next(Math.Max(0, i - 50), i);
            var extra = parent > 0 && i % 7 == 0 ? random.Next(0, parent) : -1;
            spec.Append($"  img-{i}:\n    info_cmds: [PY]\n    build_args: {{N: \"{i}\"}}\n");
            if (parent >= 0) spec.Append(extra >= 0 ? $"    depend_on: [img-{parent}, img-{extra}]\n" : $"    depend_on: img-{parent}\n");
            var dockerfile = parent < 0
                ? "FROM scratch\n"
                : $"ARG BASE_TAG=latest\nFROM ghcr.io/org/img-{parent}:${{BASE_TAG}}\n# build\nRUN echo {i} \\\n  && true\n" +
                  (extra >= 0 ? $"COPY --from=ghcr.io/org/img-{extra}:2024.1 /x /x\n" : "");
            stack.Dockerfile($"img-{i}", dockerfile);
        }
        File.WriteAllText(Path.Combine(stack.StackDir, "spec.yml"), spec.ToString());

        var result = stack.Load();

        result.Warnings.Should().BeEmpty();
        result.Spec.Images.Should().HaveCount(count);
        result.Graph.TopologicalOrder.Should().HaveCount(count);
    }

    [Fact]
    public void A_renamed_base_leaves_thousands_of_errors_all_reported()
    {
        var spec = new StringBuilder("images:\n  base-v2:\n");
        for (var i = 0; i < 3000; i++) spec.Append($"  img-{i}:\n    depend_on: base\n");
        using var stack = new TempStack(spec.ToString());
        var failures = stack.Failures();
        // Each child: the unknown parent (with the same hint) and its missing folder; base-v2's folder too.
        failures.Should().HaveCount(6001);
        failures.Should().Contain(d => d.Message == "image 'img-0' depends on unknown image 'base' (did you mean 'base-v2'?)");
        failures.Select(d => d.Location.Line).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Docker_name_checks_do_not_backtrack_on_a_long_near_miss()
    {
        var nearMiss = new string('a', 5000) + "-";
        // A backtracking matcher would take minutes here (a hang shows as a test that never ends).
        DockerNames.IsPathComponent(nearMiss).Should().BeFalse();
        DockerNames.RepositoryProblem("ghcr.io/" + new string('a', 200) + "-").Should().NotBeNull();
    }
}
