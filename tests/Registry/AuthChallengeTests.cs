using Cascade.Registry;

namespace Cascade.Tests.Registry;

public class AuthChallengeTests
{
    [Fact]
    public void Parses_a_bearer_challenge_with_commas_inside_the_scope()
    {
        var parameters = AuthChallenge.ParseParameters(
            "realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:org/img:pull,push\"");
        var challenge = new AuthChallenge("Bearer", parameters);

        challenge.IsBearer.Should().BeTrue();
        challenge.Realm.Should().Be("https://ghcr.io/token");
        challenge.Service.Should().Be("ghcr.io");
        challenge.Scope.Should().Be("repository:org/img:pull,push");
    }

    [Fact]
    public void Parses_unquoted_values_and_escapes()
    {
        var parameters = AuthChallenge.ParseParameters("realm=plain, error=\"say \\\"hi\\\"\"");
        parameters["realm"].Should().Be("plain");
        parameters["error"].Should().Be("say \"hi\"");
    }
}
