using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Cascade.Registry;

/// <summary>
/// .NET's HTTP stack costs most of 100 ms the first time it sends anything (the handler, the connection pool, the
/// socket engine, header parsing and the crypto library the digest check uses are loaded and set up then): a third
/// of a whole promotion, whose own requests take a few milliseconds. Started on another thread while the spec is
/// read, one request to a listener of its own on loopback pays that before the first real request needs it.
/// Nothing leaves the machine; a failure only means no warm-up. The task says whether the request was answered.
/// </summary>
internal static class HttpWarmUp
{
    public static Task<bool> Start() => Task.Run(async () =>
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var answered = AnswerOnceAsync(listener);
                // The very client policy the registry requests use, so that it is what gets warmed up.
                using var http = RegistryAccess.NewHttpClient();
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/v2/", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                SHA256.HashData(await response.Content.ReadAsByteArrayAsync(deadline.Token));
                await answered;
                return response.IsSuccessStatusCode;
            }
            finally
            {
                listener.Stop();
            }
        }
        catch (Exception e) when (e is SocketException or HttpRequestException or IOException or OperationCanceledException)
        {
            return false;
        }
    });

    private static async Task AnswerOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new byte[4096];
        var read = 0;
        // The request's head ends with an empty line; a GET has no body.
        while (read < request.Length && !request.AsSpan(0, read).EndsWith("\r\n\r\n"u8))
        {
            var n = await stream.ReadAsync(request.AsMemory(read));
            if (n == 0) return;
            read += n;
        }
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"u8.ToArray());
    }
}
