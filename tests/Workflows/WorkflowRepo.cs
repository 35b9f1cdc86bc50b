using System.Text.Json.Nodes;
using Cascade.Tests.Changes;
using Cascade.Tests.Support;

namespace Cascade.Tests.Workflows;

/// <summary>
/// A user's repository as GitHub would check it out: a git repository with a busybox stack (root → mid → leaf,
/// root → sib), a build.sh that runs this build of Cascade, and the workflows GenerateWorkflows wrote for it,
/// committed. Its images go to <see cref="Registry"/>, under a repository prefix no other test uses; they are
/// removed from the daemon on dispose, pass or fail.
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

    /// <summary>Every image's repository starts with this: the executor's clean runner removes them after each job.</summary>
    public string RepositoryPrefix => $"{Registry}/{Owner}/";

    /// <param name="platforms">Every image for linux/amd64 and linux/arm64 (the stack's default): the root copies
    /// the busybox of its TARGETARCH, so arm64 jobs need emulation here.</param>
    public WorkflowRepo(string registry, bool platforms = false)
    {
        Registry = registry;
        SeedWiki();
        Git.Write(".nuke/parameters.json", "{}\n");
        // The repository's build.sh is Cascade itself: this build of it, as the tests have it.
        Git.Write("build.sh", $"#!/usr/bin/env bash\nexec dotnet {CascadeProcess.DllPath} --root \"$(cd \"$(dirname \"$0\")\" && pwd)\" \"$@\"\n");
        File.SetUnixFileMode(Git.PathOf("build.sh"), (UnixFileMode)0b111_101_101);
        Git.Write(".gitignore", "artifacts/\n.nuke/temp/\n");
        Git.Write("images/spec.yml", (platforms ? "platforms: [linux/amd64, linux/arm64]\n" : "") + $"""
            owner: {Owner}
            tag:
              prefix: wf
            ci:
              registry: "{registry}"
            images:
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
    }
}
