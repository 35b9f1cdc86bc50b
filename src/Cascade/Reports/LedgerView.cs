using Cascade.Pipeline;
using Cascade.Publishing;

namespace Cascade.Reports;

/// <summary>One image as pushed once: everything the ledger knows about one digest of it, and every record of it
/// (the push that first brought it, later pushes that reused it, promotions, GPU test runs), oldest first.</summary>
internal sealed record PushedImage(string Name, string Digest, string? Reference, string? Fingerprint,
    IReadOnlyList<string> Tags, ImageFacts? Facts, IReadOnlyList<(LedgerEntry Entry, LedgerImage Image)> Records)
{
    public string Page => PageLinks.ImagePage(Name, Digest);
    public LedgerEntry FirstSeen => Records[0].Entry;
}

/// <summary>What the pages need, derived from the ledger alone (and only from it).</summary>
internal sealed class LedgerView(Ledger ledger)
{
    public Ledger Ledger => ledger;

    /// <summary>Every (image, digest) the ledger has seen, in order of first appearance; tags gathered from
    /// every entry (pushes and promotions), facts the union of every record's (<see cref="ImageFactsUnion"/>).</summary>
    public IReadOnlyList<PushedImage> Pushed()
    {
        var result = new List<PushedImage>();
        foreach (var group in ledger.Entries
                     .SelectMany(e => e.Images.Where(i => i.Digest is not null).Select(i => (Entry: e, Image: i)))
                     .GroupBy(r => (r.Image.Name, r.Image.Digest)))
        {
            var records = group.ToList();
            var tags = records.SelectMany(r => r.Image.Tags).Distinct(StringComparer.Ordinal).ToList();
            result.Add(new PushedImage(group.Key.Name, group.Key.Digest!,
                records.Select(r => r.Image.Reference).FirstOrDefault(r => r is not null),
                records.Select(r => r.Image.Fingerprint).LastOrDefault(f => f is not null),
                tags, ImageFactsUnion.Of(records.Select(r => r.Image.Facts)), records));
        }
        return result;
    }

    /// <summary>The page of a digest, when the ledger has one for it.</summary>
    public static string? PageOf(LedgerImage image) => image.Digest is null ? null : PageLinks.ImagePage(image.Name, image.Digest);

    /// <summary>Each image's last recorded status.</summary>
    public IReadOnlyDictionary<string, ImageStatus> LastStatus() =>
        ledger.ImageNames.ToDictionary(n => n, n => ledger.RecordsOf(n).Last().Image.Status, StringComparer.Ordinal);

    /// <summary>Each image's parents as last recorded.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parents() =>
        ledger.ImageNames.ToDictionary(n => n, n => ledger.RecordsOf(n).Last().Image.Parents, StringComparer.Ordinal);

    /// <summary>Every content tag (`tags:`) the ledger has seen given, by image in the ledger's order and by tag in order
    /// of first appearance, each with the record that gave it last: where it points now.</summary>
    public IReadOnlyList<(string Tag, LedgerImage Image)> ContentTags() =>
        ledger.ImageNames.SelectMany(n =>
        {
            var records = ledger.RecordsOf(n).Select(r => r.Image).ToList();
            return records.SelectMany(i => i.ContentTags ?? []).Distinct(StringComparer.Ordinal)
                .Select(tag => (tag, records.Last(i => i.Tags.Contains(tag, StringComparer.Ordinal))));
        }).ToList();

    /// <summary>Each image's latest promotion: what is stable now.</summary>
    public IReadOnlyList<(LedgerEntry Entry, LedgerImage Image)> Stable() =>
        ledger.ImageNames
            .Select(n => ledger.RecordsOf(n).LastOrDefault(r => r.Entry.Kind == LedgerKinds.Promote))
            .Where(r => r.Entry is not null)
            .ToList();
}
