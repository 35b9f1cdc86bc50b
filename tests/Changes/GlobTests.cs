using Cascade.Changes;

namespace Cascade.Tests.Changes;

public class GlobTests
{
    [Theory]
    [InlineData("shared/**/*.py", "shared/a.py", true)]
    [InlineData("shared/**/*.py", "shared/x/y/z.py", true)]
    [InlineData("shared/**/*.py", "shared/x/y/z.pyc", false)]
    [InlineData("shared/**/*.py", "other/shared/a.py", false)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("**/*.md", "docs/a/b.md", true)]
    [InlineData("*.md", "docs/b.md", false)]
    [InlineData("shared/python", "shared/python/x/y.txt", true)]
    [InlineData("shared/python", "shared/python2/y.txt", false)]
    [InlineData("lib/?.txt", "lib/a.txt", true)]
    [InlineData("lib/?.txt", "lib/ab.txt", false)]
    [InlineData("lib/[ab].txt", "lib/b.txt", true)]
    [InlineData("lib/[!ab].txt", "lib/b.txt", false)]
    [InlineData("lib/*.{yml,yaml}", "lib/x.yaml", true)]
    [InlineData("lib/*.{yml,yaml}", "lib/x.json", false)]
    [InlineData("./conf/**", "conf/a/b", true)]
    [InlineData("a+b/(c).txt", "a+b/(c).txt", true)]
    public void Matches_like_a_shell_glob_with_double_star(string pattern, string path, bool expected) =>
        new Glob(pattern).IsMatch(path).Should().Be(expected);

    [Theory]
    [InlineData("shared/**/*.py", "shared")]
    [InlineData("**/*.md", "")]
    [InlineData("a/b/c.txt", "a/b/c.txt")]
    [InlineData("a/b*/c", "a")]
    public void The_literal_prefix_is_the_folders_before_the_first_wildcard(string pattern, string prefix) =>
        new Glob(pattern).LiteralPrefix.Should().Be(prefix);
}
