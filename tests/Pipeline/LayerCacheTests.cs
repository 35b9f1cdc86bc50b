using Cascade.Docker;
using Cascade.Pipeline;
using Cascade.Stacks;

namespace Cascade.Tests.Pipeline;

/// <summary>The layer cache's settings and choices that need no engine: --cache-from, the candidates an image's
/// previous build is looked for under, the base a build is compared on, and the count of steps taken from the cache.</summary>
public class LayerCacheTests
{
    [Theory]
    [InlineData(new string[0], nameof(CacheFromMode.Auto))]
    [InlineData(new[] { "auto" }, nameof(CacheFromMode.Auto))]
    [InlineData(new[] { "none" }, nameof(CacheFromMode.None))]
    [InlineData(new[] { "{branch}", "stable", "ghcr.io/o/app:main" }, nameof(CacheFromMode.Sources))]
    public void Cache_from_is_a_word_or_the_sources(string[] values, string expected)
    {
        // The mode by name: a public test method cannot take the product's internal enum.
        var mode = Enum.Parse<CacheFromMode>(expected);
        var setting = CacheFromSetting.Parse(values, out var problem);
        problem.Should().BeNull();
        setting!.Mode.Should().Be(mode);
        setting.Sources.Should().Equal(mode == CacheFromMode.Sources ? values : []);
    }

    [Theory]
    [InlineData(new[] { "auto", "stable" }, "'auto' stands alone")]
    [InlineData(new[] { "stable", "none" }, "'none' stands alone")]
    [InlineData(new[] { "-bad" }, "'-bad' is neither a tag")]
    [InlineData(new[] { "Ghcr.io/O/App:main" }, "'Ghcr.io/O/App:main' is neither a tag")]
    public void Anything_else_is_a_problem_that_says_what_to_give(string[] values, string says)
    {
        CacheFromSetting.Parse(values, out var problem).Should().BeNull();
        problem.Should().StartWith(says);
    }

    private static readonly ImageSpec App = new() { Name = "app", Repository = "ghcr.io/o/app", Context = "app", DependOn = ["root"] };

    private static RunContext Run(string branch) => RunContext.Create(
        new StackSpec { Directory = "/tmp/x", File = "/tmp/x/spec.yml", Images = [App], Roots = [], TagPrefix = "2026.1" },
        new RunOptions { Branch = branch, ArtifactsDirectory = "/tmp/x" },
        new Dictionary<string, Cascade.Changes.Fingerprints.ImageFingerprint> { ["app"] = new("sha256:" + new string('a', 64), false, "linux/amd64") });

    [Fact]
    public void By_default_the_branch_then_the_default_branch_then_stable()
    {
        new LayerCacheOptions(ImageTags.DefaultCacheTags, "main").CandidatesFor(App, Run("feature/x"))
            .Should().Equal("ghcr.io/o/app:2026.1-feature-x", "ghcr.io/o/app:2026.1-main", "ghcr.io/o/app:stable");
    }

    [Fact]
    public void On_the_default_branch_its_tag_is_looked_for_once()
    {
        new LayerCacheOptions(ImageTags.DefaultCacheTags, "main").CandidatesFor(App, Run("main"))
            .Should().Equal("ghcr.io/o/app:2026.1-main", "ghcr.io/o/app:stable");
    }

    [Fact]
    public void A_reference_is_a_candidate_only_for_the_image_of_its_repository()
    {
        var options = new LayerCacheOptions(["ghcr.io/o/other:main", "ghcr.io/o/app@sha256:" + new string('b', 64), "nightly"], "main");
        options.CandidatesFor(App, Run("main")).Should().Equal("ghcr.io/o/app@sha256:" + new string('b', 64), "ghcr.io/o/app:nightly");
    }

    [Fact]
    public void The_base_is_the_from_parent_else_the_one_external_base_by_the_plans_digest()
    {
        var options = new RunOptions
        {
            Branch = "main", ArtifactsDirectory = "/tmp/x",
            ExternalBaseDigests = new Dictionary<string, string?> { ["quay.io/j/nb:1"] = "sha256:nb", ["quay.io/j/gone:1"] = null },
        };
        BuildInputs.BaseOf(App, options, [new ParentImage("root", "ghcr.io/o/root:fp-1", "sha256:root")])
            .Should().Be(new BaseImage("ghcr.io/o/root:fp-1", "sha256:root"));
        var root = App with { DependOn = [], ExternalBases = ["quay.io/j/nb:1"] };
        BuildInputs.BaseOf(root, options, []).Should().Be(new BaseImage("quay.io/j/nb:1", "sha256:nb"));
        BuildInputs.BaseOf(root with { ExternalBases = ["quay.io/j/gone:1"] }, options, []).Should().Be(new BaseImage("quay.io/j/gone:1", null));
        BuildInputs.BaseOf(root with { ExternalBases = [] }, options, []).Should().BeNull("FROM scratch has no base");
        BuildInputs.BaseOf(root with { ExternalBases = ["quay.io/j/nb:1", "golang:1"] }, options, []).Should().BeNull("no one stage is the base");
    }

    [Fact]
    public void A_seeded_build_says_how_many_steps_came_from_the_cache()
    {
        var reader = new BuildMessageReader(TextWriter.Null, TimeProvider.System);
        foreach (var line in new[] { "Step 1/4 : ARG BASE_IMAGE", "Step 2/4 : FROM ${BASE_IMAGE}", " ---> 1a2b", "Step 3/4 : RUN slow",
                     " ---> Using cache", "Step 4/4 : RUN last", " ---> Running in 3c4d" })
            reader.Handle(System.Text.Json.JsonSerializer.Serialize(new { stream = line + "\n" }));
        reader.Finish();
        reader.CachedSteps.Should().Be(1);

        var outcome = new BuildOutcome(true, "sha256:x", null, reader.Steps) { CachedSteps = reader.CachedSteps };
        new CacheSeed("ghcr.io/o/app@sha256:b", "ghcr.io/o/app:2026.1-main", null).Describe(outcome)
            .Should().Be("1 of 2 steps from the cache (ghcr.io/o/app:2026.1-main, pulled as its cache)", "an ARG before FROM and a FROM are no cached steps");
        new CacheSeed(null, "ghcr.io/o/app:2026.1-main", "cache image … could not be pulled").Describe(outcome)
            .Should().Be("cache image … could not be pulled");
        CacheSeed.None.Describe(outcome).Should().BeNull("a build not seeded says nothing of it");
    }
}
