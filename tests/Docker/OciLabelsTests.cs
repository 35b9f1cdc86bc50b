using Cascade.Docker;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docker;

public class OciLabelsTests
{
    [Fact]
    public void The_keys_are_the_image_specs_annotations()
    {
        OciLabels.Title.Should().Be("org.opencontainers.image.title");
        OciLabels.Created.Should().Be("org.opencontainers.image.created");
        OciLabels.Version.Should().Be("org.opencontainers.image.version");
        OciLabels.Source.Should().Be("org.opencontainers.image.source");
        OciLabels.Revision.Should().Be("org.opencontainers.image.revision");
        OciLabels.BaseName.Should().Be("org.opencontainers.image.base.name");
        OciLabels.BaseDigest.Should().Be("org.opencontainers.image.base.digest");
    }

    [Fact]
    public void Every_label_is_written_and_read_through_them() =>
        ProductSources.LinesContaining("\"org.opencontainers.image.", except: "Docker/OciLabels.cs")
            .Should().BeEmpty("OCI label keys live in Docker/OciLabels.cs alone");
}
