using System.Text.RegularExpressions;

namespace Cascade.Stacks;

/// <summary>
/// Docker's reference grammar (distribution/reference), so a spec cannot name an image Docker would refuse.
/// The grammar's nested quantifiers backtrack exponentially in .NET's default engine on a near-miss, so
/// these use the non-backtracking engine (linear time, like Go's RE2 that Docker uses).
/// </summary>
internal static class DockerNames
{
    public const int MaxRepositoryLength = 255;

    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = $@"(?:{DomainComponent}(?:\.{DomainComponent})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?";

    private static readonly Regex PathComponentRegex = new($"^{PathComponent}$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    private static readonly Regex DomainRegex = new($"^{Domain}$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    private static readonly Regex RepositoryRegex = new(
        $"^(?:{Domain}/)?{PathComponent}(?:/{PathComponent})*$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    private static readonly Regex OwnerRegex = new(
        $"^{PathComponent}(?:/{PathComponent})*$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
    private static readonly Regex TagRegex = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant);
    private static readonly Regex PlatformRegex = new("^[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?$", RegexOptions.CultureInvariant);

    public const string PathComponentRule = "lowercase letters and digits, separated by single '.', '_', '__' or runs of '-'";

    /// <summary>One path component: what an image key under `images:` must be, since it is also a repository part.</summary>
    public static bool IsPathComponent(string s) => PathComponentRegex.IsMatch(s);
    public static bool IsDomain(string s) => DomainRegex.IsMatch(s);
    public static bool IsOwner(string s) => OwnerRegex.IsMatch(s);
    public static bool IsRepository(string s) => s.Length <= MaxRepositoryLength && RepositoryRegex.IsMatch(s);
    public static bool IsTag(string s) => TagRegex.IsMatch(s);
    public static bool IsPlatform(string s) => PlatformRegex.IsMatch(s);

    /// <summary>Why <paramref name="repository"/> is not a valid repository name, or null when it is.</summary>
    public static string? RepositoryProblem(string repository)
    {
        if (repository.Length > MaxRepositoryLength)
            return $"is {repository.Length} characters long; Docker allows at most {MaxRepositoryLength}";
        if (RepositoryRegex.IsMatch(repository)) return null;
        if (repository.Contains('@') || LastSegment(repository).Contains(':'))
            return "must not carry a tag or digest; Cascade adds tags itself (see tag.prefix)";
        return $"is not a valid Docker repository: each path part must be {PathComponentRule}, " +
               "optionally preceded by a registry host[:port]";
    }

    private static string LastSegment(string s) => s[(s.LastIndexOf('/') + 1)..];
}
