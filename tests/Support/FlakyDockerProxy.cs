using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Cascade.Tests.Support;

/// <summary>
/// A Docker API endpoint (<see cref="Endpoint"/>, tcp://127.0.0.1:PORT) in front of the real daemon's socket. It
/// answers the first <c>failBuilds</c> build requests itself, after reading the whole context, with the message
/// stream the daemon sends when a concurrent prune removed a layer under the build; every other request is
/// forwarded unchanged, streamed both ways. A real transient error cannot be made to happen on cue; this one
/// reaches Cascade exactly as the daemon's would. Stops on dispose.
/// </summary>
public sealed class FlakyDockerProxy : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient daemon;
    private readonly string error;
    private readonly CancellationTokenSource stop = new();
    private int failuresLeft;
    private int buildRequests;

    public FlakyDockerProxy(int failBuilds, string error)
    {
        failuresLeft = failBuilds;
        this.error = error;
        var socket = Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..] : "/var/run/docker.sock";
        daemon = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(unix, ownsSocket: true);
            },
        }) { Timeout = Timeout.InfiniteTimeSpan };
        Port = Cascade.Benchmarks.ScratchRegistry.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Endpoint => $"tcp://127.0.0.1:{Port}";

    /// <summary>Build requests that reached the proxy, the failed ones included.</summary>
    public int BuildRequests => Volatile.Read(ref buildRequests);

    private async Task LoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var isBuild = context.Request.HttpMethod == "POST" && context.Request.Url!.AbsolutePath.EndsWith("/build", StringComparison.Ordinal);
            if (isBuild) Interlocked.Increment(ref buildRequests);
            if (isBuild && Interlocked.Decrement(ref failuresLeft) >= 0) await FailAsync(context);
            else await ForwardAsync(context);
        }
        catch (Exception) when (stop.IsCancellationRequested) { }
        catch (HttpListenerException) { }
        catch (IOException) { }
        finally
        {
            try { context.Response.Close(); } catch (Exception) { }
        }
    }

    /// <summary>What the classic builder sends when a parent layer went away: HTTP 200, a step, then the error.</summary>
    private async Task FailAsync(HttpListenerContext context)
    {
        await context.Request.InputStream.CopyToAsync(Stream.Null);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var text = JsonSerializer.Serialize(new { stream = "Step 1/3 : FROM scratch\n" }) + "\r\n" +
                   JsonSerializer.Serialize(new { errorDetail = new { message = error }, error }) + "\r\n";
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text));
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), "http://docker" + request.Url!.PathAndQuery);
        if (request.HasEntityBody) forward.Content = new StreamContent(request.InputStream);
        foreach (var key in request.Headers.AllKeys.OfType<string>().Where(k => !HopByHop(k)))
        {
            var values = request.Headers.GetValues(key)!;
            if (!forward.Headers.TryAddWithoutValidation(key, values)) forward.Content?.Headers.TryAddWithoutValidation(key, values);
        }
        using var answer = await daemon.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop(h.Key)))
            response.Headers[header.Key] = string.Join(",", header.Value);
        response.SendChunked = true;
        await using var body = await answer.Content.ReadAsStreamAsync(stop.Token);
        var buffer = new byte[16 * 1024];
        int read;
        // Flushed as it comes: a build's messages stream for as long as the build takes.
        while ((read = await body.ReadAsync(buffer, stop.Token)) > 0)
        {
            await response.OutputStream.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            await response.OutputStream.FlushAsync(stop.Token);
        }
    }

    private static bool HopByHop(string header) =>
        header is "Host" or "Connection" or "Keep-Alive" or "Transfer-Encoding" or "Content-Length" or "Upgrade" or "Proxy-Connection";

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
        daemon.Dispose();
    }
}
