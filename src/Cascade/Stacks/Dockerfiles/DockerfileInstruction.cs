namespace Cascade.Stacks.Dockerfiles;

/// <summary>
/// One Dockerfile instruction with its continuation lines joined. Keeps where each joined piece came
/// from so that a word inside it can be reported at its real line and column.
/// </summary>
internal sealed class DockerfileInstruction
{
    private readonly (int Offset, int Line, int Column)[] pieces;

    public DockerfileInstruction(string keyword, string text, (int Offset, int Line, int Column)[] pieces)
    {
        Keyword = keyword;
        Text = text;
        this.pieces = pieces;
    }

    /// <summary>Upper-cased instruction name: FROM, ARG, COPY, RUN, ...</summary>
    public string Keyword { get; }

    /// <summary>The whole logical line, keyword included, continuations joined.</summary>
    public string Text { get; }

    public int Line => pieces[0].Line;

    /// <summary>The 1-based line the instruction ends on (its last continuation line).</summary>
    public int LastLine => pieces[^1].Line;
    public int Column => pieces[0].Column;

    /// <summary>The 1-based line and column of character <paramref name="offset"/> of <see cref="Text"/>.</summary>
    public (int Line, int Column) PositionOf(int offset)
    {
        var piece = pieces[0];
        foreach (var p in pieces)
        {
            if (p.Offset > offset) break;
            piece = p;
        }
        return (piece.Line, piece.Column + (offset - piece.Offset));
    }

    /// <summary>The whitespace-separated words after the keyword, with their offsets in <see cref="Text"/>.
    /// Quotes keep spaces inside one word (ARG NAME="a b").</summary>
    public IReadOnlyList<(string Word, int Offset)> Words()
    {
        var words = new List<(string, int)>();
        var i = Keyword.Length;
        while (i < Text.Length)
        {
            while (i < Text.Length && char.IsWhiteSpace(Text[i])) i++;
            if (i >= Text.Length) break;
            var start = i;
            char quote = '\0';
            while (i < Text.Length && (quote != '\0' || !char.IsWhiteSpace(Text[i])))
            {
                if (quote == '\0' && Text[i] is '"' or '\'') quote = Text[i];
                else if (quote != '\0' && Text[i] == quote) quote = '\0';
                i++;
            }
            words.Add((Text[start..i], start));
        }
        return words;
    }
}
