using Cascade.Changes.Fingerprints;
using Cascade.Pipeline;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>The tags a run gives an image, decided in one place (RunContext.Tags): branch, sha and fingerprint
/// tags, or — for a pull request's jobs (--fingerprint-tags-only) — the fingerprint tag alone.</summary>
public class RunContextTagsTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly string Fingerprint = "sha256:" + new string('c', 64);

    private static readonly ImageSpec Image = new() { Name = "app", Repository = "ghcr.io/ucsd/app", Context = "app" };

    private static RunContext Run(bool fingerprintTagsOnly, bool dirty = false, Platform? platform = null) => RunContext.Create(
        new StackSpec
        {
            Directory = "/tmp/x", File = "/tmp/x/spec.yml", TagPrefix = "2024.3", Roots = [],
            Images = [platform is null ? Image : Image with { Platforms = [Platform.LinuxAmd64, Platform.LinuxArm64] }],
        },
        new RunOptions
        {
            Branch = "topic", Commit = Commit, ArtifactsDirectory = "/tmp/x", FingerprintTagsOnly = fingerprintTagsOnly, Platform = platform,
        },
        new Dictionary<string, ImageFingerprint> { ["app"] = new(Fingerprint, dirty, "linux/amd64") }, PlanFingerprints.NoTests);

    private static ImageSpec Spec(RunContext run) => run.Spec["app"];

    [Fact]
    public void A_run_gives_the_branch_the_sha_and_the_fingerprint_tag()
    {
        var run = Run(fingerprintTagsOnly: false);
        run.Tags(Spec(run)).Should().Equal(
            "ghcr.io/ucsd/app:2024.3-topic", "ghcr.io/ucsd/app:sha-0123456", "ghcr.io/ucsd/app:fp-cccccccccccccccc");
        run.ExactReference(Spec(run)).Should().Be("ghcr.io/ucsd/app:sha-0123456");
    }

    [Fact]
    public void Fingerprint_tags_only_gives_the_fingerprint_tag_alone_and_shows_it()
    {
        var run = Run(fingerprintTagsOnly: true);
        run.Tags(Spec(run)).Should().Equal("ghcr.io/ucsd/app:fp-cccccccccccccccc");
        run.ExactReference(Spec(run)).Should().Be("ghcr.io/ucsd/app:fp-cccccccccccccccc");
        run.GetsShaTag(Spec(run)).Should().BeFalse();
        run.IsCommitsImage(Spec(run)).Should().BeTrue("built from the commit all the same: no 'uncommitted changes' note");
    }

    [Fact]
    public void Fingerprint_tags_only_of_one_platform_gives_that_platform_s_fingerprint_tag()
    {
        var run = Run(fingerprintTagsOnly: true, platform: Platform.LinuxArm64);
        var tags = run.Tags(Spec(run));
        tags.Should().ContainSingle().Which.Should().Be(run.FingerprintReference(Spec(run)))
            .And.NotBe("ghcr.io/ucsd/app:fp-cccccccccccccccc", "each platform's image has a fingerprint of its own");
    }

    [Fact]
    public void Uncommitted_changes_get_no_sha_tag_in_either_mode()
    {
        Run(fingerprintTagsOnly: false, dirty: true).IsCommitsImage(Image).Should().BeFalse();
        var run = Run(fingerprintTagsOnly: false, dirty: true);
        run.Tags(Spec(run)).Should().Equal("ghcr.io/ucsd/app:2024.3-topic", "ghcr.io/ucsd/app:fp-cccccccccccccccc");
    }
}
