using System.Text.RegularExpressions;
using Cascade.Stacks;

namespace Cascade.Tests.Stacks;

public class ImageTagsTests
{
    private static readonly Regex ValidTag = new("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

    [Theory]
    [InlineData("", "main", "main")]
    [InlineData("2024.3", "main", "2024.3-main")]
    [InlineData("", "feature/new-kernel", "feature-new-kernel")]
    [InlineData("", "dependabot/pip/numpy@2.0", "dependabot-pip-numpy-2.0")]
    [InlineData("", "-hotfix", "hotfix")]
    [InlineData("", "..weird", "weird")]
    [InlineData("", "ünïcode branch", "n-code-branch")]
    public void Branch_tags_are_sanitised(string prefix, string branch, string expected) =>
        ImageTags.BranchTag(prefix, branch).Should().Be(expected);

    [Fact]
    public void Sha_tag_is_the_short_commit()
    {
        ImageTags.ShaTag("0123456789ABCDEF0123456789abcdef01234567").Should().Be("sha-0123456");
        var bad = () => ImageTags.ShaTag("not-a-sha");
        bad.Should().Throw<ArgumentException>().WithMessage("*not a git commit*");
    }

    [Fact]
    public void Long_branches_are_cut_to_128_with_a_hash_that_keeps_them_apart()
    {
        var common = "feature/" + new string('x', 200);
        var a = ImageTags.BranchTag("2024.3", common + "-a");
        var b = ImageTags.BranchTag("2024.3", common + "-b");
        a.Length.Should().Be(128);
        b.Length.Should().Be(128);
        a.Should().NotBe(b);
        a[..100].Should().Be(b[..100]);
        ImageTags.BranchTag("2024.3", common + "-a").Should().Be(a, "the same branch always gets the same tag");
    }

    [Fact]
    public void Any_branch_name_gives_a_valid_tag()
    {
        // Property-like: many random names, drawn from a wide alphabet, all yield valid tags.
        var random = new Random(20240611);
        const string alphabet = "abcXYZ019_.-/@:+~^ \t#%äß漢\u0000";
        for (var i = 0; i < 2000; i++)
        {
            var name = new string(Enumerable.Range(0, random.Next(1, 300)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var tag = ImageTags.BranchTag(i % 2 == 0 ? "" : "v1", name);
            tag.Should().MatchRegex(ValidTag.ToString(), $"branch '{name}'");
        }
    }

    [Fact]
    public void Empty_after_sanitising_still_gives_a_tag()
    {
        ImageTags.BranchTag("", "---").Should().MatchRegex(ValidTag.ToString());
        ImageTags.BranchTag("", "---").Should().NotBe(ImageTags.BranchTag("", "..."));
    }
}
