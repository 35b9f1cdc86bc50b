using Cascade.Publishing;

namespace Cascade.Tests.Publishing;

/// <summary>What differs between an image and the one it replaces: sizes, layers as a multiset of (step, size), and
/// each info_cmds entry's lines.</summary>
public class ImageComparisonTests
{
    private static readonly DateTimeOffset Then = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LayerRow Layer(string command, long size) => new(Then, command, size);

    private static ImageFacts Facts(long size, IReadOnlyList<LayerRow> layers, string pip) => new()
    {
        CompressedSize = size / 2, UncompressedSize = size, Layers = layers,
        Info = [new InfoOutput("PIP", "Python packages", "pip list", pip)],
    };

    [Fact]
    public void Sizes_layers_and_package_lines_that_moved_and_nothing_else()
    {
        var stamp = "LABEL org.opencontainers.image.created=";
        var old = Facts(1000, [Layer("COPY busybox", 900), Layer("RUN a", 50), Layer("RUN a", 50), Layer(stamp + "1", 0)],
            "numpy 1.26\npandas 2.2\nscipy 1.13\n");
        var now = Facts(3000, [Layer("COPY busybox", 900), Layer("RUN a", 50), Layer("COPY blob", 2050), Layer(stamp + "2", 0)],
            "numpy 2.0\npandas 2.2\nscipy 1.13\ntorch 2.3");

        var diff = ImageComparison.Compare("app", "r:main", old, "r:fp-1", now);

        (diff.Uncompressed!.Delta, diff.Uncompressed.Percent, diff.Compressed!.Delta).Should().Be((2000L, 200.0, 1000L));
        diff.LayersAdded.Should().Equal(Layer("COPY blob", 2050));
        diff.LayersRemoved.Should().Equal([Layer("RUN a", 50)], "one of the two equal layers is gone; the build's own labels differ by design");
        diff.Info.Single().Lines.Select(l => l.ToString()).Should().Equal("- numpy 1.26", "+ numpy 2.0", "+ torch 2.3");
    }

    [Fact]
    public void An_output_that_only_lost_its_last_newline_or_gained_a_carriage_return_did_not_change() =>
        LineDiff.Changes("a 1\nb 2\n", "a 1\r\nb 2").Should().BeEmpty();

    [Fact]
    public void A_size_without_its_before_has_no_delta_and_one_from_nothing_no_percentage()
    {
        new SizeChange(null, 10).Delta.Should().BeNull();
        new SizeChange(0, 10).Percent.Should().BeNull();
        new SizeChange(200, 150).Percent.Should().Be(-25.0);
    }
}
