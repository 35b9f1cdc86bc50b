using System.Text;

namespace Cascade.Stacks;

/// <summary>
/// One entry of an image's `tags:`: a tag that says what is inside the image, e.g. `python-{PY_VER}`. Each
/// `{FIELD}` names an all_info_cmds entry whose output, run in the pushed image, fills it; the text around the fields
/// is kept as written. The filled tag is trimmed and sanitised to a tag Docker accepts (<see cref="ImageTags.Sanitize"/>).
/// </summary>
internal sealed record ContentTagTemplate
{
    /// <summary>The template as written in spec.yml.</summary>
    public required string Text { get; init; }

    /// <summary>The all_info_cmds keys it names, each once, in order of appearance.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    // Literal text and fields, in order: a field is marked by its name in Fields' own spelling.
    private IReadOnlyList<(string Text, bool IsField)> Parts { get; init; } = [];

    /// <summary>Tags Cascade gives by itself: a template that starts so could overwrite one of them.</summary>
    public static readonly IReadOnlyList<string> ReservedPrefixes = ["sha-", "fp-"];

    /// <summary>The template read from <paramref name="text"/>, or why it is not one (a message for spec.yml's reader).</summary>
    public static (ContentTagTemplate? Template, string? Problem) Parse(string text)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '}') return (null, "has a '}' with no '{' before it");
            if (text[i] != '{') { literal.Append(text[i]); continue; }
            var close = text.IndexOf('}', i + 1);
            if (close < 0) return (null, "has a '{' with no '}' after it");
            var field = text[(i + 1)..close].Trim();
            if (field.Length == 0 || field.Contains('{')) return (null, "has a '{' that names no all_info_cmds entry");
            if (literal.Length > 0) parts.Add((literal.ToString(), false));
            literal.Clear();
            parts.Add((field, true));
            i = close;
        }
        if (literal.Length > 0) parts.Add((literal.ToString(), false));
        return Check(text, parts);
    }

    private static (ContentTagTemplate?, string?) Check(string text, List<(string Text, bool IsField)> parts)
    {
        if (!parts.Any(p => p.IsField))
            return (null, "names no {FIELD}: a content tag is filled from a command run in the image (e.g. python-{PY_VER})");
        if (parts.Where(p => !p.IsField).FirstOrDefault(p => !p.Text.All(ImageTags.IsTagCharacter)) is { Text: { } bad })
            return (null, $"has \"{bad}\" outside its fields: a tag holds only letters, digits, '_', '.' and '-'");
        if (ReservedPrefixes.FirstOrDefault(p => text.StartsWith(p, StringComparison.Ordinal)) is { } reserved)
            return (null, $"starts with '{reserved}', which Cascade's own tags start with; choose another beginning");
        var fields = parts.Where(p => p.IsField).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToList();
        return (new ContentTagTemplate { Text = text, Fields = fields, Parts = parts }, null);
    }

    /// <summary>The tag with each field replaced by its command's output, trimmed, then made a valid tag as a whole.</summary>
    /// <param name="outputs">Each field's output, by all_info_cmds key; every field must be there and not blank.</param>
    public string Fill(IReadOnlyDictionary<string, string> outputs) =>
        ImageTags.Sanitize(string.Concat(Parts.Select(p => p.IsField ? outputs[p.Text].Trim() : p.Text)));
}
