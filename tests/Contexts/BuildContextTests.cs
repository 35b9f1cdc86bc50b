using Cascade.Contexts;
using System.Formats.Tar;
using Cascade.Docker;
using Cascade.Tests.Support;

namespace Cascade.Tests.Contexts;

public sealed class BuildContextTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-ctx-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private void Write(string relative, string content = "x")
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static async Task<List<TarEntry>> ReadAllAsync(Stream stream)
    {
        var entries = new List<TarEntry>();
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            entries.Add(entry);
        return entries;
    }

    [Fact]
    public async Task Tar_honours_dockerignore_keeps_modes_and_symlinks_in_sorted_order()
    {
        Write("docker/Dockerfile", "FROM scratch\n");
        Write(".dockerignore", "*.log\nsecrets\n!secrets/public.txt\ndocker\ncache/\n");
        Write("b.txt", "b");
        Write("a.txt", "a");
        Write("run.sh", "#!/bin/sh\necho hi\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(_dir, "run.sh"), (UnixFileMode)0b111_101_101);
        Write("debug.log");
        Write("sub/deep.log");
        Write("secrets/private.key");
        Write("secrets/public.txt", "pub");
        Write("cache/big.bin");
        File.CreateSymbolicLink(Path.Combine(_dir, "link-to-a"), "a.txt");

        var context = new BuildContext(_dir, "docker/Dockerfile");
        await using var stream = context.OpenTarStream(CancellationToken.None);
        var entries = await ReadAllAsync(stream);
        var names = entries.Select(e => e.Name).ToList();

        names.Should().Equal(".dockerignore", "a.txt", "b.txt", "docker/Dockerfile", "link-to-a", "run.sh",
            "secrets/public.txt", "sub/", "sub/deep.log");
        // "*.log" is anchored at the root: sub/deep.log stays, debug.log goes.
        entries.Single(e => e.Name == "run.sh").Mode.Should().Be((UnixFileMode)0b111_101_101);
        var link = entries.Single(e => e.Name == "link-to-a");
        link.EntryType.Should().Be(TarEntryType.SymbolicLink);
        link.LinkName.Should().Be("a.txt");
        var pub = entries.Single(e => e.Name == "secrets/public.txt");
        new StreamReader(pub.DataStream!).ReadToEnd().Should().Be("pub");
        context.EnumerateIncludedPaths().Should().Equal(names.Select(n => n.TrimEnd('/')));
    }

    [Fact]
    public async Task Tar_is_streamed_not_buffered()
    {
        Write("Dockerfile", "FROM scratch\n");
        // 256 MB through a 1 MB pipe: a context buffered in memory would allocate at least its whole size.
        var big = Path.Combine(_dir, "big.bin");
        await using (var f = File.Create(big)) f.SetLength(256L << 20);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var stream = new BuildContext(_dir, "Dockerfile").OpenTarStream(CancellationToken.None);
        var buffer = new byte[81920];
        long total = 0, liveMidway = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            total += n;
            // Halfway through, what is alive must be the pipe's window, not the context.
            if (liveMidway == 0 && total > 128L << 20)
                liveMidway = GC.GetTotalMemory(forceFullCollection: true) - before;
        }
        total.Should().BeGreaterThan(256L << 20);
        liveMidway.Should().BeLessThan(32L << 20);
    }

    [Fact]
    public async Task The_Dockerfile_as_sent_replaces_the_file_and_its_file_steps_get_an_empty_folder()
    {
        Write("Dockerfile", "FROM scratch\nARG TARGETARCH\n");
        var folder = new BuildContext(_dir, "Dockerfile");
        var sent = SentDockerfile.Compose(folder.ReadDockerfile(),
            new ImageBuildRequest(_dir, "Dockerfile", ["x:1"], new Dictionary<string, string>(), new Dictionary<string, string>(),
                Cascade.Stacks.Platform.LinuxArm64), Cascade.Stacks.Platform.LinuxAmd64);

        await using var stream = folder.Sending(sent.Text, sent.FileStepsAfter.Count > 0).OpenTarStream(CancellationToken.None);
        var entries = await ReadAllAsync(stream);

        entries.Select(e => (e.Name, e.EntryType)).Should().Equal(("Dockerfile", TarEntryType.RegularFile), (".cascade-empty/", TarEntryType.Directory));
        new StreamReader(entries[0].DataStream!).ReadToEnd().Should().Be(sent.Text);
        File.ReadAllText(Path.Combine(_dir, "Dockerfile")).Should().Be("FROM scratch\nARG TARGETARCH\n", "the folder is never written");
    }

    [Fact]
    public void Dockerfile_outside_context_is_rejected_with_a_clear_message()
    {
        var act = () => new BuildContext(_dir, "../Dockerfile");
        act.Should().Throw<ArgumentException>().WithMessage("*must be a path inside the build context*");
        var missing = () => new BuildContext(_dir, "Dockerfile");
        missing.Should().Throw<FileNotFoundException>().WithMessage("*Dockerfile*not found*");
    }
}
