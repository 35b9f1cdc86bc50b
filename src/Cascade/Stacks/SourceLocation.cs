using System.Text.Json;

namespace Cascade.Stacks;

/// <summary>A place in a file, 1-based, printed as FILE:LINE:COL so editors and CI can jump to it.</summary>
internal sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";

    /// <summary>Where System.Text.Json gave up on <paramref name="file"/> (it counts from 0).</summary>
    public static SourceLocation Of(string file, JsonException e) =>
        new(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);

    /// <summary>Why it gave up, without the position it appends (" Path: $ | LineNumber: …").</summary>
    public static string Reason(JsonException e) => e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd(' ', '|', '.');
}
