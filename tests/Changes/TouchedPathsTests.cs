using Cascade.Changes.Fingerprints;

namespace Cascade.Tests.Changes;

public class TouchedPathsTests
{
    private static readonly TouchedPaths Paths = new([
        ("left/Dockerfile", false), ("left/build/", true), ("right-extra/x", false), ("vendor/", false),
        ("only-ignored/cache/", true), ("twice/a", true), ("twice/a", false),
    ]);

    [Theory]
    [InlineData("left", true, true)]
    [InlineData("right", false, false)]          // "right-extra/x" is beside it, not in it
    [InlineData("only-ignored", true, false)]
    [InlineData("vendor/lib/x", true, true)]     // inside an untracked folder
    [InlineData("twice", true, true)]            // listed ignored and changed: a change
    [InlineData("", true, true)]
    public void A_folder_is_touched_by_what_lies_in_it_or_around_it(string folder, bool touched, bool dirty) =>
        Paths.Under(folder).Should().Be((touched, dirty));

    [Theory]
    [InlineData("left/Dockerfile", true)]
    [InlineData("left/build/out.o", true)]
    [InlineData("left/other", false)]
    [InlineData("vendor/a/b", true)]
    public void A_file_is_covered_when_listed_or_inside_a_listed_folder(string path, bool covered) =>
        Paths.Covers(path).Should().Be(covered);
}
