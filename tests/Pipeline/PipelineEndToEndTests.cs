using Cascade.Publishing;
using Cascade.Reports;
using Cascade.Registry;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>The scheduler on the real daemon and a real registry, with FROM-scratch busybox images.</summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class PipelineEndToEndTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const string Commit = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
    private const string Secret = "Pw-e2e-4f9c1d77aa";

    private const string ChildDockerfile = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n";

    private sealed class Fixture(BusyboxStack stack, string? registryHost) : IDisposable
    {
        private readonly List<ImageSpec> images = [];
        public BusyboxStack Stack => stack;
        public string Artifacts => Path.Combine(stack.Folder, "artifacts");

        public Fixture Root(string name, string extra = "", Func<ImageSpec, ImageSpec>? tweak = null)
        {
            stack.AddContext(name, extra);
            return Add(name, [], tweak);
        }

        public Fixture Child(string name, string[] parents, string extra = "", Func<ImageSpec, ImageSpec>? tweak = null)
        {
            stack.WriteFile($"{name}/Dockerfile", ChildDockerfile + extra);
            return Add(name, parents, tweak);
        }

        private Fixture Add(string name, string[] parents, Func<ImageSpec, ImageSpec>? tweak)
        {
            var spec = new ImageSpec
            {
                Name = name, DependOn = parents, Context = name,
                Repository = $"{(registryHost is null ? "" : registryHost + "/")}{stack.Prefix}-{name}",
            };
            images.Add(tweak is null ? spec : tweak(spec));
            return this;
        }

        public StackSpec Spec => new()
        {
            Directory = stack.Folder, File = Path.Combine(stack.Folder, "spec.yml"), Images = images.ToList(),
            Roots = images.Where(i => i.DependOn.Count == 0).Select(i => i.Name).ToList(),
        };

        public void Dispose() => stack.Dispose();
    }

    private static async Task<(RunResult Result, string Output)> RunAsync(Fixture f, RunOptions options, IReadOnlyCollection<string>? affected = null)
    {
        using var engine = await DockerEngine.ConnectAsync(null, CancellationToken.None);
        var output = new StringWriter();
        var scheduler = new DagScheduler(engine, new PlainRunReporter(output, ResultsFile.Table), TimeProvider.System);
        var spec = f.Spec;
        var graph = new StackGraph(spec);
        var result = await scheduler.RunAsync(PlanFingerprints.Request(spec, graph, affected ?? graph.Images, options), CancellationToken.None);
        return (result, output.ToString());
    }

    [Fact]
    public async Task A_diamond_is_built_tested_with_inherited_and_common_tests_and_pushed_without_leaking_the_password()
    {
        using var f = new Fixture(new BusyboxStack(), registry.Host)
            .Root("base", "RUN echo base > /etc/base-marker\n")
            .Child("left", ["base"], "RUN echo left > /etc/left-marker\n")
            .Child("right", ["base"], "RUN echo right > /etc/right-marker\n", i => i with { InheritTests = false })
            .Child("top", ["left", "right"], "ARG RIGHT_IMAGE\nARG NOISY\nRUN echo \"noisy=$NOISY\" && echo \"$RIGHT_IMAGE\" > /etc/right-ref\n",
                i => i with
                {
                    BuildArgs = new Dictionary<string, string> { ["NOISY"] = Secret },
                    IntegrationTests = ["echo \"testing $TEST_IMAGE\"; test -n \"$TEST_IMAGE\""],
                });
        f.Stack.WriteFile("tests_common/shell.sh", "#!/bin/sh\ntest -x /bin/sh\n", executable: true);
        f.Stack.WriteFile("base/test/base.sh", "#!/bin/sh\ngrep -q base /etc/base-marker\n", executable: true);
        f.Stack.WriteFile("left/test/left.sh", "#!/bin/sh\ngrep -q left /etc/left-marker\n", executable: true);
        f.Stack.WriteFile("right/test/right-only.sh", "#!/bin/sh\ngrep -q right /etc/right-marker\n", executable: true);

        var options = new RunOptions
        {
            Branch = "main", Commit = Commit, ArtifactsDirectory = f.Artifacts, Parallelism = 2,
            Credentials = new RegistryCredentials(registry.Host, "ci-bot", Secret),
        };
        var (result, output) = await RunAsync(f, options);
        JUnitWriter.WriteAll(result, new ArtifactPaths(f.Artifacts));

        result.Images.Should().OnlyContain(i => i.Status == ImageStatus.Succeeded && i.Stage == PipelineStage.Push,
            string.Join("\n", result.Images.Select(i => $"{i.Name}: {i.Status} {i.Reason}")) + "\n" + output);
        result.Images.Should().OnlyContain(i => i.Digest!.StartsWith("sha256:"));

        // The child was built FROM the parent's exact image (its fingerprint tag), and knows its extra parent's.
        var topRef = result["top"].Reference!;
        var leftRef = result["left"].Reference!;
        DockerTestCleanup.Docker("inspect", "--format", "{{index .Config.Labels \"org.opencontainers.image.base.name\"}}", topRef)
            .Should().Equal(leftRef[..leftRef.LastIndexOf(':')] + ":fp-" + result["left"].Fingerprint![7..23]);

        var junit = File.ReadAllText(Path.Combine(f.Artifacts, "top", "junit.xml"));
        junit.Should().Contain("tests_common/shell.sh").And.Contain("base/test/base.sh").And.Contain("left/test/left.sh")
            .And.NotContain("right-only.sh").And.Contain("integration: ");
        File.ReadAllText(Path.Combine(f.Artifacts, "right", "junit.xml")).Should().Contain("right/test/right-only.sh");
        File.ReadAllText(Path.Combine(f.Artifacts, "top", "tests", "integration-1.log")).Should().Contain("testing " + topRef);

        using var http = new HttpClient();
        var manifest = await http.GetAsync(new Uri(registry.BaseUri, $"v2/{f.Stack.Prefix}-top/manifests/main"));
        manifest.IsSuccessStatusCode.Should().BeTrue();

        File.ReadAllText(Path.Combine(f.Artifacts, "top", "build.log")).Should().Contain("noisy=***");
        output.Should().NotContain(Secret);
        foreach (var file in Directory.EnumerateFiles(f.Artifacts, "*", SearchOption.AllDirectories))
            File.ReadAllText(file).Should().NotContain(Secret, file);
        DockerTestCleanup.OwnedContainers(f.Stack.Prefix).Should().BeEmpty();
    }

    [Fact]
    public async Task Failures_skip_only_descendants_and_continue_redoes_only_them()
    {
        using var f = new Fixture(new BusyboxStack(), null)
            .Root("base")
            .Child("broken", ["base"], "RUN test -f /etc/fixed\n")
            .Child("broken-child", ["broken"])
            .Child("flaky", ["base"])
            .Child("flaky-child", ["flaky"])
            .Child("fine", ["base"]);
        f.Stack.WriteFile("flaky/test/check.sh", "#!/bin/sh\necho checking\nexit 3\n", executable: true);
        var options = new RunOptions { Branch = "main", Commit = Commit, ArtifactsDirectory = f.Artifacts, Parallelism = 2, UpTo = PipelineStage.Test };

        var (first, output) = await RunAsync(f, options);

        first["broken"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Build, output);
        first["broken-child"].Reason.Should().Be("parent broken failed");
        first["flaky"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Test
            && r.Reason == "test flaky/test/check.sh failed (exit 3)");
        first["flaky-child"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Skipped && r.Reason == "parent flaky failed");
        first["fine"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Succeeded && r.Stage == PipelineStage.Test);
        first["base"].Status.Should().Be(ImageStatus.Succeeded);
        File.ReadAllText(Path.Combine(f.Artifacts, "flaky", "tests", "flaky", "test", "check.sh.log")).Should().Contain("checking");
        output.Should().Contain("::error title=broken::");
        DockerTestCleanup.OwnedContainers(f.Stack.Prefix).Should().BeEmpty();

        // Fix both and continue: only what did not succeed is built again.
        f.Stack.WriteFile("broken/Dockerfile", ChildDockerfile + "RUN touch /etc/fixed && test -f /etc/fixed\n");
        f.Stack.WriteFile("flaky/test/check.sh", "#!/bin/sh\nexit 0\n", executable: true);
        var (second, output2) = await RunAsync(f, options with { Continue = true });

        second.Succeeded.Should().BeTrue(output2);
        second["base"].Reason.Should().Be(DagScheduler.ContinuedReason);
        second["fine"].Reason.Should().Be(DagScheduler.ContinuedReason);
        new[] { "broken", "broken-child", "flaky", "flaky-child" }.Should().OnlyContain(n => second[n].Reason == null);
        output2.Should().NotContain("[base] building").And.Contain("[broken] building");
        DockerTestCleanup.OwnedContainers(f.Stack.Prefix).Should().BeEmpty();
    }

    [Fact]
    public async Task An_images_timeout_bounds_its_build_and_the_image_fails_with_the_limit()
    {
        var marker = $"cascade-timeout-{Guid.NewGuid():N}";
        using var f = new Fixture(new BusyboxStack(), null)
            .Root("base")
            .Child("slow", ["base"], $"RUN sleep 25 && echo {marker}\n", i => i with { Timeout = TimeSpan.FromSeconds(5) })
            .Child("below", ["slow"]);
        var options = new RunOptions { Branch = "main", Commit = Commit, ArtifactsDirectory = f.Artifacts, UpTo = PipelineStage.Test };

        var (result, output) = await RunAsync(f, options);

        result["base"].Status.Should().Be(ImageStatus.Succeeded, output);
        result["slow"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Failed && r.Stage == PipelineStage.Build
            && r.Reason == "build timed out after 5s", output);
        result["below"].Reason.Should().Be("parent slow failed");
        DockerTestCleanup.Docker("ps", "-a", "--no-trunc", "--format", "{{.Command}}").Should().NotContain(c => c.Contains(marker));
        DockerTestCleanup.Docker("images", "-q", $"{f.Stack.Prefix}-slow").Should().BeEmpty();
    }
}
