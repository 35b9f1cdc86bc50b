using Cascade.Publishing;
using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Registry;
using Cascade.Stacks;
using Cascade.Reports;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>
/// A three-image stack for linux/amd64 and linux/arm64 on the real daemon (arm64 under qemu) and a real
/// registry: each platform built on its parent of that platform, tested in containers of that platform, and
/// published as one index per tag — or, when one platform fails, not published at all.
/// </summary>
[Trait(Needs.Trait, Needs.Docker)]
[Trait(Needs.Trait, Needs.Registry)]
public sealed class MultiPlatformPipelineTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IDisposable
{
    private const string Commit = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";
    private static readonly Platform[] Both = [Platform.LinuxAmd64, Platform.LinuxArm64];

    private readonly BusyboxStack _stack = new();
    private readonly HttpClient _http = new();
    private readonly List<ImageSpec> _images = [];
    private RegistryClient Client => new(_http, _ => null);

    public void Dispose()
    {
        _stack.Dispose();
        _http.Dispose();
    }

    private void Root(string name)
    {
        _stack.AddMultiPlatformContext(name, "RUN uname -m > /root-on\n");
        Add(name, []);
    }

    private void Child(string name, string parent)
    {
        _stack.WriteFile($"{name}/Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN uname -m > /{name}-on\n");
        Add(name, [parent]);
    }

    private void Add(string name, string[] parents) => _images.Add(new ImageSpec
    {
        Name = name, DependOn = parents, Context = name, Platforms = Both,
        Repository = $"{registry.Host}/{_stack.Prefix}-{name}",
    });

    private StackSpec Spec => new()
    {
        Directory = _stack.Folder, File = Path.Combine(_stack.Folder, "spec.yml"), Images = _images.ToList(),
        Roots = _images.Where(i => i.DependOn.Count == 0).Select(i => i.Name).ToList(), Platforms = Both,
    };

    private string Artifacts => Path.Combine(_stack.Folder, "artifacts");

    private async Task<(RunResult Result, string Output)> RunAsync()
    {
        using var engine = await DockerEngine.ConnectAsync(null, CancellationToken.None);
        var output = new StringWriter();
        var scheduler = new DagScheduler(engine, new PlainRunReporter(output, ResultsFile.Table), TimeProvider.System, Client);
        var graph = new StackGraph(Spec);
        var options = new RunOptions { Branch = "main", Commit = Commit, ArtifactsDirectory = Artifacts, Parallelism = 2 };
        var result = await scheduler.RunAsync(PlanFingerprints.Request(Spec, graph, graph.Images, options), CancellationToken.None);
        return (result, output.ToString());
    }

    private static string Describe(RunResult result, string output) =>
        string.Join("\n", result.Images.SelectMany(i => i.PlatformResults.Prepend(i)).Select(i => $"{i.Name} {i.Platform}: {i.Status} {i.Stage} {i.Reason}")) + "\n" + output;

    private ImageReference Shared(string name, string tag) => ImageReference.Parse($"{registry.Host}/{_stack.Prefix}-{name}:{tag}");

    private string[] RunInRegistryImage(string name, Platform platform, params string[] command)
    {
        var reference = _stack.Tag(name, "main", registry.Host);
        return DockerTestCleanup.Docker(["run", "--rm", "--platform", platform.ToString(), "--pull", "always", reference, .. command]).ToArray();
    }

    [EmulatedFact]
    public async Task Each_tag_is_an_index_of_both_platforms_each_built_on_its_parent_of_that_platform()
    {
        Root("root");
        Child("mid", "root");
        Child("leaf", "mid");
        _stack.WriteFile("tests_common/arch.sh", "#!/bin/sh\ntest \"$(uname -m)\" = \"$(cat /root-on)\"\n", executable: true);

        var (result, output) = await RunAsync();

        result.Images.Should().OnlyContain(i => i.Status == ImageStatus.Succeeded && i.Stage == PipelineStage.Push, Describe(result, output));
        foreach (var image in result.Images)
        {
            image.PlatformResults.Select(p => p.Platform).Should().Equal(Both);
            image.PlatformResults.Should().OnlyContain(p => p.Status == ImageStatus.Succeeded && p.Stage == PipelineStage.Push);
            foreach (var tag in new[] { "main", "sha-1a2b3c4" })
            {
                var index = await Client.ReadIndexAsync(Shared(image.Name, tag), CancellationToken.None);
                index.Should().NotBeNull($"{image.Name}:{tag} is an index");
                index!.Select(e => (e.Platform, e.Digest)).Should().Equal(image.PlatformResults.Select(p => (p.Platform!, p.Digest!)));
            }
            (await Client.ManifestExistsAsync(Shared(image.Name, "main"), CancellationToken.None)).Should().Be(image.Digest);
        }

        RunInRegistryImage("leaf", Platform.LinuxArm64, "cat", "/root-on", "/mid-on", "/leaf-on").Should().Equal("aarch64", "aarch64", "aarch64");
        RunInRegistryImage("leaf", Platform.LinuxAmd64, "cat", "/root-on", "/mid-on", "/leaf-on").Should().Equal("x86_64", "x86_64", "x86_64");

        var rows = result.ToRows();
        rows.Select(r => $"{r.Name} {r.Platform}").Should().Equal(
            "root linux/amd64", "root linux/arm64", "mid linux/amd64", "mid linux/arm64", "leaf linux/amd64", "leaf linux/arm64");
        rows.Should().OnlyContain(r => r.Reference!.EndsWith("-" + r.Platform!.Replace('/', '-')));
        JUnitWriter.WriteAll(result, new ArtifactPaths(Artifacts));
        File.ReadAllText(Path.Combine(Artifacts, "leaf", "linux-arm64", "junit.xml")).Should().Contain("name=\"leaf (linux/arm64)\"")
            .And.Contain("tests_common/arch.sh", "the platform check ran in a container of that platform");
        File.Exists(Path.Combine(Artifacts, "leaf", "linux-arm64", "tests", "tests_common", "arch.sh.log")).Should().BeTrue();

        // The same content again: every platform's image is found by its own fingerprint.
        var (again, againOutput) = await RunAsync();
        again.Images.Should().OnlyContain(i => i.Status == ImageStatus.Reused, Describe(again, againOutput));
        again.Images.SelectMany(i => i.PlatformResults).Should().OnlyContain(p => p.Status == ImageStatus.Reused);
        again["leaf"].Digest.Should().Be(result["leaf"].Digest, "the index is written again with the same bytes");
    }

    [EmulatedFact]
    public async Task A_test_failing_only_on_arm64_publishes_no_index_for_that_image_and_skips_what_is_below()
    {
        Root("root");
        Child("mid", "root");
        Child("leaf", "mid");
        Child("other", "root");
        _stack.WriteFile("mid/test/not-on-arm.sh", "#!/bin/sh\ntest \"$(uname -m)\" != aarch64\n", executable: true);

        var (result, output) = await RunAsync();

        var mid = result["mid"];
        mid.Status.Should().Be(ImageStatus.Failed, Describe(result, output));
        mid.Reason.Should().Be("linux/arm64: test mid/test/not-on-arm.sh failed (exit 1)");
        mid.PlatformResults.Select(p => (p.Platform, p.Status)).Should().Equal(
            (Platform.LinuxAmd64, ImageStatus.Succeeded), (Platform.LinuxArm64, ImageStatus.Failed));
        result["leaf"].Should().Match<ImageResult>(r => r.Status == ImageStatus.Skipped && r.Reason == "parent mid failed");
        result["root"].Status.Should().Be(ImageStatus.Succeeded);
        result["other"].Status.Should().Be(ImageStatus.Succeeded);

        (await Client.ManifestExistsAsync(Shared("mid", "main"), CancellationToken.None)).Should().BeNull("no half index");
        (await Client.ManifestExistsAsync(Shared("mid", "main-linux-amd64"), CancellationToken.None)).Should().BeNull("nothing of mid is pushed");
        (await Client.ReadIndexAsync(Shared("other", "main"), CancellationToken.None))!.Select(e => e.Platform).Should().Equal(Both);
    }
}
