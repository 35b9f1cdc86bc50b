using System.Text.RegularExpressions;

namespace Cascade.Stacks;

/// <summary>
/// Docker's reference grammar (distribution/reference), so a spec cannot name an image Docker would refuse.
/// Path components, domains, owners and repositories are matched by hand, in one linear pass: the grammar's
/// nested quantifiers backtrack exponentially in .NET's default engine on a near-miss, and the non-backtracking
/// engine costs tens of milliseconds to build and warm up, which a 5,000-image spec pays on every run.
/// The regular expressions in the comments are the grammar each matcher implements.
/// </summary>
internal static class DockerNames
{
    public const int MaxRepositoryLength = 255;

    private static readonly Regex TagRegex = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);
    public const string PathComponentRule = "lowercase letters and digits, separated by single '.', '_', '__' or runs of '-'";

    /// <summary>One path component: what an image key under `images:` must be, since it is also a repository part.</summary>
    public static bool IsPathComponent(string s) => IsPathComponent(s.AsSpan());
    public static bool IsDomain(string s) => IsDomain(s.AsSpan());
    public static bool IsOwner(string s) => AllPathComponents(s.AsSpan());
    public static bool IsRepository(string s) => s.Length <= MaxRepositoryLength && MatchesRepository(s);
    public static bool IsTag(string s) => TagRegex.IsMatch(s);

    /// <summary>Why <paramref name="repository"/> is not a valid repository name, or null when it is.</summary>
    public static string? RepositoryProblem(string repository)
    {
        if (repository.Length > MaxRepositoryLength)
            return $"is {repository.Length} characters long; Docker allows at most {MaxRepositoryLength}";
        if (MatchesRepository(repository)) return null;
        if (repository.Contains('@') || LastSegment(repository).Contains(':'))
            return "must not carry a tag or digest; Cascade adds tags itself (see tag.prefix)";
        return $"is not a valid Docker repository: each path part must be {PathComponentRule}, " +
               "optionally preceded by a registry host[:port]";
    }

    private static string LastSegment(string s) => s[(s.LastIndexOf('/') + 1)..];

    private static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    // [a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)* : runs of lowercase letters and digits; between two runs
    // one '.', one '_', two '_', or any number of '-'.
    private static bool IsPathComponent(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !IsLowerAlnum(s[0]) || !IsLowerAlnum(s[^1])) return false;
        for (var i = 1; i < s.Length;)
        {
            if (IsLowerAlnum(s[i])) { i++; continue; }
            var start = i;
            while (i < s.Length && !IsLowerAlnum(s[i])) i++;
            var separator = s[start..i];
            var ok = separator is "." or "_" or "__" || !separator.ContainsAnyExcept('-');
            if (!ok) return false;
        }
        return true;
    }

    // PathComponent(?:/PathComponent)*
    private static bool AllPathComponents(ReadOnlySpan<char> s)
    {
        foreach (var range in s.Split('/'))
            if (!IsPathComponent(s[range])) return false;
        return true;
    }

    // (?:Domain/)?PathComponent(?:/PathComponent)* ; neither part holds a '/', so the first segment is the
    // domain exactly when the whole is not a plain path.
    private static bool MatchesRepository(string s)
    {
        var span = s.AsSpan();
        if (AllPathComponents(span)) return true;
        var slash = span.IndexOf('/');
        return slash > 0 && IsDomain(span[..slash]) && AllPathComponents(span[(slash + 1)..]);
    }

    // (?:DomainComponent(?:\.DomainComponent)*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?
    private static bool IsDomain(ReadOnlySpan<char> s)
    {
        // The port, if any, follows the last ':' outside the IPv6 brackets.
        var hostEnd = s.Length;
        var colon = s.LastIndexOf(':');
        if (colon >= 0 && colon > s.LastIndexOf(']'))
        {
            var port = s[(colon + 1)..];
            if (port.IsEmpty || port.ContainsAnyExceptInRange('0', '9')) return false;
            hostEnd = colon;
        }
        var host = s[..hostEnd];
        if (host.Length >= 3 && host[0] == '[' && host[^1] == ']')
        {
            foreach (var c in host[1..^1])
                if (!(char.IsAsciiHexDigit(c) || c == ':')) return false;
            return true;
        }
        if (host.IsEmpty) return false;
        foreach (var range in host.Split('.'))
            if (!IsDomainComponent(host[range])) return false;
        return true;
    }

    // [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
    private static bool IsDomainComponent(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1])) return false;
        foreach (var c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        return true;
    }
}
