using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Reports;
using Cascade.Stacks;

namespace Cascade.Tests.Reports;

/// <summary>A multi-platform image on its page, in the ledger and in the job summary: once, with a row per platform.</summary>
public sealed class PlatformPagesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Index = "sha256:1111111111110000000000000000000000000000000000000000000000000000";
    private const string Amd64 = "sha256:aaaaaaaaaaaa0000000000000000000000000000000000000000000000000000";
    private const string Arm64 = "sha256:bbbbbbbbbbbb0000000000000000000000000000000000000000000000000000";

    private static LedgerEntry Push() => new()
    {
        Kind = LedgerKinds.Push, When = Monday, Commit = "1a2b3c4d5e6f", Branch = "main",
        Images =
        [
            new LedgerImage
            {
                Name = "base", Reference = "ghcr.io/o/base:sha-1a2b3c4", Digest = Index, Status = ImageStatus.Succeeded, Tags = ["main", "sha-1a2b3c4"],
                Facts = new ImageFacts
                {
                    InfoPlatform = "linux/amd64",
                    Info = [new InfoOutput("ARCH", "Architecture", "uname -m", "x86_64\n")],
                    Tests = [new PageTest("arch.sh (linux/amd64)", TestOutcome.Passed), new PageTest("arch.sh (linux/arm64)", TestOutcome.Passed)],
                    Platforms =
                    [
                        new PlatformFacts { Platform = "linux/amd64", Digest = Amd64, CompressedSize = 1_200_000, UncompressedSize = 2_500_000,
                            Layers = [new LayerRow(Monday, "RUN uname -m", 2_500_000)] },
                        new PlatformFacts { Platform = "linux/arm64", Digest = Arm64, CompressedSize = 1_100_000 },
                    ],
                },
            },
        ],
    };

    [Fact]
    public void The_page_of_a_multi_platform_image_lists_each_platforms_digest_and_sizes()
    {
        var pages = DocsWriter.Pages(Ledger.Empty.Append(Push()), new PageLinks(wiki: true));

        pages.Keys.Should().BeEquivalentTo("Home.md", "Stable.md", "Stack.md", "base-111111111111.md");
        var page = pages["base-111111111111.md"];
        page.Should().Contain($"| Digest | `{Index}` |").And.Contain("| Platform | linux/amd64, linux/arm64 |")
            .And.NotContain("\n| Compressed size |", "an index has no size of its own: each platform has");
        page.Should().Contain("## Platforms\n\n| Platform | Digest | Compressed size | Uncompressed size |\n|---|---|---|---|\n" +
                              $"| linux/amd64 | `{Amd64}` | 1.2 MB | 2.5 MB |\n" +
                              $"| linux/arm64 | `{Arm64}` | 1.1 MB |  |\n");
        page.Should().Contain("### linux/amd64\n\n| Created | Command |").And.Contain("### linux/arm64\n\nNo history was recorded.");
        page.Should().Contain("`uname -m` (run in the linux/amd64 image)");
        page.Should().Contain("2 passed").And.Contain("| arch.sh (linux/arm64) | passed |");
    }

    [Fact]
    public void A_single_platform_image_has_no_platform_table_and_the_ledger_says_nothing_of_platforms()
    {
        var single = Push() with { Images = [Push().Images[0] with { Digest = Amd64, Facts = new ImageFacts { Platform = "linux/amd64" } }] };

        var page = DocsWriter.Pages(Ledger.Empty.Append(single), new PageLinks(wiki: true))["base-aaaaaaaaaaaa.md"];

        page.Should().Contain("| Platform | linux/amd64 |").And.NotContain("## Platforms").And.NotContain("run in the");
        var file = Path.Combine(Path.GetTempPath(), $"cascade-ledger-{Guid.NewGuid():N}.json");
        try
        {
            Ledger.Empty.Append(single).Save(file);
            File.ReadAllText(file).Should().NotContain("platforms").And.NotContain("info_platform");
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void The_job_summary_counts_a_multi_platform_image_once()
    {
        var text = JobSummary.Render(Push(), new PageLinks(wiki: true, "https://github.com/o/r/wiki"));

        text.Split('\n').Count(l => l.StartsWith("| [base]", StringComparison.Ordinal)).Should().Be(1);
        text.Should().Contain($"| `{Index}` |");
    }

    [Fact]
    public void A_run_gives_the_ledger_one_record_per_image_not_one_per_platform()
    {
        ImageResult Platform(Platform p, string digest) => new()
        {
            Name = "base", Status = ImageStatus.Succeeded, Stage = PipelineStage.Push, Platform = p,
            Reference = $"ghcr.io/o/base:sha-1a2b3c4-{p.TagSuffix}", Digest = digest,
        };
        var run = new RunResult(
        [
            new ImageResult
            {
                Name = "base", Status = ImageStatus.Succeeded, Stage = PipelineStage.Push, Reference = "ghcr.io/o/base:sha-1a2b3c4",
                Digest = Index, Duration = TimeSpan.FromSeconds(12.34),
                PlatformResults = [Platform(Cascade.Stacks.Platform.LinuxAmd64, Amd64), Platform(Cascade.Stacks.Platform.LinuxArm64, Arm64)],
            },
            new ImageResult { Name = "leaf", Status = ImageStatus.Unchanged, Reference = "ghcr.io/o/leaf:fp-x" },
        ], Cancelled: false);

        var spec = new Dictionary<string, ImageSpec>
        {
            ["base"] = new() { Name = "base", Repository = "ghcr.io/o/base", Context = "images/base" },
            ["leaf"] = new() { Name = "leaf", Repository = "ghcr.io/o/leaf", Context = "images/leaf", DependOn = ["base"] },
        };
        var rows = run.Images.Select(i => LedgerImage.Of(spec[i.Name], i)).ToList();

        rows.Select(r => (r.Name, r.Reference, r.Digest, r.DurationS, r.Status)).Should().Equal(
            ("base", "ghcr.io/o/base:sha-1a2b3c4", Index, 12.3, ImageStatus.Succeeded), ("leaf", "ghcr.io/o/leaf:fp-x", null, 0, ImageStatus.Unchanged));
        rows[1].Parents.Should().Equal("base");
    }
}

/// <summary>A ledger written before per-platform facts existed (tests/fixtures/ledger-v1, its pages written by that
/// Cascade, since with each image page's Runs section added): it loads, saves back unchanged, and Docs writes the
/// very pages it did.</summary>
public sealed class LedgerCompatibilityTests
{
    private static readonly string Fixture = Cascade.Tests.Support.RepositoryRoot.Combine("tests", "fixtures", "ledger-v1");

    [Fact]
    public void An_old_ledger_loads_saves_back_unchanged_and_gives_the_same_pages_byte_for_byte()
    {
        var ledger = Ledger.Load(Path.Combine(Fixture, "ledger.json"));
        var copy = Path.Combine(Path.GetTempPath(), $"cascade-ledger-{Guid.NewGuid():N}.json");
        try
        {
            ledger.Save(copy);
            File.ReadAllText(copy).Should().Be(File.ReadAllText(Path.Combine(Fixture, "ledger.json")));
        }
        finally { File.Delete(copy); }

        var pages = DocsWriter.Pages(ledger, new PageLinks(wiki: false));
        var before = Directory.GetFiles(Path.Combine(Fixture, "pages")).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText);
        pages.Should().Equal(before);
    }
}
