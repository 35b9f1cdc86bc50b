using Cascade.Tests.Support;
using Cascade.Docker;

namespace Cascade.Tests.Docker;

public class DockerConnectTests
{
    [Fact]
    public async Task Unreachable_daemon_fails_fast_with_a_clear_message()
    {
        var act = () => DockerEngine.ConnectAsync("unix:///tmp/nope.sock", CancellationToken.None);

        var error = await act.Should().ThrowAsync<DockerUnavailableException>();

        error.Which.Message.Should().StartWith("Cannot reach the Docker daemon at unix:///tmp/nope.sock: ")
            .And.EndWith("Is dockerd running? Set DOCKER_HOST to use another.");
    }

    [Fact]
    public async Task Silent_tcp_endpoint_times_out_within_seconds()
    {
        // A listener that accepts but never answers: the ping deadline, not the OS, ends the wait.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var act = () => DockerEngine.ConnectAsync($"tcp://127.0.0.1:{port}", CancellationToken.None);

        var error = await act.Should().ThrowAsync<DockerUnavailableException>();
        error.Which.Message.Should().Contain("no answer within 5s", "the ping's own deadline ends the wait");
    }

    [Trait(Needs.Trait, Needs.Docker)]
    [Fact]
    public async Task Local_daemon_answers()
    {
        using var engine = await DockerEngine.ConnectAsync(null, CancellationToken.None);
        engine.Endpoint.ToString().Should().StartWith("unix:");
    }
}
