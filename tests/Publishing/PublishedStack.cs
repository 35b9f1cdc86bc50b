using Cascade.Registry;
using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// A three-image chain (base → child → leaf, FROM scratch + busybox) pushed once through the CLI to a
/// registry of its own (whose access log the tests read). base documents itself with a short and a long
/// info command; leaf has gpu_tests. Every image and container is removed on dispose.
/// </summary>
public sealed class PublishedStack : IDisposable
{
    public RegistryFixture Registry { get; } = new();
    internal CliRepo Repo { get; } = new();
    public string Owner { get; } = $"cascade-pub-{Guid.NewGuid():N}"[..24];
    public CascadeRun Push { get; }
    public const string Branch = "main";
    private readonly HttpClient _http = new();

    public PublishedStack()
    {
        Repo.Write("images/spec.yml", $"""
            owner: {Owner}
            all_info_cmds:
              SHORT: {"{"}description: Greeting, command: echo hello from base{"}"}
              LONG: {"{"}description: Numbers, command: seq 1 40{"}"}
            images:
              base:
                info_cmds: [SHORT, LONG]
              child:
                depend_on: base
                build_args: {"{"}FLAVOUR: mild{"}"}
              leaf:
                depend_on: child
                gpu_tests: [leaf/gpu]
            """);
        Repo.Write("images/base/Dockerfile",
                $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\n" +
                "RUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\nRUN echo base > /etc/base-marker\n")
            .Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG FLAVOUR\nRUN echo $FLAVOUR > /etc/child-marker\n")
            .Write("images/leaf/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo leaf > /etc/leaf-marker\n")
            .Write("images/leaf/.dockerignore", "gpu\n")
            .Write("images/leaf/gpu/nvidia.sh", "#!/bin/sh\nnvidia-smi\n")
            .Write("images/tests_common/shell.sh", "#!/bin/sh\ntest -x /bin/sh\n");
        File.Copy("/bin/busybox", Repo.PathOf("images/base/busybox"));
        // In-container tests are files with a shebang and an exec bit.
        foreach (var test in new[] { "images/leaf/gpu/nvidia.sh", "images/tests_common/shell.sh" })
            File.SetUnixFileMode(Repo.PathOf(test), (UnixFileMode)0b111_101_101);
        Repo.Commit("stack");
        Push = Repo.RunAsync("Push", "--all", "--branch", Branch, "--registry", Registry.Host).GetAwaiter().GetResult();
    }

    internal RegistryClient Client => new(_http, _ => null, TimeSpan.FromMilliseconds(50));

    internal ImageReference Reference(string image, string tag) => ImageReference.Parse($"{Registry.Host}/{Owner}/{image}:{tag}");

    public Task<string?> DigestAsync(string image, string tag) => Client.ManifestExistsAsync(Reference(image, tag), CancellationToken.None);

    public Task<IReadOnlyList<string>> TagsAsync(string image) => Client.ListTagsAsync(Reference(image, "x"), CancellationToken.None);

    public string ManifestsFolder => Repo.PathOf("artifacts/images/manifests");

    public string LedgerFile => Repo.PathOf("artifacts/images/ledger.json");

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(Owner);
        Repo.Dispose();
        Registry.Dispose();
        _http.Dispose();
    }
}
