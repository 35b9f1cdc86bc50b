using System.Text.RegularExpressions;
using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

/// <summary>The hand-written name matchers against the distribution/reference grammar written as regular
/// expressions (the form DockerNames used before): they must agree on every string.</summary>
public class DockerNamesTests
{
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = $@"(?:{DomainComponent}(?:\.{DomainComponent})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?";
    private static readonly Regex PathComponentRegex = new($@"^{PathComponent}\z", RegexOptions.NonBacktracking);
    private static readonly Regex DomainRegex = new($@"^{Domain}\z", RegexOptions.NonBacktracking);
    private static readonly Regex OwnerRegex = new($@"^{PathComponent}(?:/{PathComponent})*\z", RegexOptions.NonBacktracking);
    private static readonly Regex RepositoryRegex = new($@"^(?:{Domain}/)?{PathComponent}(?:/{PathComponent})*\z", RegexOptions.NonBacktracking);

    public static TheoryData<string> Samples() =>
    [
        "a", "a0", "a.b", "a_b", "a__b", "a___b", "a-b", "a---b", "a.-b", "a..b", "-a", "a-", "A", "a/b", "a//b", "/a",
        "ghcr.io/owner/name", "localhost:5000/x", "[::1]:5000/x", "[::1]/x", "[::1]:/x", "[]:5/x", "a:b:5/x", "Host-1.Example/x",
        "-host/x", "host-/x", "ho..st/x", "host:/x", "host:5000", "ghcr.io/Owner/name", "a/b/c/d", "x.y/z:latest", "",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Agrees_with_the_grammar_on_known_cases(string s) => AgreeOn(s);

    [Fact]
    public void Agrees_with_the_grammar_on_many_random_strings()
    {
        // A small alphabet makes every separator, boundary and port shape come up many times.
        const string alphabet = "ab0Z.-_/:[]9";
        var random = new Random(7);
        for (var n = 0; n < 30_000; n++)
        {
            var chars = new char[random.Next(0, 11)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            AgreeOn(new string(chars));
        }
    }

    private static void AgreeOn(string s)
    {
        DockerNames.IsPathComponent(s).Should().Be(PathComponentRegex.IsMatch(s), $"IsPathComponent(\"{s}\")");
        DockerNames.IsDomain(s).Should().Be(DomainRegex.IsMatch(s), $"IsDomain(\"{s}\")");
        DockerNames.IsOwner(s).Should().Be(OwnerRegex.IsMatch(s), $"IsOwner(\"{s}\")");
        DockerNames.IsRepository(s).Should().Be(RepositoryRegex.IsMatch(s), $"IsRepository(\"{s}\")");
        (DockerNames.RepositoryProblem(s) is null).Should().Be(RepositoryRegex.IsMatch(s), $"RepositoryProblem(\"{s}\")");
    }
}
