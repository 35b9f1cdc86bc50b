using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

/// <summary>One way to reach registries: one client policy, one timeout rule, one credential rule.</summary>
public sealed class RegistryAccessTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-access-");
    private string _dockerConfig => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_client_has_the_one_request_timeout()
    {
        using var http = RegistryAccess.NewHttpClient();
        http.Timeout.Should().Be(RegistryAccess.RequestTimeout);
    }

    [Fact]
    public void No_other_HttpClient_is_made_in_the_product()
    {
        ProductSources.LinesContaining("new HttpClient").Should().BeEmpty();
        // A class may take a client it is given (PullRequestComment); whoever makes one asks RegistryAccess for it.
        ProductSources.LinesContaining("HttpClient", except: ["Registry/RegistryAccess.cs", "Registry/RegistryClient.cs", "Registry/HttpWarmUp.cs",
                "Publishing/PullRequestComment.cs"])
            .Where(at => !ProductSources.Line(at).Contains("RegistryAccess.NewHttpClient()", StringComparison.Ordinal))
            .Should().BeEmpty("every HTTP client comes from RegistryAccess");
    }

    [Fact]
    public void The_login_parameters_go_to_the_push_registry_and_to_no_other_host()
    {
        var logins = new RegistryLogins("reg.example:5000", "me", "s3cret", Environment);

        logins.For("reg.example:5000").Should().Be(new RegistryCredentials("reg.example:5000", "me", "s3cret"));
        logins.ForPush().Should().Be(logins.For("reg.example:5000"));
        logins.For("quay.io").Should().BeNull("an external base's registry is never sent the push registry's login");
    }

    [Fact]
    public void Every_host_gets_its_own_login_from_dockers_config_and_the_variables_only_through_the_parameters()
    {
        File.WriteAllText(Path.Combine(_dockerConfig, "config.json"),
            """{"auths":{"quay.io":{"auth":"cTpwdw=="},"reg.example:5000":{"auth":"ZDpwdw=="}}}""");
        var variables = new Dictionary<string, string?> { ["REGISTRY_USERNAME"] = "env", ["REGISTRY_PASSWORD"] = "pw" };
        var logins = new RegistryLogins("reg.example:5000", null, null, n => variables.GetValueOrDefault(n) ?? Environment(n));

        logins.For("quay.io")!.Username.Should().Be("q");
        logins.ForPush()!.Username.Should().Be("d", "REGISTRY_USERNAME reaches the push registry as the --registry-username parameter");
    }

    /// <summary>An environment whose docker config folder is empty: nothing of the machine's own logins is read.</summary>
    private string? Environment(string name) => name == "DOCKER_CONFIG" ? _dockerConfig : null;
}
