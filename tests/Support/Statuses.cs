using Cascade.Pipeline;

namespace Cascade.Tests.Support;

/// <summary>Tests write ledger records in the ledger's own words ("succeeded", "failed"): the status each names.</summary>
internal static class Statuses
{
    public static ImageStatus Of(string text) =>
        StatusText.TryParse<ImageStatus>(text, out var status) ? status : throw new ArgumentException($"'{text}' is no image status", nameof(text));
}
