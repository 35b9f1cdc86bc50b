using Cascade.Text;
using Cascade.Pipeline;
using Cascade.Changes.Fingerprints;

namespace Cascade.Publishing;

/// <summary>May this digest of this image be promoted? <see cref="NeedsGpuTests"/>: the image has gpu_tests.</summary>
internal sealed record GateQuestion(string Image, string Digest, bool NeedsGpuTests)
{
    /// <summary>What the image's tests check now (in the checkout that promotes); null: not asked.</summary>
    public TestFingerprint? Tests { get; init; }

    /// <summary>The registry records that this digest passed <see cref="Tests"/> (or the tests check nothing).</summary>
    public bool TestsPassedInRegistry { get; init; }
}

/// <summary>
/// Promote only what passed: the digest must have passed the image's current tests (its test fingerprint), as the
/// registry or the ledger records — a digest pushed before its tests changed has not. Beyond that the ledger may
/// say a pushed digest failed later (its GPU tests, or a later run's tests of the same digest), and an image with
/// gpu_tests needs a passed GPU test run of that very digest.
/// </summary>
internal static class PromotionGate
{
    public static IReadOnlyList<string> Refusals(Ledger ledger, IEnumerable<GateQuestion> questions)
    {
        var refusals = new List<string>();
        foreach (var q in questions)
        {
            var records = ledger.RecordsOf(q.Image).Where(r => r.Image.Digest == q.Digest).ToList();
            // A failed GPU run counts until a later GPU run of the same digest passes; a failed push run until a later
            // push passed the digest's current tests (the failure was of other tests, or they failed once).
            var lastGpu = records.LastOrDefault(r => r.Entry.Kind == LedgerKinds.GpuTest);
            var failed = records.Where((r, i) => r.Entry.Kind == LedgerKinds.Push && r.Image.Status == ImageStatus.Failed
                                                 && !(q.Tests is { } current && records.Skip(i + 1).Any(later => LedgerQueries.PassedTests(later.Entry, later.Image, current.Value))))
                .Append(lastGpu).FirstOrDefault(r => r.Entry is not null && r.Image.Status == ImageStatus.Failed);
            if (failed.Entry is not null)
                refusals.Add($"{q.Image} {q.Digest}: its {(failed.Entry.Kind == LedgerKinds.GpuTest ? "GPU " : "")}tests failed " +
                             $"({Timestamps.Utc(failed.Entry.When)}: {failed.Image.Reason ?? failed.Image.Status.ToText()}).");
            else if (q.Tests is { } tests && !q.TestsPassedInRegistry && !ledger.PassedTests(q.Image, q.Digest, tests.Value))
                refusals.Add($"{q.Image} {q.Digest}: its current tests (tests {tests.Short}) have not passed on this digest; " +
                             $"push it with them first (`./build.sh Push --images {q.Image}` tests it again).");
            else if (q.NeedsGpuTests && lastGpu.Image?.Status != ImageStatus.Passed)
                refusals.Add($"{q.Image} {q.Digest}: it has gpu_tests and they have not passed on this digest; " +
                             "run `./build.sh TestGpu --from-tag TAG` on a GPU runner first.");
        }
        return refusals;
    }
}
