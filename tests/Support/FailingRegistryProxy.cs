using System.Net;

namespace Cascade.Tests.Support;

/// <summary>
/// A plain HTTP proxy in front of a registry (127.0.0.1, a free port) that fails one manifest write: every
/// PUT to the URL of the <see cref="FailNthManifestPut"/>-th distinct manifest PUT is answered 500 (so the
/// client's retries fail too). Everything else is forwarded unchanged. Stops on dispose.
/// </summary>
public sealed class FailingRegistryProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly List<string> _manifestPuts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FailingRegistryProxy(Uri target, int failNthManifestPut = 2)
    {
        _target = target;
        FailNthManifestPut = failNthManifestPut;
        Port = Cascade.Benchmarks.ScratchRegistry.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int FailNthManifestPut { get; }
    public int Port { get; }
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The manifest PUTs that reached the proxy, in order (path only).</summary>
    public IReadOnlyList<string> ManifestPuts { get { lock (_manifestPuts) return _manifestPuts.ToList(); } }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.PathAndQuery;
        try
        {
            if (request.HttpMethod == "PUT" && path.Contains("/manifests/", StringComparison.Ordinal) && ShouldFail(path))
            {
                context.Response.StatusCode = 500;
                context.Response.Close();
                return;
            }
            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, path));
            if (request.HasEntityBody)
            {
                var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body);
                forward.Content = new ByteArrayContent(body.ToArray());
                if (request.ContentType is { } type) forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            foreach (var key in request.Headers.AllKeys.Where(k => k is "Accept" or "Authorization"))
                forward.Headers.TryAddWithoutValidation(key!, request.Headers.GetValues(key!)!);
            using var answer = await _upstream.SendAsync(forward);
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
                if (header.Key is not ("Content-Length" or "Transfer-Encoding" or "Connection"))
                    context.Response.Headers[header.Key] = string.Join(",", header.Value);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            if (request.HttpMethod != "HEAD" && bytes.Length > 0) await context.Response.OutputStream.WriteAsync(bytes);
            else if (answer.Content.Headers.ContentLength is { } length) context.Response.ContentLength64 = length;
            context.Response.Close();
        }
        catch (Exception)
        {
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    private bool ShouldFail(string path)
    {
        lock (_manifestPuts)
        {
            if (!_manifestPuts.Contains(path)) _manifestPuts.Add(path);
            return _manifestPuts.IndexOf(path) == FailNthManifestPut - 1;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _upstream.Dispose();
    }
}
