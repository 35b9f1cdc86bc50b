using Cascade.Tests.Support;
using Cascade.Changes.Fingerprints;
using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Tests.Publishing;

/// <summary>Promote's gate asks what reuse asks: did this digest pass the image's current tests (its test fingerprint),
/// by the registry's record or the ledger's? No Docker, no registry: the registry's answer is given.</summary>
public sealed class TestFingerprintGateTests
{
    private const string Digest = "sha256:aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private static readonly TestFingerprint Now = new("sha256:" + new string('1', 64), []);
    private static readonly TestFingerprint Before = new("sha256:" + new string('2', 64), []);

    private static Ledger PushedWith(TestFingerprint? tests, string status = "succeeded") => Ledger.Empty.Append(Push(tests, status, 0));

    private static LedgerEntry Push(TestFingerprint? tests, string status, int minutes) => new()
    {
        Kind = LedgerKinds.Push, When = new DateTimeOffset(2026, 3, 2, 10, minutes, 0, TimeSpan.Zero), Commit = "1a2b3c4", Branch = "main",
        Images = [new LedgerImage { Name = "base", Digest = Digest, Status = Statuses.Of(status), TestFingerprint = tests?.Value, Reason = status == "failed" ? "test x.sh failed" : null }],
    };

    private static GateQuestion Question(bool inRegistry = false) => new("base", Digest, NeedsGpuTests: false)
    {
        Tests = Now, TestsPassedInRegistry = inRegistry,
    };

    [Fact]
    public void A_digest_that_passed_only_earlier_tests_is_refused_naming_the_tests_and_what_to_do()
    {
        var refusals = PromotionGate.Refusals(PushedWith(Before), [Question()]);

        refusals.Should().ContainSingle().Which.Should().Contain("base").And.Contain($"tests {Now.Short}")
            .And.Contain("have not passed").And.Contain("./build.sh Push --images base");
        PromotionGate.Refusals(PushedWith(tests: null), [Question()]).Should().ContainSingle("a push that skipped its tests recorded none");
        PromotionGate.Refusals(Ledger.Empty, [Question()]).Should().ContainSingle("nothing records a pass");
    }

    [Fact]
    public void A_pass_of_the_current_tests_in_the_ledger_or_the_registry_lets_it_through()
    {
        PromotionGate.Refusals(PushedWith(Now), [Question()]).Should().BeEmpty();
        PromotionGate.Refusals(PushedWith(Now, "reused"), [Question()]).Should().BeEmpty();
        PromotionGate.Refusals(Ledger.Empty, [Question(inRegistry: true)]).Should().BeEmpty("the registry's record travels with the image");
        PromotionGate.Refusals(PushedWith(Now, "failed"), [Question(inRegistry: true)]).Should().ContainSingle()
            .Which.Should().Contain("tests failed", "a failure the ledger records still counts");
    }

    [Fact]
    public void A_failed_test_of_a_digest_counts_until_a_later_push_passes_its_current_tests_on_it()
    {
        var failedThenFixed = Ledger.Empty.Append(Push(tests: null, "failed", 0)).Append(Push(Now, "reused", 5));
        PromotionGate.Refusals(failedThenFixed, [Question()]).Should().BeEmpty("the tests it failed were not these, or failed once");

        var passedEarlierTests = Ledger.Empty.Append(Push(tests: null, "failed", 0)).Append(Push(Before, "reused", 5));
        PromotionGate.Refusals(passedEarlierTests, [Question(inRegistry: true)]).Should().ContainSingle()
            .Which.Should().Contain("tests failed").And.Contain("x.sh");
        var passedThenFailed = Ledger.Empty.Append(Push(Now, "succeeded", 0)).Append(Push(tests: null, "failed", 5));
        PromotionGate.Refusals(passedThenFailed, [Question()]).Should().ContainSingle("the last word on these tests is a failure");
    }
}
