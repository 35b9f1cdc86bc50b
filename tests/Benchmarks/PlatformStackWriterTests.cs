using Cascade.Benchmarks;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Benchmarks;

public sealed class PlatformStackWriterTests
{
    [EmulatedFact]
    public void Writes_one_stack_per_platform_that_differs_only_in_its_platforms()
    {
        using var amd = new TempRepository("cascade-platform-test-");
        using var arm = new TempRepository("cascade-platform-test-");
        var writer = new PlatformStackWriter { ChildCount = 2, Arm64Busybox = Emulation.Arm64Busybox };

        var native = SpecLoader.Load(writer.Write(amd, "run1", Platform.LinuxAmd64).StackDirectory);
        var emulated = SpecLoader.Load(writer.Write(arm, "run1", Platform.LinuxArm64).StackDirectory);

        native.Warnings.Should().BeEmpty();
        native.Spec.Images.Select(i => i.Name).Should().Equal(PlatformStackWriter.RootName, "platform-child-1", "platform-child-2");
        native.Spec.Images.Should().OnlyContain(i => i.Platforms.SequenceEqual(new[] { Platform.LinuxAmd64 }));
        emulated.Spec.Images.Should().OnlyContain(i => i.Platforms.SequenceEqual(new[] { Platform.LinuxArm64 }));
        File.ReadAllText(Path.Combine(amd.Root, "images", PlatformStackWriter.RootName, "Dockerfile"))
            .Should().StartWith("FROM scratch\nCOPY run-id /.run-id\nARG TARGETARCH\nCOPY busybox-${TARGETARCH} /bin/busybox\n");
    }
}
