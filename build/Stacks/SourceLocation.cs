namespace Cascade.Stacks;

/// <summary>A place in a file, 1-based, printed as FILE:LINE:COL so editors and CI can jump to it.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
