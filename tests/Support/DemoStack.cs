using Cascade.Changes;
using Cascade.Stacks;

namespace Cascade.Tests.Support;

/// <summary>
/// A four-image diamond in images/ of a <see cref="GitSandbox"/>: base → left, right → leaf
/// (leaf FROM left, COPY --from right). The spec text and the StackSpec say the same thing.
/// </summary>
internal static class DemoStack
{
    public const string SpecText = """
        # the demo stack
        owner: demo

        images:
          base:
            build_args:
              A: "1"
              B: "2"
          left:
            depend_on: base
          right:
            depend_on: base
            watch: ["shared/**/*.py"]
          leaf:
            depend_on: [left, right]

        tag:
          prefix: "1.0"

        all_info_cmds:
          PY_VER:
            description: Python
            command: python --version
        """;

    public static GitSandbox CreateRepo()
    {
        var repo = new GitSandbox();
        repo.Write("images/spec.yml", SpecText);
        foreach (var name in new[] { "base", "left", "right", "leaf" })
            repo.Write($"images/{name}/Dockerfile", $"FROM scratch\nLABEL name={name}\n")
                .Write($"images/{name}/test/check.sh", "true\n");
        repo.Write("images/tests_common/common.sh", "true\n")
            .Write("shared/lib/util.py", "x = 1\n")
            .Write("README.md", "demo\n");
        repo.Commit("initial stack");
        return repo;
    }

    public static StackSpec Spec(GitSandbox repo) => new()
    {
        Directory = repo.PathOf("images"),
        File = repo.PathOf("images/spec.yml"),
        Owner = "demo",
        TagPrefix = "1.0",
        Roots = ["base"],
        Images =
        [
            Image("base"),
            Image("left", "base"),
            Image("right", "base") with { Watch = ["shared/**/*.py"] },
            Image("leaf", "left", "right"),
        ],
    };

    public static ImageSpec Image(string name, params string[] parents) => new()
    {
        Name = name,
        Repository = "demo/" + name,
        DependOn = parents,
        Context = name,
    };

    /// <summary>Detects changes since <paramref name="baseRef"/> and plans them.</summary>
    public static BuildPlan Plan(GitSandbox repo, string? baseRef, StackSpec? spec = null, PlanOptions? options = null,
                                 bool includeUncommitted = false, string head = "HEAD")
    {
        spec ??= Spec(repo);
        var changes = new ChangeDetector().Detect(spec.Directory, spec.File,
            new ChangeOptions { BaseRef = baseRef, HeadRef = head, IncludeUncommitted = includeUncommitted });
        return new Planner().Plan(spec, new StackGraph(spec), changes, options ?? new PlanOptions());
    }

    /// <summary>Asserts the plan builds exactly these images, each after all of its affected parents
    /// (ties between siblings may come in any order).</summary>
    public static void ShouldBuild(this BuildPlan plan, params string[] names)
    {
        // Sorted comparison rather than BeEquivalentTo: that one is quadratic, and plans here reach thousands.
        plan.Order.Order(StringComparer.Ordinal).Should().Equal(names.Order(StringComparer.Ordinal));
        var position = plan.Order.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
        foreach (var name in plan.Order)
            foreach (var parent in plan[name].Parents.Where(position.ContainsKey))
                position[parent].Should().BeLessThan(position[name], $"{parent} must be built before {name}");
    }
}
