namespace Cascade.Tests.Support;

/// <summary>The product's C# sources (src/Cascade), for tests that check a concept has one home: where a text occurs.</summary>
public static class ProductSources
{
    /// <summary>"file:line" of every line of src/Cascade that contains <paramref name="text"/>, outside the files named
    /// (paths relative to src/Cascade) and outside comments (lines starting with //).</summary>
    public static IReadOnlyList<string> LinesContaining(string text, params string[] except)
    {
        var root = RepositoryRoot.Combine("src", "Cascade");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || except.Contains(relative))
                continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && lines[i].Contains(text, StringComparison.Ordinal))
                    found.Add($"{relative}:{i + 1}");
        }
        return found;
    }

    /// <summary>The text of a line <see cref="LinesContaining"/> found ("file:line").</summary>
    public static string Line(string at)
    {
        var colon = at.LastIndexOf(':');
        return File.ReadAllLines(RepositoryRoot.Combine("src", "Cascade", at[..colon]))[int.Parse(at[(colon + 1)..]) - 1];
    }
}
