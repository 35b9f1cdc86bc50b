namespace Cascade.Tests.Cli;

/// <summary>
/// `Plan --plan-file` on a diamond (a → b, a → c, b and c → d with `depend_on: [b, c]` and a
/// `COPY --from` of c) and on a stack of several roots, in Cascade's own spec extensions: owner, watch,
/// ignore. Each commit is planned against the one before.
/// </summary>
public sealed class DiamondPlanTests
{
    internal const string DiamondSpec = """
        owner: cascade-cli
        images:
          a:
            build_args:
              LEVEL: "1"
          b:
            depend_on: a
          # c also rebuilds when the shared Python library changes
          c:
            depend_on: a
            watch: ["shared/**/*.py"]
            build_args:
              FLAVOUR: plain
          d:
            depend_on: [b, c]
        ignore: ["**/*.md"]
        tag:
          prefix: "1.0"
        """;

    private static readonly PlanShape Diamond = new(("a", [], 0), ("b", ["a"], 1), ("c", ["a"], 1), ("d", ["b", "c"], 2));

    internal static CliRepo CreateDiamond()
    {
        var repo = new CliRepo();
        repo.Write("images/spec.yml", DiamondSpec)
            .Write("images/a/Dockerfile", "FROM scratch\nLABEL image=a\n")
            .Write("images/b/Dockerfile", "ARG BASE_IMAGE=cascade-cli/a:latest\nFROM ${BASE_IMAGE}\n")
            .Write("images/c/Dockerfile", "FROM cascade-cli/a:latest\n")
            .Write("images/c/test/check.sh", "true\n")
            .Write("images/d/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY --from=cascade-cli/c:latest /etc/c /etc/c\n")
            .Write("images/d/NOTES.md", "notes\n")
            .Write("shared/lib/util.py", "x = 1\n")
            .Write("shared/README.txt", "shared\n");
        repo.Commit("diamond");
        return repo;
    }

    [Fact]
    public async Task Named_images_on_a_repository_s_first_commit_are_only_those()
    {
        // The first commit: everything counts as changed (there is no HEAD~1), and none of it is added to --images.
        using var repo = CreateDiamond();

        Diamond.Check(await repo.PlanAsync("--images", "c"),
            new() { ["c"] = ["forced"], ["d"] = ["parent c is rebuilt"] }, ["c", "d"], [["c"], ["d"]]);
        Diamond.Check(await repo.PlanAsync("--images", "c", "--no-descendants"), new() { ["c"] = ["forced"] }, ["c"], [["c"]]);
        (await repo.PlanAsync())["order"]!.AsArray().Should().HaveCount(4, "without --images the first commit plans everything");
    }

    [Fact]
    public async Task Diamond_commits_plan_exactly()
    {
        using var repo = CreateDiamond();
        string[][] all = [["a"], ["b", "c"], ["d"]];

        repo.Touch("images/d/Dockerfile").Commit("leaf");
        Diamond.Check(await repo.PlanAsync(), new() { ["d"] = ["changed images/d/Dockerfile"] }, ["d"], [["d"]]);

        repo.Touch("images/b/Dockerfile").Commit("one side");
        Diamond.Check(await repo.PlanAsync(), new()
        {
            ["b"] = ["changed images/b/Dockerfile"], ["d"] = ["parent b is rebuilt"],
        }, ["b", "d"], [["b"], ["d"]]);

        repo.Touch("images/a/Dockerfile").Commit("root");
        Diamond.Check(await repo.PlanAsync(), new()
        {
            ["a"] = ["changed images/a/Dockerfile"],
            ["b"] = ["parent a is rebuilt"],
            ["c"] = ["parent a is rebuilt"],
            ["d"] = ["parent b is rebuilt"],
        }, ["a", "b", "c", "d"], all);

        repo.Touch("images/c/test/check.sh").Commit("test file");
        Diamond.Check(await repo.PlanAsync(), new()
        {
            ["c"] = ["changed images/c/test/check.sh"], ["d"] = ["parent c is rebuilt"],
        }, ["c", "d"], [["c"], ["d"]]);

        // A watched path outside every context.
        repo.Touch("shared/lib/util.py").Commit("watch");
        Diamond.Check(await repo.PlanAsync(), new()
        {
            ["c"] = ["changed shared/lib/util.py (watch shared/**/*.py)"], ["d"] = ["parent c is rebuilt"],
        }, ["c", "d"], [["c"], ["d"]]);

        // Beside the watched path, but not matching the glob.
        repo.Touch("shared/README.txt").Commit("not watched");
        Diamond.Check(await repo.PlanAsync(), new(), [], []);

        // An ignored path inside a context.
        repo.Touch("images/d/NOTES.md").Commit("ignored");
        Diamond.Check(await repo.PlanAsync(), new(), [], []);

        // One spec entry.
        repo.Edit("images/spec.yml", "FLAVOUR: plain", "FLAVOUR: spicy").Commit("spec entry");
        Diamond.Check(await repo.PlanAsync(), new()
        {
            ["c"] = ["spec entry changed"], ["d"] = ["parent c is rebuilt"],
        }, ["c", "d"], [["c"], ["d"]]);

        // A comment, a blank line: the spec means the same, nothing is built.
        repo.Edit("images/spec.yml", "# c also rebuilds", "\n# c (and so d) also rebuilds").Commit("comment");
        Diamond.Check(await repo.PlanAsync(), new(), [], []);

        // A key every image reads.
        repo.Edit("images/spec.yml", "prefix: \"1.0\"", "prefix: \"1.1\"").Commit("tag prefix");
        Diamond.Check(await repo.PlanAsync(), new()
        {
            ["a"] = ["spec key 'tag' changed"],
            ["b"] = ["spec key 'tag' changed", "parent a is rebuilt"],
            ["c"] = ["spec key 'tag' changed", "parent a is rebuilt"],
            ["d"] = ["spec key 'tag' changed", "parent b is rebuilt"],
        }, ["a", "b", "c", "d"], all);

        // Forcing, with and without descendants.
        Diamond.Check(await repo.PlanAsync("--base-ref", "HEAD", "--images", "b", "--no-descendants"),
            new() { ["b"] = ["forced"] }, ["b"], [["b"]]);
        Diamond.Check(await repo.PlanAsync("--base-ref", "HEAD", "--images", "b"),
            new() { ["b"] = ["forced"], ["d"] = ["parent b is rebuilt"] }, ["b", "d"], [["b"], ["d"]]);
        Diamond.Check(await repo.PlanAsync("--base-ref", "HEAD", "--images", "b", "c", "--no-descendants"),
            new() { ["b"] = ["forced"], ["c"] = ["forced"] }, ["b", "c"], [["b", "c"]]);

        // Over the whole history since the first commit: every kind of change above at once.
        var first = repo.Git.Git("rev-list", "--max-parents=0", "HEAD").Trim();
        var since = await repo.PlanAsync("--base-ref", first);
        PlanShape.ValidOrder(since);
        since["order"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("a", "b", "c", "d");
    }

    private static readonly PlanShape Roots = new(
        ("r1", [], 0), ("r2", [], 0), ("r3", [], 0), ("x", ["r1"], 1), ("y", ["r2", "r3"], 1), ("z", ["x"], 2));

    [Fact]
    public async Task A_stack_of_several_roots_plans_each_tree_on_its_own()
    {
        using var repo = new CliRepo();
        repo.Write("images/spec.yml", """
            owner: cascade-cli
            root: [r1, r2, r3]
            images:
              r1: {}
              r2: {}
              r3: {}
              x:
                depend_on: r1
              y:
                depend_on: [r2, r3]
              z:
                depend_on: x
            """);
        foreach (var root in new[] { "r1", "r2", "r3" }) repo.Write($"images/{root}/Dockerfile", $"FROM scratch\nLABEL root={root}\n");
        repo.Write("images/x/Dockerfile", "FROM cascade-cli/r1\n")
            .Write("images/y/Dockerfile", "FROM cascade-cli/r2\nCOPY --from=cascade-cli/r3 /a /a\n")
            .Write("images/z/Dockerfile", "ARG BASE_IMAGE\nFROM $BASE_IMAGE\n")
            .Commit("roots");

        repo.Touch("images/r3/Dockerfile").Commit("r3");
        Roots.Check(await repo.PlanAsync(), new()
        {
            ["r3"] = ["changed images/r3/Dockerfile"], ["y"] = ["parent r3 is rebuilt"],
        }, ["r3", "y"], [["r3"], ["y"]]);

        repo.Touch("images/r1/Dockerfile").Touch("images/r2/Dockerfile").Commit("two roots");
        Roots.Check(await repo.PlanAsync(), new()
        {
            ["r1"] = ["changed images/r1/Dockerfile"],
            ["r2"] = ["changed images/r2/Dockerfile"],
            ["x"] = ["parent r1 is rebuilt"],
            ["y"] = ["parent r2 is rebuilt"],
            ["z"] = ["parent x is rebuilt"],
        }, ["r1", "r2", "x", "y", "z"], [["r1", "r2"], ["x", "y"], ["z"]]);

        repo.Touch("images/x/Dockerfile").Touch("images/y/Dockerfile").Commit("middles");
        Roots.Check(await repo.PlanAsync(), new()
        {
            ["x"] = ["changed images/x/Dockerfile"], ["y"] = ["changed images/y/Dockerfile"], ["z"] = ["parent x is rebuilt"],
        }, ["x", "y", "z"], [["x", "y"], ["z"]]);

        Roots.Check(await repo.PlanAsync("--images", "r2", "--no-descendants", "--base-ref", "HEAD"),
            new() { ["r2"] = ["forced"] }, ["r2"], [["r2"]]);
    }
}
