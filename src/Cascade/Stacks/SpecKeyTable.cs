using System.Text;

namespace Cascade.Stacks;

/// <summary>
/// README's tables of spec.yml's keys, generated from <see cref="SpecKeys"/> like the JSON Schema: the text an
/// editor shows for a key and the text the README gives are one text. A test keeps README.md current.
/// </summary>
internal static class SpecKeyTable
{
    public const string Begin = "<!-- spec keys: generated from build/Stacks/SpecKeys.cs -->";
    public const string End = "<!-- end of spec keys -->";

    public static string Generate()
    {
        var text = new StringBuilder().Append(Begin).Append('\n');
        Table(text, "Top-level keys", SpecKeys.TopLevel);
        Table(text, "Keys of an image (`images.<name>`)", SpecKeys.Image);
        return text.Append('\n').Append(End).Append('\n').ToString();
    }

    /// <summary>README.md with its generated block replaced by the current one.</summary>
    public static string Refresh(string readme)
    {
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new InvalidOperationException($"README.md has no block between \"{Begin}\" and \"{End}\".");
        var after = end + End.Length;
        if (after < readme.Length && readme[after] == '\n') after++;
        return readme[..start] + Generate() + readme[after..];
    }

    // Outside `code`, <name> would be read as an HTML tag and vanish; a | anywhere would end the cell.
    private static string Markdown(string text) => string.Join('`', text.Split('`')
        .Select((part, i) => (i % 2 == 0 ? part.Replace("<", "&lt;") : part).Replace("|", "\\|")));

    private static void Table(StringBuilder text, string title, IReadOnlyList<SpecKey> keys)
    {
        text.Append('\n').Append(title).Append(":\n\n| Key | Meaning |\n| --- | --- |\n");
        foreach (var key in keys)
            text.Append("| `").Append(key.Name).Append("` | ").Append(Markdown(key.Description)).Append(" |\n");
    }
}
