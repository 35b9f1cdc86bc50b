using Cascade.Publishing;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>The one comment a report keeps on a pull request, against a fake of GitHub's comment routes on loopback.</summary>
public sealed class PullRequestCommentTests : IDisposable
{
    private const string Marker = "<!-- test: marker -->";
    private readonly FakeGitHubApi _api = new("secret-token-1234");
    private readonly HttpClient _http = new();

    private PullRequestComment Comment(int number, string? token = null) => PullRequestComment.FromEnvironment(_http, name => name switch
    {
        "GITHUB_TOKEN" => token ?? _api.Token, "GITHUB_REPOSITORY" => "o/r", "GITHUB_API_URL" => _api.Url, _ => null,
    }, number);

    [Fact]
    public async Task The_first_report_creates_the_comment_and_every_later_one_edits_it_in_place()
    {
        // More comments than one page holds, so the one to edit is found on the second page.
        for (var i = 0; i < PullRequestComment.PageSize + 5; i++) _api.AddComment(7, $"a reviewer's comment {i}");
        _api.AddComment(8, Marker + " another pull request's report");

        await Comment(7).KeepAsync(Marker, Marker + "\nfirst", CancellationToken.None);
        await Comment(7).KeepAsync(Marker, Marker + "\nsecond", CancellationToken.None);
        await Comment(7).KeepAsync(Marker, Marker + "\nthird", CancellationToken.None);

        _api.Comments.Where(c => c.Body.Contains(Marker)).Should().Equal([(_api.Comments.Single(c => c.Issue == 8).Id, 8, Marker + " another pull request's report"),
            (_api.Comments.Single(c => c.Issue == 7 && c.Body.Contains(Marker)).Id, 7, Marker + "\nthird")]);
        _api.Requests.Count(r => r.StartsWith("POST")).Should().Be(1);
        _api.Requests.Count(r => r.StartsWith("PATCH")).Should().Be(2);
        _api.Requests.Should().NotContain(r => r.EndsWith("(no token)"));
    }

    [Fact]
    public async Task A_refused_token_is_an_error_that_does_not_print_it()
    {
        var act = () => Comment(7, token: "wrong-token-5678").KeepAsync(Marker, "x", CancellationToken.None);

        (await act.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("401").And.NotContain("wrong-token-5678");
    }

    [Fact]
    public void Without_a_token_it_says_which_variable_to_set()
    {
        var act = () => PullRequestComment.FromEnvironment(_http, _ => null, 7);

        act.Should().Throw<ArgumentException>().WithMessage("*GITHUB_TOKEN is not set*");
    }

    public void Dispose()
    {
        _api.Dispose();
        _http.Dispose();
    }
}
