using Cascade.Tests.Support;

namespace Cascade.Tests.Setup;

/// <summary>README's "Use Cascade for your stack": the command lines of its code block, which the tests run word for word.</summary>
internal static class ReadmeSetupSection
{
    public const string Heading = "## Use Cascade for your stack";

    public static IReadOnlyList<string> Commands()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("README.md"));
        var start = Array.IndexOf(lines, Heading);
        start.Should().BeGreaterThan(-1, $"README.md has the section '{Heading}'");
        var section = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var block = section.SkipWhile(l => l != "```bash").Skip(1).TakeWhile(l => l != "```").ToList();
        block.Should().NotBeEmpty("the section shows its commands in a ```bash block");
        return block.Where(l => l.Trim().Length > 0).ToList();
    }
}
