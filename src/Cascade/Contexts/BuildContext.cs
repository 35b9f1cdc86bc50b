using System.Formats.Tar;
using System.IO.Pipelines;

namespace Cascade.Contexts;

/// <summary>
/// The build context of one image as a tar stream produced on the fly: a background task walks the
/// folder (honouring .dockerignore) and writes tar entries into a pipe whose other end is the request
/// body, so a multi-gigabyte context is never held in memory. Entries come in ordinal path order,
/// keep their Unix mode (executable bits) and symlinks stay symlinks.
/// </summary>
internal sealed class BuildContext
{
    private readonly string _root;
    private readonly DockerIgnore _ignore;
    private readonly byte[]? _sentDockerfile;
    private readonly bool _withEmptyFolder;

    public BuildContext(string contextDirectory, string dockerfile)
    {
        _root = Path.GetFullPath(contextDirectory);
        if (!Directory.Exists(_root))
            throw new DirectoryNotFoundException($"Build context folder '{contextDirectory}' does not exist.");
        Dockerfile = NormalizeDockerfile(dockerfile);
        if (!File.Exists(Path.Combine(_root, Dockerfile)))
            throw new FileNotFoundException(
                $"Dockerfile '{Dockerfile}' not found in build context '{contextDirectory}'. The Dockerfile must live inside the context folder.",
                Path.Combine(_root, Dockerfile));
        _ignore = DockerIgnore.Load(_root, Dockerfile);
    }

    /// <summary>The empty folder a Dockerfile's added file steps copy (a foreign-platform `FROM scratch`), sent with
    /// the context when asked.</summary>
    public const string EmptyFolder = ".cascade-empty";

    private BuildContext(BuildContext plain, string sentDockerfile, bool withEmptyFolder)
    {
        (_root, _ignore, Dockerfile) = (plain._root, plain._ignore, plain.Dockerfile);
        _sentDockerfile = System.Text.Encoding.UTF8.GetBytes(sentDockerfile);
        _withEmptyFolder = withEmptyFolder;
    }

    /// <summary>The same context with <paramref name="sentDockerfile"/> in place of its Dockerfile, and the empty
    /// folder that added file steps copy when <paramref name="withEmptyFolder"/>.</summary>
    public BuildContext Sending(string sentDockerfile, bool withEmptyFolder) => new(this, sentDockerfile, withEmptyFolder);

    /// <summary>The Dockerfile as it is in the folder.</summary>
    public string ReadDockerfile() => File.ReadAllText(Path.Combine(_root, Dockerfile));

    /// <summary>The Dockerfile path relative to the context, with forward slashes.</summary>
    public string Dockerfile { get; }

    /// <summary>Context-relative paths that will be sent, in tar order (directories end without a slash).</summary>
    public IEnumerable<string> EnumerateIncludedPaths() => Walk(_root, "").Select(e => e.RelativePath);

    /// <summary>The entries that will be sent, in tar order: what a fingerprint of the context reads.</summary>
    public IEnumerable<ContextEntry> EnumerateEntries() => Walk(_root, "");

    /// <summary>Opens the tar stream. The producer runs until the stream is read to its end; an error while
    /// reading the folder surfaces as an IOException from the returned stream's reads.</summary>
    public Stream OpenTarStream(CancellationToken ct)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        _ = Task.Run(async () =>
        {
            try
            {
                await WriteTarAsync(pipe.Writer.AsStream(leaveOpen: true), ct);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        }, CancellationToken.None);
        return pipe.Reader.AsStream();
    }

    private async Task WriteTarAsync(Stream output, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in Walk(_root, ""))
        {
            ct.ThrowIfCancellationRequested();
            var tarEntry = ToTarEntry(entry);
            try { await tar.WriteEntryAsync(tarEntry, ct); }
            finally { if (tarEntry.DataStream is { } data) await data.DisposeAsync(); }
        }
        if (_withEmptyFolder)
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, EmptyFolder + "/")
            {
                ModificationTime = DateTimeOffset.UnixEpoch, Uid = 0, Gid = 0, Mode = ContextEntry.FolderMode,
            }, ct);
    }

    private PaxTarEntry ToTarEntry(ContextEntry entry)
    {
        var info = entry.Info;
        var type = entry.IsSymlink ? TarEntryType.SymbolicLink
            : entry.IsDirectory ? TarEntryType.Directory
            : TarEntryType.RegularFile;
        var name = entry.IsDirectory && !entry.IsSymlink ? entry.RelativePath + "/" : entry.RelativePath;
        var tarEntry = new PaxTarEntry(type, name)
        {
            ModificationTime = info.LastWriteTimeUtc,
            Uid = 0,
            Gid = 0,
        };
        tarEntry.Mode = entry.Mode;
        if (entry.IsSymlink)
            tarEntry.LinkName = info.LinkTarget!;
        else if (type == TarEntryType.RegularFile && _sentDockerfile is not null && entry.RelativePath == Dockerfile)
            tarEntry.DataStream = new MemoryStream(_sentDockerfile, writable: false);
        else if (type == TarEntryType.RegularFile)
            tarEntry.DataStream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return tarEntry;
    }

    // Depth-first, children sorted ordinally, so the same folder always yields the same tar.
    private IEnumerable<ContextEntry> Walk(string directory, string relative)
    {
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(i => i.Name, StringComparer.Ordinal);
        foreach (var child in children)
        {
            var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
            var isSymlink = child.LinkTarget is not null;
            var isDirectory = !isSymlink && (child.Attributes & FileAttributes.Directory) != 0;
            var excluded = _ignore.IsExcluded(path);
            if (!excluded)
                yield return new ContextEntry(path, child, isDirectory, isSymlink);
            if (!isDirectory) continue;
            // Docker skips an excluded directory unless an exception might re-include something inside.
            if (excluded && !_ignore.MayReincludeInside(path)) continue;
            foreach (var inner in Walk(child.FullName, path))
                yield return inner;
        }
    }

    private static string NormalizeDockerfile(string dockerfile)
    {
        var clean = DockerIgnore.CleanPath(dockerfile.Replace('\\', '/'));
        if (clean.StartsWith('/') || clean.StartsWith("../", StringComparison.Ordinal) || clean == "..")
            throw new ArgumentException($"Dockerfile '{dockerfile}' must be a path inside the build context.", nameof(dockerfile));
        return clean;
    }

}

/// <summary>One file, folder or symlink of a build context.</summary>
internal sealed record ContextEntry(string RelativePath, FileSystemInfo Info, bool IsDirectory, bool IsSymlink)
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101, Plain = (UnixFileMode)0b110_100_100;

    /// <summary>A folder's mode as sent.</summary>
    public const UnixFileMode FolderMode = Executable;

    /// <summary>The mode sent, reduced to what git records (0755 or 0644 for a file, 0755 for a folder,
    /// 0777 for a symlink): the umask of whoever cloned the repository must not change the image, and a
    /// fingerprint read from git's trees must describe exactly what is sent.</summary>
    public UnixFileMode Mode => IsSymlink ? (UnixFileMode)0b111_111_111
        : IsDirectory || IsExecutable ? Executable : Plain;

    public bool IsExecutable => !OperatingSystem.IsWindows() && (Info.UnixFileMode & UnixFileMode.UserExecute) != 0;
}
