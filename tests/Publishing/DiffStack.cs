using Cascade.Tests.Cli;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>
/// A stack pushed on main to a registry of its own — base (root), app, sib and old on it, each FROM scratch + busybox —
/// then a branch that changes app alone (a file of <see cref="BlobBytes"/> random bytes added, one line of its
/// pip-list-like PKGS output changed), removes old and adds fresh, pushed too. Every image and container is removed on dispose.
/// </summary>
public sealed class DiffStack : IDisposable
{
    public const int BlobBytes = 3_000_000;
    public const string Branch = "feature";

    public RegistryFixture Registry { get; } = new();
    internal CliRepo Repo { get; } = new();
    public string Owner { get; } = $"cascade-diff-{Guid.NewGuid():N}"[..24];
    public CascadeRun MainPush { get; }
    public CascadeRun BranchPush { get; }

    private const string Packages = "Package    Version\n---------- -------\nnumpy      1.26.0\npandas     2.2.0\nrequests   2.31.0\n";

    public DiffStack()
    {
        Repo.Write("images/spec.yml", Spec("old: {depend_on: base}"));
        Repo.Write("images/base/Dockerfile",
            $"FROM scratch\nLABEL cascade.test.stack={Owner}\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\",\"--install\",\"-s\",\"/bin\"]\n");
        foreach (var child in new[] { "app", "sib", "old" })
            Repo.Write($"images/{child}/Dockerfile", $"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nCOPY pkgs.txt /etc/pkgs.txt\n")
                .Write($"images/{child}/pkgs.txt", Packages);
        File.Copy("/bin/busybox", Repo.PathOf("images/base/busybox"));
        Repo.Commit("stack");
        MainPush = Push("main");

        Repo.Git.Git("checkout", "-q", "-b", Branch);
        Repo.Edit("images/app/pkgs.txt", "numpy      1.26.0", "numpy      2.0.0")
            .Edit("images/app/Dockerfile", "COPY pkgs.txt", "COPY blob.bin /opt/blob.bin\nCOPY pkgs.txt");
        File.WriteAllBytes(Repo.PathOf("images/app/blob.bin"), RandomBytes(BlobBytes)); // random: compresses to its own size
        Directory.Delete(Repo.PathOf("images/old"), recursive: true);
        Repo.Write("images/spec.yml", Spec("fresh: {depend_on: base}"))
            .Write("images/fresh/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo fresh > /etc/fresh\n");
        Repo.Commit("app grows, old goes, fresh comes");
        BranchPush = Push(Branch, "--base-ref", "main");
    }

    private string Spec(string fourth) => $$"""
        owner: {{Owner}}
        all_info_cmds:
          PKGS: {description: Python packages, command: cat /etc/pkgs.txt}
        images:
          base: {}
          app: {depend_on: base, info_cmds: [PKGS]}
          sib: {depend_on: base, info_cmds: [PKGS]}
          {{fourth}}
        """;

    private CascadeRun Push(string branch, params string[] more) =>
        Repo.RunAsync(["Push", .. more, "--branch", branch, "--registry", Registry.Host]).GetAwaiter().GetResult();

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(19).NextBytes(bytes);
        return bytes;
    }

    public string ArtifactsFolder => Repo.PathOf("artifacts/images");

    public void Dispose()
    {
        DockerTestCleanup.RemoveImagesWithPrefix(Owner);
        Repo.Dispose();
        Registry.Dispose();
    }
}
