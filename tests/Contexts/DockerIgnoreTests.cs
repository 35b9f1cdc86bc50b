using Cascade.Contexts;
using Cascade.Docker;

namespace Cascade.Tests.Contexts;

public class DockerIgnoreTests
{
    [Theory]
    // anchored at the root: "*.md" is top-level only
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/guide.md", false)]
    [InlineData("**/*.md", "docs/guide.md", true)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("docs/**", "docs/a/b.txt", true)]
    [InlineData("docs/**", "docsx/a.txt", false)]
    [InlineData("a/**/z", "a/z", true)]
    [InlineData("a/**/z", "a/b/c/z", true)]
    // * and ? never cross a slash
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "x/abc", false)]
    [InlineData("a*/c", "ab/c", true)]
    [InlineData("a*/c", "a/b/c", false)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("[ab].txt", "b.txt", true)]
    [InlineData("[!ab].txt", "b.txt", false)]
    // a directory excluded excludes its contents
    [InlineData("node_modules", "node_modules/x/y.js", true)]
    [InlineData("node_modules", "src/node_modules/y.js", false)]
    // leading / and ./ are cleaned, trailing slash too
    [InlineData("/build", "build/out.o", true)]
    [InlineData("./build", "build/out.o", true)]
    [InlineData("build/", "build/out.o", true)]
    [InlineData("a/../b", "b", true)]
    // exceptions: later patterns win
    [InlineData("*.log\n!keep.log", "keep.log", false)]
    [InlineData("*.log\n!keep.log", "other.log", true)]
    [InlineData("!keep.log\n*.log", "keep.log", true)]
    [InlineData("logs\n!logs/important.txt", "logs/important.txt", false)]
    [InlineData("logs\n!logs/important.txt", "logs/other.txt", true)]
    [InlineData("logs\n!logs/important.txt\nlogs/important.txt", "logs/important.txt", true)]
    // comments and blank lines
    [InlineData("# *.md\n\n", "README.md", false)]
    [InlineData("  *.md  ", "README.md", true)]
    [InlineData("\\*.md", "*.md", true)]
    [InlineData("\\*.md", "a.md", false)]
    public void Matches_like_docker(string ignoreFile, string path, bool excluded)
    {
        DockerIgnore.Parse(ignoreFile).IsExcluded(path).Should().Be(excluded, $"pattern(s) {ignoreFile.Replace("\n", " | ")} on {path}");
    }

    [Fact]
    public void Dockerfile_and_dockerignore_are_always_sent()
    {
        var ignore = DockerIgnore.Parse("*\ndocker", "docker/Dockerfile", ".dockerignore");
        ignore.IsExcluded("docker/Dockerfile").Should().BeFalse();
        ignore.IsExcluded(".dockerignore").Should().BeFalse();
        ignore.IsExcluded("docker/other").Should().BeTrue();
        ignore.MayReincludeInside("docker").Should().BeTrue();
        ignore.MayReincludeInside("src").Should().BeFalse();
    }

    [Theory]
    [InlineData("logs\n!logs/a/keep", "logs", true)]
    [InlineData("logs\n!logs/a/keep", "logs/a", true)]
    [InlineData("logs\n!logs/a/keep", "logs/b", false)]
    [InlineData("*\n!**/keep", "anything", true)]
    [InlineData("logs", "logs", false)]
    public void Descends_into_excluded_folders_only_when_an_exception_could_reinclude(string ignoreFile, string dir, bool descend)
    {
        DockerIgnore.Parse(ignoreFile).MayReincludeInside(dir).Should().Be(descend);
    }

    [Fact]
    public void Patterns_are_cleaned()
    {
        DockerIgnore.Parse("/a\n./b/\n! c\n#x\n  \n").Patterns.Should().Equal("a", "b", "!c");
    }
}
