using System.Text.RegularExpressions;
using Cascade.Text;

namespace Cascade.Tests.Text;

/// <summary>The one glob translator that watch globs (Changes) and .dockerignore (Contexts) both use.</summary>
public class GlobRegexTests
{
    [Theory]
    [InlineData("a/*.py", "a/x.py", true)]
    [InlineData("a/*.py", "a/b/x.py", false)]
    [InlineData("a/?", "a/bc", false)]
    [InlineData("**/x", "x", true)]
    [InlineData("**/x", "a/b/x", true)]
    [InlineData("a/**", "a/b/c", true)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("[ab].txt", "b.txt", true)]
    [InlineData("[!ab].txt", "b.txt", false)]
    [InlineData("[]].txt", "].txt", true)]   // a "]" right after "[" is in the class
    [InlineData("[", "[", true)]             // an unclosed class is a literal
    [InlineData(@"a\*b", "a*b", true)]       // a backslash escapes
    [InlineData(@"a\*b", "axb", false)]
    [InlineData("a+b(c).txt", "a+b(c).txt", true)]
    public void Translates_like_moby_patternmatcher(string pattern, string path, bool expected)
    {
        Matches(pattern, path, braces: false).Should().Be(expected);
        Matches(pattern, path, braces: true).Should().Be(expected);
    }

    [Fact]
    public void Braces_are_alternatives_only_when_asked()
    {
        Matches("x.{yml,yaml}", "x.yaml", braces: true).Should().BeTrue();
        Matches("x.{yml,yaml}", "x.yaml", braces: false).Should().BeFalse();
        Matches("x.{yml,yaml}", "x.{yml,yaml}", braces: false).Should().BeTrue();
    }

    [Theory]
    [InlineData("a/b/c", false, -1)]
    [InlineData("a/b*/c", false, 3)]
    [InlineData("a/{b,c}", false, -1)]
    [InlineData("a/{b,c}", true, 2)]
    public void The_first_wildcard_bounds_what_can_match(string pattern, bool braces, int index) =>
        GlobRegex.FirstWildcard(pattern, braces).Should().Be(index);

    private static bool Matches(string pattern, string path, bool braces) => Regex.IsMatch(path, GlobRegex.Translate(pattern, braces) + "$");
}
