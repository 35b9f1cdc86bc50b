using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Cascade.Tests.Support;

/// <summary>
/// The few routes of GitHub's REST API that keep a pull request's comments, on a free 127.0.0.1 port: list, create
/// and edit issue comments, held in memory. It records every request (method, path, whether the token came as a bearer
/// header) so a test sees how many comments were made and edited. GitHub itself cannot be reached from here.
/// </summary>
public sealed class FakeGitHubApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonObject> _comments = [];
    private readonly List<string> _requests = [];
    private readonly Task _serving;
    private long _nextId = 1000;

    public FakeGitHubApi(string token)
    {
        Token = token;
        Port = Cascade.Benchmarks.ScratchRegistry.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Token { get; }
    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Each request as `METHOD /path`, in order; `(no token)` after one that did not carry <see cref="Token"/>.</summary>
    public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

    /// <summary>The comments as they now are: id, issue number, body.</summary>
    public IReadOnlyList<(long Id, int Issue, string Body)> Comments
    {
        get { lock (_comments) return _comments.Select(c => ((long)c["id"]!, (int)c["issue"]!, (string)c["body"]!)).ToList(); }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var response = context.Response;
            var (status, body) = Answer(context.Request);
            response.StatusCode = status;
            response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    private (int Status, string Body) Answer(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath;
        var authorised = request.Headers["Authorization"] == $"Bearer {Token}";
        lock (_requests) _requests.Add($"{request.HttpMethod} {path}{(authorised ? "" : " (no token)")}");
        if (!authorised) return (401, """{"message":"Bad credentials"}""");
        var text = new StreamReader(request.InputStream).ReadToEnd();
        var parts = path.Trim('/').Split('/'); // repos/{owner}/{name}/issues/{n}/comments or repos/{owner}/{name}/issues/comments/{id}
        lock (_comments)
        {
            if (parts is [_, _, _, "issues", "comments", var id] && request.HttpMethod == "PATCH")
                return Edit(long.Parse(id), JsonNode.Parse(text)!["body"]!.GetValue<string>());
            if (parts is [_, _, _, "issues", var n, "comments"] && int.TryParse(n, out var issue))
                return request.HttpMethod == "POST" ? Create(issue, JsonNode.Parse(text)!["body"]!.GetValue<string>()) : List(issue, request);
        }
        return (404, """{"message":"Not Found"}""");
    }

    private (int, string) List(int issue, HttpListenerRequest request)
    {
        var page = int.TryParse(request.QueryString["page"], out var p) ? p : 1;
        var size = int.TryParse(request.QueryString["per_page"], out var s) ? s : 30;
        var mine = _comments.Where(c => (int)c["issue"]! == issue).Skip((page - 1) * size).Take(size).Select(c => c.DeepClone());
        return (200, new JsonArray([.. mine]).ToJsonString());
    }

    private (int, string) Create(int issue, string body)
    {
        var comment = new JsonObject { ["id"] = _nextId++, ["issue"] = issue, ["body"] = body };
        _comments.Add(comment);
        return (201, comment.ToJsonString());
    }

    private (int, string) Edit(long id, string body)
    {
        var comment = _comments.FirstOrDefault(c => (long)c["id"]! == id);
        if (comment is null) return (404, """{"message":"Not Found"}""");
        comment["body"] = body;
        return (200, comment.ToJsonString());
    }

    /// <summary>A comment someone else wrote, so the one Cascade keeps must be found among others.</summary>
    public void AddComment(int issue, string body)
    {
        lock (_comments) Create(issue, body);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
