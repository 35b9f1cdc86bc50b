using System.Text.RegularExpressions;

namespace Cascade.Docker;

/// <summary>
/// Engine failures that say nothing about the image, so one more try is worth it: another client pruned a layer
/// the build was stacking on (`failed to set parent sha256:…: unknown parent image ID sha256:…`, as a concurrent
/// `docker image prune` makes the classic builder fail; `unable to find image "sha256:…"` when the cached step it
/// had just found went), or the connection to the daemon was reset mid-build
/// (`Connection reset by peer`; `Broken pipe` is the same seen from the writing side). Anything else — a RUN
/// that exits non-zero, a missing file — would fail the same way again.
/// </summary>
internal static partial class TransientEngineError
{
    public static bool Matches(string? error) => error is not null && Words().IsMatch(error);

    [GeneratedRegex(@"unknown parent image ID|failed to set parent|unable to find image ""sha256:|connection reset|broken pipe", RegexOptions.IgnoreCase)]
    private static partial Regex Words();
}
