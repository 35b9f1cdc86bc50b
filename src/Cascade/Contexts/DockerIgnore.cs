using System.Text.RegularExpressions;
using Cascade.Text;

namespace Cascade.Contexts;

/// <summary>
/// A .dockerignore matcher with Docker's semantics: patterns are anchored at the context root,
/// <c>*</c> and <c>?</c> never cross a <c>/</c>, <c>**</c> crosses any number of directories,
/// <c>!</c> makes an exception, and the last pattern that matches a path (or one of its parents) wins.
/// Paths given to it are context-relative with forward slashes.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<IgnorePattern> _patterns;

    private DockerIgnore(IReadOnlyList<IgnorePattern> patterns) => _patterns = patterns;

    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>The cleaned pattern texts, exceptions prefixed with <c>!</c>, in file order.</summary>
    public IReadOnlyList<string> Patterns => _patterns.Select(p => p.ToString()).ToList();

    /// <summary>Parses .dockerignore text the way Docker's ignorefile.ReadAll does.</summary>
    public static DockerIgnore Parse(string text, params string[] alwaysInclude)
    {
        var patterns = new List<IgnorePattern>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        foreach (var raw in lines)
        {
            // Docker drops comment lines before trimming, so " # x" is a pattern, "# x" is not.
            if (raw.StartsWith('#')) continue;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var exception = line[0] == '!';
            if (exception) line = line[1..].Trim();
            if (line.Length == 0) continue;
            line = CleanPath(line);
            if (line.Length > 1 && line[0] == '/') line = line[1..];
            patterns.Add(new IgnorePattern(line, exception));
        }

        var ignore = new DockerIgnore(patterns);
        // Like the docker CLI: the Dockerfile and .dockerignore are always sent, by appending exceptions.
        foreach (var path in alwaysInclude)
        {
            var clean = CleanPath(path.Replace('\\', '/'));
            if (ignore.IsExcluded(clean))
                patterns.Add(new IgnorePattern(clean, IsException: true));
        }
        return ignore;
    }

    /// <summary>Reads <c>&lt;dockerfile&gt;.dockerignore</c> next to the Dockerfile when present (BuildKit's rule),
    /// else the context's .dockerignore, else nothing.</summary>
    public static DockerIgnore Load(string contextDirectory, string dockerfile)
    {
        var specific = Path.Combine(contextDirectory, dockerfile + ".dockerignore");
        var general = Path.Combine(contextDirectory, ".dockerignore");
        var file = File.Exists(specific) ? specific : File.Exists(general) ? general : null;
        var text = file is null ? "" : File.ReadAllText(file);
        return Parse(text, dockerfile, ".dockerignore");
    }

    /// <summary>True when <paramref name="relativePath"/> must not be sent: the last pattern matching it
    /// or one of its parent directories is an exclusion.</summary>
    public bool IsExcluded(string relativePath)
    {
        var path = CleanPath(relativePath);
        var parents = ParentsOf(path);
        var matched = false;
        foreach (var pattern in _patterns)
        {
            // An exclusion cannot change an excluded path, nor an exception an included one.
            if (pattern.IsException != matched) continue;
            if (pattern.Matches(path) || parents.Any(pattern.Matches))
                matched = !pattern.IsException;
        }
        return matched;
    }

    /// <summary>For an excluded directory: true when some exception might re-include a path inside it,
    /// so the walker must still descend. Errs on the side of descending (never loses a file).</summary>
    public bool MayReincludeInside(string directory)
    {
        var dirSlash = CleanPath(directory) + "/";
        foreach (var pattern in _patterns.Where(p => p.IsException))
        {
            var literal = pattern.LiteralPrefix;
            if (literal.StartsWith(dirSlash, StringComparison.Ordinal) || dirSlash.StartsWith(literal, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static List<string> ParentsOf(string path)
    {
        var parents = new List<string>();
        for (var i = path.IndexOf('/'); i >= 0; i = path.IndexOf('/', i + 1))
            parents.Add(path[..i]);
        return parents;
    }

    /// <summary>Go's filepath.Clean for slash paths: collapses //, removes . and resolves .. lexically.</summary>
    internal static string CleanPath(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    private sealed record IgnorePattern(string Text, bool IsException)
    {
        private readonly Regex _regex = new(GlobRegex.Translate(Text, braces: false) + "$", RegexOptions.CultureInvariant);

        /// <summary>The pattern up to its first wildcard: every path it can match starts with this.</summary>
        public string LiteralPrefix
        {
            get
            {
                var i = GlobRegex.FirstWildcard(Text, braces: false);
                return i < 0 ? Text + "/" : Text[..i];
            }
        }

        public bool Matches(string path) => _regex.IsMatch(path);

        public override string ToString() => IsException ? "!" + Text : Text;
    }
}
