namespace Cascade.Stacks;

/// <summary>
/// The names of the build args Cascade injects with a parent's exact reference. One home for the rule:
/// the pipeline sets these args and the Dockerfile check expects them, so the two cannot disagree.
/// </summary>
internal static class ParentBuildArgs
{
    /// <summary>The FROM parent's (first depend_on's) exact reference.</summary>
    public const string BaseImage = "BASE_IMAGE";

    /// <summary>The FROM parent's tag, for DataHub-style `FROM repo:${BASE_TAG}`.</summary>
    public const string BaseTag = "BASE_TAG";

    /// <summary>`scipy-ml.notebook` → `SCIPY_ML_NOTEBOOK_IMAGE`; `2024-base` → `_2024_BASE_IMAGE`, because
    /// Dockerfile variables cannot start with a digit (`${2024_X}` is not a variable reference).</summary>
    public static string ImageOf(string parentName)
    {
        var chars = new System.Text.StringBuilder(parentName.Length + 7);
        foreach (var c in parentName) chars.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        if (chars.Length > 0 && char.IsAsciiDigit(chars[0])) chars.Insert(0, '_');
        return chars.Append("_IMAGE").ToString();
    }
}
