using System.Text;
using Cascade.Docker;
using Cascade.Registry;
using Cascade.Tests.Support;

namespace Cascade.Tests.Registry;

public sealed class CredentialStoreTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-creds-");
    private string _folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Config(string json)
    {
        var path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string AuthsJson(string key, string auth) =>
        System.Text.Json.JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [key] = new { auth } } });

    private static string Auth(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public void Environment_wins_over_the_docker_config()
    {
        var env = new Dictionary<string, string> { ["REGISTRY_USERNAME"] = "env-user", ["REGISTRY_PASSWORD"] = "env-pass" };
        var store = new CredentialStore(env.GetValueOrDefault, Config(AuthsJson("ghcr.io", Auth("cfg", "cfgpass"))));
        store.Find("ghcr.io").Should().Be(new RegistryCredentials("ghcr.io", "env-user", "env-pass"));
    }

    [Fact]
    public void Environment_credentials_stay_with_their_registry_server_when_named()
    {
        var env = new Dictionary<string, string> { ["REGISTRY_USERNAME"] = "u", ["REGISTRY_PASSWORD"] = "p", ["REGISTRY_SERVER"] = "ghcr.io" };
        var store = new CredentialStore(env.GetValueOrDefault, null);
        store.Find("ghcr.io").Should().NotBeNull();
        store.Find("quay.io").Should().BeNull("a password for one registry is never sent to another");
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("https://ghcr.io", "ghcr.io")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    public void Docker_config_auths_are_matched_by_host(string key, string registry)
    {
        var store = new CredentialStore(_ => null, Config(AuthsJson(key, Auth("me", "pa:ss"))));
        store.Find(registry).Should().Be(new RegistryCredentials(registry, "me", "pa:ss"));
        store.Find("elsewhere.example").Should().BeNull();
    }

    [Fact]
    public void Broken_config_errors_name_the_file_but_never_the_secret()
    {
        var secret = "hunter2-" + Guid.NewGuid().ToString("N");
        var path = Config(AuthsJson("ghcr.io", secret));
        var store = new CredentialStore(_ => null, path);
        var act = () => store.Find("ghcr.io");
        var message = act.Should().Throw<InvalidDataException>().Which.Message;
        message.Should().Contain(path).And.Contain("docker login").And.NotContain(secret);
    }

    [Fact]
    public void The_store_of_an_environment_reads_the_config_in_DOCKER_CONFIG()
    {
        Config(AuthsJson("ghcr.io", Auth("cfg-user", "cfg-pass")));
        var env = new Dictionary<string, string> { ["DOCKER_CONFIG"] = _folder };

        CredentialStore.FromEnvironment(env.GetValueOrDefault).Find("ghcr.io")
            .Should().Be(new RegistryCredentials("ghcr.io", "cfg-user", "cfg-pass"));
    }

    [Fact]
    public void A_redactor_for_credentials_hides_the_password_and_its_base64_form()
    {
        var credentials = new RegistryCredentials("ghcr.io", "me", "s3cr3t");
        var basic = Auth("me", "s3cr3t");

        SecretRedactor.For(credentials).Redact($"password s3cr3t, header Basic {basic}")
            .Should().Be("password ***, header Basic ***");
        SecretRedactor.For(null).Redact("nothing to hide").Should().Be("nothing to hide");
    }

    [Fact]
    public void Credentials_never_print_their_password()
    {
        var credentials = new RegistryCredentials("ghcr.io", "me", "s3cr3t");
        credentials.ToString().Should().NotContain("s3cr3t").And.Contain("me");
        $"{credentials}".Should().NotContain("s3cr3t");
    }
}
