using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

public class StackSpecTests
{
    private static StackSpec Spec() => new()
    {
        Directory = "/stack",
        File = "/stack/spec.yml",
        Images = [new ImageSpec { Name = "a", Repository = "owner/a", Context = "/stack/a" }],
        Roots = ["a"],
    };

    [Fact]
    public void A_copy_with_other_images_finds_the_new_ones_by_name()
    {
        var spec = Spec();
        spec["a"].Repository.Should().Be("owner/a", "the lookup builds the name index of the original");

        var moved = spec.WithRegistry("registry.example:5000");

        moved["a"].Repository.Should().Be("registry.example:5000/owner/a", "the copy's index is built from its own images");
        spec["a"].Repository.Should().Be("owner/a", "the original is left as it was");
    }

    [Fact]
    public void A_copy_without_an_image_no_longer_contains_it()
    {
        var spec = Spec();
        spec.Contains("a").Should().BeTrue();

        var emptied = spec with { Images = [] };

        emptied.Contains("a").Should().BeFalse();
    }
}
