using System.Text.Json.Nodes;
using Cascade.Tests.Setup;
using Cascade.Tests.Support;

namespace Cascade.Tests.Workflows;

/// <summary>
/// A user's repository as GitHub would check it out: a git repository with a busybox stack (root → mid → leaf,
/// root → sib), the workflows GenerateWorkflows wrote for it, committed, and the repository's own build.sh with a
/// build/ project, as a stack repository has them. That project stands in for Cascade's (compiled in seconds, no
/// packages): build.sh compiles it as it would compile Cascade — only when build/ is newer than its stamp — and
/// it runs this build of Cascade. Its images go to <see cref="Registry"/>, under a repository prefix no other test
/// uses; they are removed from the daemon on dispose, pass or fail.
/// </summary>
internal sealed class WorkflowRepo : IDisposable
{
    public const string Workflow = ".github/workflows/build-test-push.yml";
    public static readonly string[] Images = ["root", "mid", "leaf", "sib"];

    private readonly BusyboxStack busybox = new();

    public GitSandbox Git { get; } = new();

    /// <summary>The repository's wiki as GitHub keeps it: a bare repository (branch master, a Home page) that the
    /// executor's checkout of `&lt;repository&gt;.wiki` clones and the wiki job pushes to.</summary>
    public GitSandbox Wiki { get; } = new(init: false);

    public string Registry { get; }
    public string Owner => busybox.Prefix;

    /// <summary>GitHub's cache of this repository, kept between its runs (the executor's actions/cache).</summary>
    private readonly TempFolder _cache = new("cascade-cache-");

    public string Cache => _cache.Path;

    /// <summary>What the executor's cosign stand-in signed and attested for this repository, kept between its runs.</summary>
    private readonly TempFolder _sigstore = new("cascade-sigstore-");

    public string Sigstore => Path.Combine(_sigstore.Path, "sigstore.log");

    /// <summary>Whether a job's log shows build.sh compiling the build project: it says so (and only then), as
    /// "Compiling …" or, with no stamp yet, "First run: compiling …".</summary>
    public static bool Compiled(string log) =>
        log.Contains("Compiling ", StringComparison.Ordinal) || log.Contains("First run: compiling ", StringComparison.Ordinal);

    /// <summary>Every image's repository starts with this: the executor's clean runner removes them after each job.</summary>
    public string RepositoryPrefix => $"{Registry}/{Owner}/";

    /// <param name="platforms">Every image for linux/amd64 and linux/arm64 (the stack's default): the root copies
    /// the busybox of its TARGETARCH, so arm64 jobs need emulation here.</param>
    /// <param name="upstream">mid also copies from <see cref="Upstream"/>, an image outside the stack
    /// (`FROM … AS upstream`): an external base whose digest enters the fingerprints of mid and leaf.</param>
    /// <param name="sign">ci.sign and ci.sbom on: the run's signing job signs and attests each pushed digest.</param>
    /// <param name="feed">Set up as a user sets up a repository: cascade-setup's build project, referencing the Cascade
    /// package of this feed (named by a nuget.config), instead of the stand-in that runs this build of Cascade.</param>
    public WorkflowRepo(string registry, bool platforms = false, bool upstream = false, PackageFeed? feed = null, bool sign = false)
    {
        Registry = registry;
        this.feed = feed;
        SeedWiki();
        if (feed is null)
        {
            Git.Write(".nuke/parameters.json", "{}\n");
            WriteBuildProject();
            Git.Write(".gitignore", "artifacts/\n.nuke/temp/\nbin/\nobj/\n");
        }
        Git.Write("images/spec.yml", (platforms ? "platforms: [linux/amd64, linux/arm64]\n" : "") + $"""
            owner: {Owner}
            tag:
              prefix: wf
            ci:
              registry: "{registry}"
            {(sign ? "  sign: true\n  sbom: true\n" : "")}images:
              root:
              mid:
                depend_on: root
              leaf:
                depend_on: mid
              sib:
                depend_on: root

            """);
        if (platforms) WriteMultiPlatformRoot();
        else
        {
            Git.Write("images/root/Dockerfile", busybox.BusyboxDockerfile);
            File.Copy("/bin/busybox", Git.PathOf("images/root/busybox"));
        }
        foreach (var child in Images.Skip(1)) Git.Write($"images/{child}/Dockerfile", ChildDockerfile(child));
        if (feed is not null) SetUp(feed);
        if (upstream)
            Git.Write("images/mid/Dockerfile", $"ARG BASE_IMAGE\nFROM {Upstream} AS upstream\nFROM ${{BASE_IMAGE}}\n" +
                                               "COPY --from=upstream /upstream /upstream\nRUN echo mid > /name\n");
    }

    /// <summary>An external base image in the registry, not built by the stack (as quay.io/jupyter/… is for DataHub's).</summary>
    public string Upstream => $"{RepositoryPrefix}upstream:1";

    /// <summary>Builds <see cref="Upstream"/> holding <paramref name="content"/> and pushes it: the tag moves to a new digest.
    /// Nothing of it stays in the daemon: the workflow's jobs pull it.</summary>
    public void PushUpstream(string content)
    {
        using var temp = new TempFolder("cascade-upstream-");
        var context = temp.Path;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY upstream /upstream\n");
        File.WriteAllText(Path.Combine(context, "upstream"), content + "\n");
        DockerTestCleanup.Docker("build", "-q", "-t", Upstream, context);
        DockerTestCleanup.Docker("push", "-q", Upstream);
        DockerTestCleanup.Docker("rmi", Upstream);
    }

    /// <summary>The repository's own build.sh (this repository's, as a stack repository gets it) and global.json, and
    /// a build/ project that runs this build of Cascade with the same arguments, for the root it was compiled in.</summary>
    private void WriteBuildProject()
    {
        File.Copy(RepositoryRoot.Combine("build.sh"), Git.PathOf("build.sh"));
        File.SetUnixFileMode(Git.PathOf("build.sh"), (UnixFileMode)0b111_101_101);
        File.Copy(RepositoryRoot.Combine("global.json"), Git.PathOf("global.json"));
        Git.Write("build/_build.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>_build</AssemblyName>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>

            """);
        Git.Write("build/Program.cs", $$"""
            // Runs the Cascade the tests built, with these arguments, for the repository whose .nuke/temp/program this is.
            using System.Diagnostics;
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            start.ArgumentList.Add(@"{{CascadeProcess.DllPath}}");
            start.ArgumentList.Add("--root");
            start.ArgumentList.Add(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..")));
            foreach (var arg in args) start.ArgumentList.Add(arg);
            using var cascade = Process.Start(start)!;
            cascade.WaitForExit();
            return cascade.ExitCode;

            """);
    }

    private readonly PackageFeed? feed;

    /// <summary>What the executor's runners get besides their own environment: the feed's NuGet packages folder, so
    /// the Cascade package packed here is never taken from (or left in) the machine's cache.</summary>
    public IReadOnlyDictionary<string, string> RunnerEnvironment =>
        feed is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.Packages };

    private void SetUp(PackageFeed packages)
    {
        Git.Write("nuget.config", packages.NugetConfig);
        var (output, error) = (new StringWriter(), new StringWriter());
        Cascade.Setup.SetupCommand.Run([], Git.Root, output, error).Should().Be(0, $"{output}{error}");
    }

    private void SeedWiki()
    {
        Wiki.Git("init", "-q", "--bare", "-b", "master");
        using var first = new GitSandbox();
        first.Write("Home.md", "The wiki\n").Commit("wiki");
        first.Git("push", "-q", Wiki.Root, "main:master");
    }

    /// <summary>A file of the wiki as pushed; null when the wiki does not have it.</summary>
    public string? WikiFile(string path) =>
        WikiFiles().Contains(path) ? Wiki.Git("show", $"master:{path}") : null;

    public IReadOnlyList<string> WikiFiles() =>
        Wiki.Git("ls-tree", "--name-only", "master").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private void WriteMultiPlatformRoot()
    {
        var context = busybox.AddMultiPlatformContext("root");
        foreach (var file in Directory.GetFiles(context))
        {
            Directory.CreateDirectory(Git.PathOf("images/root"));
            File.Copy(file, Git.PathOf($"images/root/{Path.GetFileName(file)}"));
        }
    }

    public static string ChildDockerfile(string name) => $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN echo {name} > /name\n";

    /// <summary>Writes the workflows with GenerateWorkflows and commits everything; returns the commit.</summary>
    public async Task<string> GenerateAndCommitAsync(string message = "stack and workflows")
    {
        var run = await CascadeProcess.RunAsync(Git.Root, ["GenerateWorkflows"]);
        run.ExitCode.Should().Be(0, run.ToString());
        return Git.Commit(message);
    }

    public string Change(string image, string line = "RUN echo changed > /changed")
    {
        File.AppendAllText(Git.PathOf($"images/{image}/Dockerfile"), line + "\n");
        return Git.Commit($"change {image}");
    }

    /// <summary>The tags the registry holds for one image of this stack (none when it was never pushed).</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string image)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://{Registry}/v2/{Owner}/{image}/tags/list");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        var tags = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tags"]?.AsArray();
        return tags?.Select(t => t!.GetValue<string>()).ToList() ?? [];
    }

    public static string ShaTag(string commit) => "sha-" + commit[..7];

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(Owner);
        busybox.Dispose();
        Git.Dispose();
        Wiki.Dispose();
        _cache.Dispose();
        _sigstore.Dispose();
    }
}
