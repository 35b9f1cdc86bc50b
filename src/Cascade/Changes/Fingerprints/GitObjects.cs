using System.Security.Cryptography;
using System.Text;

namespace Cascade.Changes.Fingerprints;

/// <summary>
/// Git's object ids, computed the way git computes them: a blob is `blob &lt;size&gt;\0&lt;bytes&gt;`, a tree
/// lists `&lt;mode&gt; &lt;name&gt;\0&lt;raw id&gt;` in git's order. Computing them here lets a context that git
/// knows (its tree id, read from git) and one walked on disk (dirty, or filtered by .dockerignore) give the
/// same id for the same content, so a fingerprint does not depend on how its content was read.
/// No library offers this without a native git (LibGit2Sharp would add one), so it is written here; it is small.
/// </summary>
internal sealed class GitObjects(string objectFormat)
{
    public static GitObjects Sha1 { get; } = new("sha1");

    /// <summary>"sha1" or "sha256", as `git rev-parse --show-object-format` says.</summary>
    public string ObjectFormat { get; } = objectFormat;

    private IncrementalHash NewHash() => ObjectFormat == "sha256"
        ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
        : IncrementalHash.CreateHash(HashAlgorithmName.SHA1);

    public string BlobId(ReadOnlySpan<byte> content)
    {
        using var hash = NewHash();
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The blob id of a file's content, read in chunks (contexts may hold large files).</summary>
    public string BlobIdOfFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var hash = NewHash();
        hash.AppendData(Encoding.ASCII.GetBytes($"blob {file.Length}\0"));
        var buffer = new byte[1 << 16];
        int read;
        while ((read = file.Read(buffer)) > 0) hash.AppendData(buffer.AsSpan(0, read));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The id of a tree holding <paramref name="entries"/>; git sorts names as if a tree's name ended in '/'.</summary>
    public string TreeId(IEnumerable<TreeEntry> entries)
    {
        using var body = new MemoryStream();
        foreach (var e in entries.OrderBy(e => e.IsTree ? e.Name + "/" : e.Name, StringComparer.Ordinal))
        {
            body.Write(Encoding.UTF8.GetBytes($"{e.Mode} {e.Name}\0"));
            body.Write(Convert.FromHexString(e.Id));
        }
        using var hash = NewHash();
        hash.AppendData(Encoding.ASCII.GetBytes($"tree {body.Length}\0"));
        hash.AppendData(body.GetBuffer().AsSpan(0, (int)body.Length));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>One entry of a git tree. Modes are git's: 100644, 100755, 120000 (symlink), 40000 (tree).</summary>
internal sealed record TreeEntry(string Mode, string Name, string Id)
{
    public const string TreeMode = "40000";
    public bool IsTree => Mode == TreeMode;
}
