using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Cascade.Publishing;

/// <summary>
/// The one comment a report keeps on a pull request, through GitHub's REST API: found again by a hidden marker in its
/// body and edited in place, created only when the pull request has none (so two pushes leave one comment). The API's
/// address, the repository and the token come from the job's environment (GITHUB_API_URL, GITHUB_REPOSITORY,
/// GITHUB_TOKEN); the token goes in a header and into no message.
/// </summary>
internal sealed class PullRequestComment(HttpClient http, Uri api, string repository, int number, string token)
{
    public const int PageSize = 100;

    /// <summary>GitHub refuses a comment body longer than this many characters.</summary>
    public const int MaxBodyLength = 65536;

    /// <summary>From the job's environment; a clear error, before any work, when something is missing.</summary>
    public static PullRequestComment FromEnvironment(HttpClient http, Func<string, string?> environment, int number)
    {
        string Required(string name, string what) => environment(name) is { Length: > 0 } value ? value
            : throw new ArgumentException($"--pull-request {number}: {name} is not set; it must hold {what} (GitHub Actions sets it).");
        var token = Required("GITHUB_TOKEN", "a token that may write the pull request's comments (the job's github.token)");
        var repository = Required("GITHUB_REPOSITORY", "the repository, owner/name");
        var api = environment("GITHUB_API_URL") is { Length: > 0 } url ? url : "https://api.github.com";
        return new PullRequestComment(http, new Uri(api.TrimEnd('/') + "/"), repository, number, token);
    }

    /// <summary>Edits the comment that holds <paramref name="marker"/>, or creates it; returns what it did, for the log.</summary>
    public async Task<string> KeepAsync(string marker, string body, CancellationToken ct)
    {
        if (body.Length > MaxBodyLength) body = body[..(MaxBodyLength - 200)] + "\n\n… cut here: the whole report is in the run's job summary.\n";
        var content = new JsonObject { ["body"] = body }.ToJsonString();
        if (await FindAsync(marker, ct) is { } id)
        {
            await SendAsync(HttpMethod.Patch, $"repos/{repository}/issues/comments/{id}", content, ct);
            return $"updated the comment {id} on pull request #{number}";
        }
        var created = await SendAsync(HttpMethod.Post, $"repos/{repository}/issues/{number}/comments", content, ct);
        return $"commented on pull request #{number} ({created?["id"]})";
    }

    private async Task<long?> FindAsync(string marker, CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var comments = (await SendAsync(HttpMethod.Get, $"repos/{repository}/issues/{number}/comments?per_page={PageSize}&page={page}", null, ct))
                ?.AsArray() ?? [];
            if (comments.FirstOrDefault(c => c?["body"]?.GetValue<string>().Contains(marker, StringComparison.Ordinal) == true) is { } found)
                return found["id"]!.GetValue<long>();
            if (comments.Count < PageSize) return null;
        }
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(api, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.UserAgent.ParseAdd("Cascade");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {request.RequestUri}: {(int)response.StatusCode} {response.ReasonPhrase}; GitHub said: {Short(text)}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
