using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>spec.yml's ci: section: read with its defaults, and bad values reported where they are written.</summary>
public class CiSettingsTests
{
    private static TempStack Stack(string ci) => new TempStack($"images:\n  base:\n{ci}").Plain("base");

    [Fact]
    public void Without_a_ci_section_the_defaults_apply()
    {
        using var stack = Stack("");
        stack.Load().Spec.Ci.Should().BeEquivalentTo(new CiSettings());
    }

    [Fact]
    public void Every_setting_is_read()
    {
        using var stack = Stack("ci:\n  runner: ubuntu-24.04\n  gpu_runner: [self-hosted, a100]\n  registry: quay.io/\n  layout: matrix\n" +
                                "  default_branch: trunk\n  schedule: \"0 4 * * *\"\n  refresh_schedule: \"0 5 * * 0\"\n" +
                                "  free_disk_space: true\n  timeout: 1h30m\n  sign: true\n  sbom: true\n");
        stack.Load().Spec.Ci.Should().BeEquivalentTo(new CiSettings
        {
            Runner = ["ubuntu-24.04"], GpuRunner = ["self-hosted", "a100"], Registry = "quay.io", Layout = WorkflowLayout.Matrix,
            DefaultBranch = "trunk", Schedule = "0 4 * * *", RefreshSchedule = "0 5 * * 0", FreeDiskSpace = true,
            Timeout = TimeSpan.FromMinutes(90), Sign = true, Sbom = true,
        });
    }

    [Fact]
    public void The_drift_check_and_the_refresh_need_crons_of_their_own()
    {
        new CiSettings().Schedule.Should().NotBe(new CiSettings().RefreshSchedule);
        using var stack = Stack("ci:\n  refresh_schedule: \"0 3 * * 0,2-6\"\n");
        stack.ErrorTexts().Should().Equal(
            $"{stack.SpecFile}:4:21: error: ci.schedule and ci.refresh_schedule are both \"0 3 * * 0,2-6\"; give each its own cron " +
            "(a run tells the drift check and the full refresh apart by the cron that started it)");
    }

    [Fact]
    public void Bad_values_are_errors_at_their_line()
    {
        using var stack = Stack("ci:\n  layout: matrices\n  registry: \"not a host\"\n  runner: []\n  runs_on: x\n");
        stack.ErrorTexts().Should().BeEquivalentTo(
        [
            $"{stack.SpecFile}:4:11: error: ci.layout \"matrices\" is not one of auto, jobs, matrix",
            $"{stack.SpecFile}:5:13: error: ci.registry \"not a host\" is not a valid registry host[:port] (e.g. ghcr.io or localhost:5000)",
            $"{stack.SpecFile}:6:11: error: ci.runner lists no runner label; give at least one, e.g. ubuntu-latest",
            $"{stack.SpecFile}:7:3: error: unknown key 'runs_on' in ci",
        ]);
    }

    [Fact]
    public void Platform_runners_are_read_by_platform_and_the_defaults_fill_the_rest()
    {
        using var stack = Stack("ci:\n  runner: ubuntu-24.04\n  platform_runners:\n    linux/aarch64/v8: [self-hosted, arm64]\n    linux/ppc64le: power\n");
        var ci = stack.Load().Spec.Ci;
        ci.RunnerFor(Platform.LinuxArm64).Should().Equal("self-hosted", "arm64");
        ci.RunnerFor(Platform.Parse("linux/ppc64le")).Should().Equal("power");
        ci.RunnerFor(Platform.LinuxAmd64).Should().Equal("ubuntu-24.04");
        ci.RunnerFor(Platform.Parse("linux/s390x")).Should().BeNull();
        new CiSettings().RunnerFor(Platform.LinuxArm64).Should().Equal(CiSettings.Arm64Runner);
    }

    [Fact]
    public void Bad_platform_runners_are_errors_at_their_line()
    {
        using var stack = Stack("ci:\n  platform_runners:\n    linux/arm46: x\n    linux/arm64: []\n    linux/aarch64: y\n");
        stack.ErrorTexts().Should().BeEquivalentTo(
        [
            $"{stack.SpecFile}:5:5: error: ci.platform_runners: platform \"linux/arm46\" names an unknown architecture 'arm46' (known: 386, amd64, arm, arm64, loong64, mips, mipsle, mips64, mips64le, ppc64, ppc64le, riscv64, s390x, wasm) (did you mean 'arm64'?)",
            $"{stack.SpecFile}:6:18: error: ci.platform_runners.linux/arm64 lists no runner label; give at least one, e.g. ubuntu-latest",
            $"{stack.SpecFile}:7:5: error: ci.platform_runners lists linux/arm64 twice (first at line 6); list each platform once",
        ]);
    }

    [Fact]
    public void Cache_from_tags_are_read_and_a_bad_one_is_an_error_at_its_line()
    {
        using var stack = Stack("ci:\n  cache_from: [\"{branch}\", nightly]\n");
        stack.Load().Spec.Ci.CacheFrom.Should().Equal("{branch}", "nightly");
        new CiSettings().CacheFrom.Should().Equal("{branch}", "{default_branch}", "stable");

        using var bad = Stack("ci:\n  cache_from: [stable, \"{tag}\"]\n");
        bad.ErrorTexts().Should().BeEquivalentTo(
        [
            $"{bad.SpecFile}:4:24: error: ci.cache_from: \"{{tag}}\" is not a tag (letters, digits, '_', '.', '-'; at most 128) nor \"{{branch}}\" or \"{{default_branch}}\"",
        ]);
    }
}
