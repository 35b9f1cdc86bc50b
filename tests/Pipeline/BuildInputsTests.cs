using Cascade.Pipeline;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

public class BuildInputsTests
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2024, 6, 11, 8, 30, 5, TimeSpan.FromHours(2)));

    private static ImageSpec Child => new()
    {
        Name = "course-ml",
        Repository = "ghcr.io/ucsd/course-ml",
        DependOn = ["scipy-ml", "r-tools.base"],
        Context = "course-ml",
        BuildArgs = new Dictionary<string, string> { ["PY"] = "3.12", ["BASE_IMAGE"] = "stale:typed-by-hand" },
    };

    private static readonly ParentImage[] Parents =
    [
        new("scipy-ml", "ghcr.io/ucsd/scipy-ml:sha-0123456", "sha256:aaa"),
        new("r-tools.base", "localhost:5000/ucsd/r-tools:2024.3-main", null),
    ];

    [Fact]
    public void Parents_references_are_injected_apart_from_the_spec_args()
    {
        var args = new BuildInputs(Clock).InjectedArgs(Child, Parents);
        args.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = "ghcr.io/ucsd/scipy-ml:sha-0123456",
            ["BASE_TAG"] = "sha-0123456",
            ["SCIPY_ML_IMAGE"] = "ghcr.io/ucsd/scipy-ml:sha-0123456",
            ["R_TOOLS_BASE_IMAGE"] = "localhost:5000/ucsd/r-tools:2024.3-main",
        });
    }

    [Fact]
    public void A_root_gets_no_injected_args() =>
        new BuildInputs(Clock).InjectedArgs(Child with { DependOn = [] }, []).Should().BeEmpty();

    private static RunContext Run(DateTimeOffset? sourceDate) => RunContext.Create(
        new StackSpec { Directory = "/tmp/x", File = "/tmp/x/spec.yml", Images = [Child], Roots = [], TagPrefix = "2024.3" },
        new RunOptions
        {
            Branch = "main", Commit = "0123456789abcdef0123456789abcdef01234567", SourceUrl = "https://github.com/ucsd/stack",
            ArtifactsDirectory = "/tmp/x", SourceDate = sourceDate,
        },
        new Dictionary<string, Cascade.Changes.Fingerprints.ImageFingerprint>
        {
            ["course-ml"] = new("sha256:" + new string('c', 64), false, "linux/amd64"),
        }, PlanFingerprints.NoTests);

    [Fact]
    public void Oci_labels_name_source_revision_commit_time_version_title_base_and_fingerprint()
    {
        var commitTime = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var labels = new BuildInputs(Clock).Labels(Child, Run(commitTime), Parents);
        labels.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["org.opencontainers.image.source"] = "https://github.com/ucsd/stack",
            ["org.opencontainers.image.revision"] = "0123456789abcdef0123456789abcdef01234567",
            ["org.opencontainers.image.created"] = "2024-06-01T12:00:00Z",
            ["org.opencontainers.image.version"] = "2024.3-main",
            ["org.opencontainers.image.title"] = "course-ml",
            ["org.opencontainers.image.base.name"] = "ghcr.io/ucsd/scipy-ml:sha-0123456",
            ["org.opencontainers.image.base.digest"] = "sha256:aaa",
            ["cascade.fingerprint"] = "sha256:" + new string('c', 64),
        });
    }

    [Fact]
    public void Without_a_source_date_the_clock_says_when()
    {
        new BuildInputs(Clock).Labels(Child, Run(null), Parents)["org.opencontainers.image.created"].Should().Be("2024-06-11T06:30:05Z");
    }

    [Theory]
    [InlineData("localhost:5000/a/b:tag", "tag")]
    [InlineData("localhost:5000/a/b", "latest")]
    [InlineData("repo/x:1.0@sha256:abc", "1.0")]
    public void Base_tag_is_read_from_the_reference(string reference, string tag) =>
        new ParentImage("p", reference, null).Tag.Should().Be(tag);
}
