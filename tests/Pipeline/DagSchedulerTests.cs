using Cascade.Registry;
using System.Text.Json;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Reports;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

public class DagSchedulerTests
{
    private const string Commit = "abcdef0123456789abcdef0123456789abcdef01";

    private static TempStack Diamond() => new TempStack()
        .Image("base").Image("left", "base").Image("right", "base").Image("top", "left", "right").Image("other");

    private static RunOptions Options(TempStack stack, PipelineStage upTo = PipelineStage.Push, int parallelism = 4, bool cont = false) => new()
    {
        Branch = "main", Commit = Commit, ArtifactsDirectory = stack.Artifacts, UpTo = upTo, Parallelism = parallelism, Continue = cont,
    };

    private static (DagScheduler Scheduler, StringWriter Output) Scheduler(FakeDockerEngine engine)
    {
        var output = new StringWriter();
        return (new DagScheduler(engine, new PlainRunReporter(output, ResultsFile.Table), TimeProvider.System), output);
    }

    private static Task<RunResult> Run(FakeDockerEngine engine, TempStack stack, RunOptions options, IReadOnlyCollection<string>? affected = null, CancellationToken ct = default) =>
        Scheduler(engine).Scheduler.RunAsync(new RunRequest(stack.Spec, stack.Graph, affected ?? stack.Graph.Images, options), ct);

    [Fact]
    public async Task Diamond_runs_parents_first_and_siblings_in_parallel()
    {
        using var stack = Diamond();
        var engine = new FakeDockerEngine { HoldUntilConcurrent = 2 };
        var result = await Run(engine, stack, Options(stack, parallelism: 4));

        result.Succeeded.Should().BeTrue();
        var events = engine.Events.ToList();
        events.IndexOf("start left").Should().BeGreaterThan(events.IndexOf("end base"));
        events.IndexOf("start right").Should().BeGreaterThan(events.IndexOf("end base"));
        events.IndexOf("start top").Should().BeGreaterThan(Math.Max(events.IndexOf("end left"), events.IndexOf("end right")));
        engine.MaxConcurrent.Should().BeGreaterThanOrEqualTo(2, "left, right and the unrelated root can run together");
        result.Images.Should().OnlyContain(i => i.Status == ImageStatus.Succeeded && i.Stage == PipelineStage.Push);
    }

    [Fact]
    public async Task Parallelism_is_a_ceiling()
    {
        using var stack = new TempStack().Image("a").Image("b").Image("c").Image("d").Image("e");
        var engine = new FakeDockerEngine { HoldUntilConcurrent = 2 };
        await Run(engine, stack, Options(stack, parallelism: 2));
        engine.MaxConcurrent.Should().Be(2);
    }

    [Fact]
    public async Task A_failing_build_skips_only_its_descendants()
    {
        using var stack = Diamond();
        var engine = new FakeDockerEngine();
        engine.FailBuild.Add("left");
        var result = await Run(engine, stack, Options(stack));

        result.Succeeded.Should().BeFalse();
        result["left"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Build && r.Reason!.Contains("exit code 1"));
        result["top"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Skipped && r.Reason == "parent left failed" && r.Stage == null);
        result["right"].Status.Should().Be(ImageStatus.Succeeded);
        result["other"].Status.Should().Be(ImageStatus.Succeeded);
        engine.Builds.Select(b => Path.GetFileName(b.ContextDirectory)).Should().NotContain("top");
    }

    [Fact]
    public async Task A_failing_test_skips_descendants_transitively_and_keeps_logs_and_junit()
    {
        using var stack = new TempStack().Image("base").Image("mid", "base").Image("leaf", "mid").Image("sibling", "base")
            .Executable("mid/test/check-mid.sh", "exit 1").Executable("base/test/ok.sh", "true");
        var engine = new FakeDockerEngine();
        engine.FailTests.Add("check-mid.sh");
        var result = await Run(engine, stack, Options(stack));

        result["mid"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Test
            && r.Reason == "test mid/test/check-mid.sh failed (exit 1)");
        result["leaf"].Status.Should().Be(ImageStatus.Skipped);
        result["leaf"].Reason.Should().Be("parent mid failed");
        result["sibling"].Status.Should().Be(ImageStatus.Succeeded);
        File.ReadAllText(Path.Combine(stack.Artifacts, "mid", "tests", "mid", "test", "check-mid.sh.log")).Should().Contain("assertion failed");
        result["mid"].Tests!.Cases.Select(c => (c.Name, c.Outcome)).Should().Equal(
            ("base/test/ok.sh", TestOutcome.Passed), ("mid/test/check-mid.sh", TestOutcome.Failed));
        result["mid"].FailedTest!.LogPath.Should().Be(Path.Combine(stack.Artifacts, "mid", "tests", "mid", "test", "check-mid.sh.log"));
        JUnitWriter.WriteAll(result, new ArtifactPaths(stack.Artifacts));
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(stack.Artifacts, "mid", "junit.xml"));
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.Should().Be("1");
        File.Exists(Path.Combine(stack.Artifacts, "leaf", "junit.xml")).Should().BeFalse("leaf's tests never ran");
        junit.Descendants("testcase").Select(t => t.Attribute("name")!.Value).Should().Equal("base/test/ok.sh", "mid/test/check-mid.sh");
        engine.TestRuns.Where(t => t.Image.Contains("/sibling:")).Select(t => Path.GetFileName(t.File)).Should().Equal("ok.sh");
    }

    [Fact]
    public async Task Build_args_carry_the_parents_fingerprint_references_built_or_unchanged()
    {
        using var stack = new TempStack { TagPrefix = "2024.3" }.Image("base").Image("tools").Image("app", "base", "tools");
        var engine = new FakeDockerEngine();
        var fingerprints = Cascade.Changes.Fingerprints.Fingerprinter.Compute(stack.Spec, stack.Graph, new Dictionary<string, string?>());
        string Fp(string name) => $"localhost:5999/cascade-test/{name}:{fingerprints[name].Tag}";
        engine.Images[Fp("tools")] = "sha256:tools";
        var result = await Run(engine, stack, Options(stack, PipelineStage.Build), affected: ["base", "app"]);

        var app = engine.Builds.Single(b => b.ContextDirectory.EndsWith("app"));
        app.InjectedArgs["BASE_IMAGE"].Should().Be(Fp("base"));
        app.InjectedArgs["BASE_TAG"].Should().Be(fingerprints["base"].Tag);
        app.InjectedArgs["TOOLS_IMAGE"].Should().Be(Fp("tools"));
        app.Tags.Should().Equal("localhost:5999/cascade-test/app:2024.3-main", "localhost:5999/cascade-test/app:sha-abcdef0", Fp("app"));
        app.Labels.Should().NotContainKey("org.opencontainers.image.base.digest", "the parent is not in a registry: it has no manifest digest");
        app.Labels["cascade.fingerprint"].Should().Be(fingerprints["app"].Value);
        var tools = Fp("tools");
        result["tools"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Unchanged && r.Stage == null && r.Reference == tools);
    }

    [Fact]
    public async Task Continue_redoes_only_what_did_not_succeed()
    {
        using var stack = Diamond();
        var engine = new FakeDockerEngine();
        engine.FailBuild.Add("right");
        var first = await Run(engine, stack, Options(stack));
        first["top"].Status.Should().Be(ImageStatus.Skipped);
        File.Exists(Path.Combine(stack.Artifacts, ".cascade-run.json")).Should().BeTrue();

        engine.FailBuild.Clear();
        while (engine.Builds.TryDequeue(out _)) { }
        var second = await Run(engine, stack, Options(stack, cont: true));

        second.Succeeded.Should().BeTrue();
        engine.Builds.Select(b => Path.GetFileName(b.ContextDirectory)).Should().BeEquivalentTo(["right", "top"]);
        second["base"].Reason.Should().Be("succeeded in previous run");
        second["left"].Reason.Should().Be("succeeded in previous run");

        // An image gone from the daemon is not trusted: it is built again.
        foreach (var tag in engine.Images.Keys.Where(k => k.Contains("/left:"))) engine.Images.TryRemove(tag, out _);
        while (engine.Builds.TryDequeue(out _)) { }
        var third = await Run(engine, stack, Options(stack, cont: true));
        engine.Builds.Select(b => Path.GetFileName(b.ContextDirectory)).Should().BeEquivalentTo(["left"]);
        third.Succeeded.Should().BeTrue();

        // Changed content (an uncommitted edit: the fingerprint reads the working tree) is not trusted.
        stack.File("left/extra.txt", "edited");
        while (engine.Builds.TryDequeue(out _)) { }
        await Run(engine, stack, Options(stack, cont: true), affected: ["left", "top"]);
        engine.Builds.Select(b => Path.GetFileName(b.ContextDirectory)).Should().BeEquivalentTo(["left", "top"]);
    }

    [Fact]
    public async Task Continue_takes_each_image_on_from_the_last_stage_it_completed()
    {
        using var stack = new TempStack().Image("base").Image("left", "base").Image("right", "base")
            .Executable("right/test/right.sh", "exit 0");
        var engine = new FakeDockerEngine();
        engine.FailTests.Add("right.sh");
        engine.FailPush.Add("left");
        var first = await Run(engine, stack, Options(stack));
        first["right"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Test);
        first["left"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Push);

        engine.FailTests.Clear();
        engine.FailPush.Clear();
        while (engine.Builds.TryDequeue(out _)) { }
        while (engine.TestRuns.TryDequeue(out _)) { }
        while (engine.Pushes.TryDequeue(out _)) { }
        var second = await Run(engine, stack, Options(stack, cont: true));

        second.Succeeded.Should().BeTrue();
        engine.Builds.Should().BeEmpty("every image was built in the first run");
        engine.TestRuns.Select(t => Path.GetFileName(t.File)).Should().Equal(["right.sh"], "left passed its tests in the first run");
        engine.Pushes.Should().OnlyContain(p => p.Contains("/left:") || p.Contains("/right:")).And.Contain(p => p.Contains("/left:"));
        second["base"].Should().Match<ImageResult>(r => r.Reason == DagScheduler.ContinuedReason && r.DoneBefore == PipelineStage.Push);
        second["left"].DoneBefore.Should().Be(PipelineStage.Test);
        second["left"].Reason.Should().StartWith("continued after its test in the previous run");
        second["right"].DoneBefore.Should().Be(PipelineStage.Build);
        second["right"].Stage.Should().Be(PipelineStage.Push);
    }

    [Fact]
    public async Task A_run_that_left_Test_out_vouches_for_no_image_s_tests()
    {
        using var stack = new TempStack().Image("base").Executable("base/test/base.sh", "exit 0");
        var engine = new FakeDockerEngine();
        var untested = await Run(engine, stack, Options(stack) with { Skipped = new HashSet<PipelineStage> { PipelineStage.Test } });
        untested.Succeeded.Should().BeTrue();
        engine.TestRuns.Should().BeEmpty();

        var second = await Run(engine, stack, Options(stack, cont: true));

        second.Succeeded.Should().BeTrue();
        engine.TestRuns.Should().ContainSingle("the image was pushed untested: --continue without --skip tests it");
        engine.Builds.Should().ContainSingle("but its build stands");
        second["base"].DoneBefore.Should().Be(PipelineStage.Build);
    }

    [Fact]
    public async Task Cancellation_stops_promptly_and_says_so()
    {
        using var stack = new TempStack().Image("slow").Image("child", "slow").Image("slow2");
        // Builds that never end by themselves: the run returns only because cancellation stopped them.
        var engine = new FakeDockerEngine { BuildTime = Timeout.InfiniteTimeSpan };
        using var cts = new CancellationTokenSource();
        engine.BuildStarted += name => { if (name == "slow") cts.Cancel(); };
        var result = await Run(engine, stack, Options(stack), ct: cts.Token);

        result.Cancelled.Should().BeTrue();
        result.Succeeded.Should().BeFalse();
        result["slow"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Reason == "cancelled" && r.Stage == PipelineStage.Build);
        result["child"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Skipped && r.Reason == "cancelled");
        engine.Builds.Select(b => Path.GetFileName(b.ContextDirectory)).Should().NotContain("child");
    }

    [Fact]
    public async Task Prune_removes_an_image_once_its_descendants_are_done_and_only_after_push()
    {
        using var stack = new TempStack().Image("base", [], i => i with { Prune = true }).Image("leaf", "base");
        var engine = new FakeDockerEngine();
        var result = await Run(engine, stack, Options(stack));
        result.Succeeded.Should().BeTrue();
        engine.Removed.Should().HaveCount(3).And.Contain(["localhost:5999/cascade-test/base:main", "localhost:5999/cascade-test/base:sha-abcdef0"])
            .And.Contain(r => r.StartsWith("localhost:5999/cascade-test/base:fp-"));
        engine.Pushes.Should().Contain("localhost:5999/cascade-test/base:main");

        var engine2 = new FakeDockerEngine();
        await Run(engine2, stack, Options(stack, PipelineStage.Test));
        engine2.Removed.Should().BeEmpty("without a push, removing would lose the image");
    }

    [Fact]
    public async Task Nothing_is_pushed_without_a_registry()
    {
        using var stack = new TempStack { RegistryHost = "" }.Image("solo");
        var engine = new FakeDockerEngine();
        var result = await Run(engine, stack, Options(stack));
        result["solo"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Succeeded && r.Stage == PipelineStage.Test
            && r.Reason == "not pushed: no registry configured");
        engine.Pushes.Should().BeEmpty();
    }

    [Fact]
    public async Task Results_json_has_exactly_the_agreed_shape()
    {
        using var stack = Diamond();
        var engine = new FakeDockerEngine();
        engine.FailBuild.Add("left");
        var result = await Run(engine, stack, Options(stack), affected: ["base", "left", "top"]);
        var path = Path.Combine(stack.Artifacts, "results.json");
        ResultsFile.Write(path, result.ToRows());

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        doc.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("images");
        var images = doc.RootElement.GetProperty("images").EnumerateArray().ToList();
        images.Should().HaveCount(5);
        foreach (var i in images)
            i.EnumerateObject().Select(p => p.Name).Should().Equal("name", "status", "stage", "reason", "ref", "digest", "duration_s", "fingerprint", "platform");
        var byName = images.ToDictionary(i => i.GetProperty("name").GetString()!);
        byName["base"].GetProperty("status").GetString().Should().Be("succeeded");
        byName["base"].GetProperty("stage").GetString().Should().Be("push");
        byName["base"].GetProperty("digest").GetString().Should().StartWith("sha256:");
        byName["base"].GetProperty("ref").GetString().Should().Be("localhost:5999/cascade-test/base:sha-abcdef0");
        byName["base"].GetProperty("duration_s").ValueKind.Should().Be(JsonValueKind.Number);
        byName["left"].GetProperty("status").GetString().Should().Be("failed");
        byName["left"].GetProperty("stage").GetString().Should().Be("build");
        byName["top"].GetProperty("status").GetString().Should().Be("skipped");
        byName["top"].GetProperty("stage").ValueKind.Should().Be(JsonValueKind.Null);
        byName["top"].GetProperty("digest").ValueKind.Should().Be(JsonValueKind.Null);
        byName["right"].GetProperty("status").GetString().Should().Be("unchanged");
        byName["right"].GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);

        var table = ResultsFile.Table(result.ToRows()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        table[0].Should().StartWith("IMAGE");
        table.Should().HaveCount(6);
        var statusColumn = table[0].IndexOf("STATUS", StringComparison.Ordinal);
        table.Skip(1).Should().OnlyContain(l => l[statusColumn - 1] == ' ' && l[statusColumn] != ' ', "columns are aligned");
    }

    [Fact]
    public async Task The_registry_password_never_reaches_a_log_or_the_output()
    {
        const string secret = "s3cr3t-Pa55word";
        using var stack = new TempStack().Image("base").Image("leaf", "base");
        var engine = new FakeDockerEngine { BuildLogLine = $"echo {secret}" };
        engine.FailBuild.Add("leaf");
        var (scheduler, output) = Scheduler(engine);
        var options = Options(stack) with { Credentials = new RegistryCredentials("localhost:5999", "bot", secret) };
        var result = await scheduler.RunAsync(new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, options), default);

        result["base"].Status.Should().Be(ImageStatus.Succeeded);
        File.ReadAllText(Path.Combine(stack.Artifacts, "base", "build.log")).Should().Contain("echo ***");
        foreach (var file in Directory.EnumerateFiles(stack.Artifacts, "*", SearchOption.AllDirectories))
            File.ReadAllText(file).Should().NotContain(secret, file);
        output.ToString().Should().NotContain(secret).And.Contain("::group::base build").And.Contain("echo ***");
    }

    [Fact]
    public async Task Plain_output_groups_logs_and_annotates_failures()
    {
        using var stack = new TempStack().Image("base").Image("leaf", "base");
        var engine = new FakeDockerEngine();
        engine.FailBuild.Add("leaf");
        var (scheduler, output) = Scheduler(engine);
        await scheduler.RunAsync(new RunRequest(stack.Spec, stack.Graph, stack.Graph.Images, Options(stack, PipelineStage.Build)), default);
        var lines = output.ToString().Split('\n');
        lines.Should().Contain("[base] building…");
        lines.Should().Contain("::group::leaf build");
        lines.Should().Contain("::endgroup::");
        lines.Should().Contain("::error title=leaf::RUN false: exit code 1");
    }
}
