using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>`platforms:` of an image and of the stack: normal forms, defaults, and every error at its FILE:LINE:COL.</summary>
public class PlatformSpecTests
{
    [Theory]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/amd64/v3", "linux/amd64/v3")]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("Linux/AArch64", "linux/arm64")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/armhf", "linux/arm/v7")]
    [InlineData("linux/arm/v6", "linux/arm/v6")]
    [InlineData("linux/i386", "linux/386")]
    public void Spellings_of_one_platform_normalise_to_one_form(string written, string normal)
    {
        Platform.Parse(written).ToString().Should().Be(normal);
        Platform.Parse(written).Should().Be(Platform.Parse(normal));
    }

    [Fact]
    public void A_platform_knows_its_tag_part() =>
        Platform.Parse("linux/arm/v7").TagSuffix.Should().Be("linux-arm-v7");

    [Theory]
    [InlineData("amd64", "is not of the form os/arch[/variant]")]
    [InlineData("linux/amd64/v8/x", "is not of the form os/arch[/variant]")]
    [InlineData("linux//v8", "is not of the form os/arch[/variant]")]
    [InlineData("linux/amd46", "unknown architecture 'amd46'")]
    [InlineData("linux/arm64/eight", "has variant 'eight'")]
    public void Malformed_platforms_say_why(string written, string problem)
    {
        Platform.TryParse(written, out var why).Should().BeNull();
        why.Should().Contain(problem);
    }

    [Fact]
    public void The_stack_default_applies_to_images_that_do_not_say()
    {
        using var stack = new TempStack("""
            platforms: [linux/amd64, linux/arm64/v8]
            images:
              base:
              native:
                platforms: []
              tool:
                depend_on: base
                platforms: [linux/arm64]
            """).Plain("base", "native").Dockerfile("tool", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");
        var spec = stack.Load().Spec;

        spec.Platforms.Should().Equal(Platform.LinuxAmd64, Platform.LinuxArm64);
        spec["base"].Platforms.Should().Equal(Platform.LinuxAmd64, Platform.LinuxArm64);
        spec["native"].Platforms.Should().BeEmpty("[] is the daemon's platform, whatever the default");
        spec["tool"].Platforms.Should().Equal(Platform.LinuxArm64);
    }

    [Fact]
    public void A_platform_the_parent_lacks_is_an_error_naming_both()
    {
        using var stack = new TempStack("""
            images:
              base:
                platforms: [linux/amd64]
              tool:
                depend_on: base
                platforms: [linux/amd64, linux/arm64]
            """).Plain("base").Dockerfile("tool", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");

        stack.ErrorTexts().Should().Equal(
            $"{stack.SpecFile}:6:30: error: image 'tool' is built for linux/arm64, but its parent 'base' is built only for " +
            "linux/amd64 (line 3); add linux/arm64 to the platforms of 'base' or remove it from those of 'tool'");
    }

    [Fact]
    public void A_parent_without_platforms_lacks_every_platform_a_child_names()
    {
        using var stack = new TempStack("""
            platforms: [linux/arm64]
            images:
              base:
                platforms: []
              tool:
                depend_on: base
            """).Plain("base").Dockerfile("tool", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n");

        stack.ErrorTexts().Should().ContainSingle().Which.Should().Be(
            $"{stack.SpecFile}:1:13: error: image 'tool' is built for linux/arm64 (from the stack's default platforms), but its " +
            "parent 'base' has no platforms, so it is built for the Docker daemon's platform only; " +
            "add linux/arm64 to the platforms of 'base' or remove it from those of 'tool'");
    }

    [Fact]
    public void A_platform_listed_twice_in_two_spellings_is_an_error()
    {
        using var stack = new TempStack("images:\n  a:\n    platforms: [linux/arm64, linux/aarch64/v8]\n").Plain("a");
        stack.ErrorTexts().Should().Equal(
            $"{stack.SpecFile}:3:30: error: platforms of 'a' list linux/arm64 twice (\"linux/arm64\" at line 3 and " +
            "\"linux/aarch64/v8\"); list each platform once");
    }

    [Fact]
    public void A_bad_platform_is_reported_where_it_is_written()
    {
        using var stack = new TempStack("platforms: [linux/amd64, amd64]\nimages:\n  a:\n    platforms: [linux/arm65]\n").Plain("a");
        stack.ErrorTexts().Should().Equal(
            $"{stack.SpecFile}:1:26: error: platform \"amd64\" is not of the form {Platform.Form}",
            $"{stack.SpecFile}:4:17: error: platform \"linux/arm65\" names an unknown architecture 'arm65' (known: 386, amd64, arm, " +
            "arm64, loong64, mips, mipsle, mips64, mips64le, ppc64, ppc64le, riscv64, s390x, wasm) (did you mean 'arm64'?)");
    }
}
