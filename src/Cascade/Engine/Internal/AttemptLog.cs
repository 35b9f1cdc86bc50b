using System.Text;

namespace Cascade.Engine.Internal;

/// <summary>
/// .nuke/temp/build-attempt.log: the first line identifies the invocation (its targets and parameters,
/// secrets left out, as text: hashing it would load the crypto library into runs that need none), the rest name the targets that succeeded. <c>--continue</c> with the same
/// invocation skips those targets.
/// </summary>
internal sealed class AttemptLog(string temporaryDirectory)
{
    private string FilePath => Path.Combine(temporaryDirectory, "build-attempt.log");

    public static string Identify(CommandLine line, IEnumerable<string> invokedTargets)
    {
        var text = new StringBuilder();
        // One line: fields end with a record separator, a parameter's words are joined by the unit separator.
        foreach (var target in invokedTargets) text.Append("target:").Append(target).Append('\u001e');
        foreach (var skip in line.Skip ?? []) text.Append("skip:").Append(Naming.Normalize(skip)).Append('\u001e');
        if (line.Skip is { Count: 0 }) text.Append("skip-all\u001e");
        foreach (var (parameter, words) in line.Parameters.Where(p => !p.Key.IsSecret).OrderBy(p => p.Key.MemberName, StringComparer.Ordinal))
            text.Append(parameter.MemberName).Append('=').Append(string.Join('\u001f', words)).Append('\u001e');
        return text.ToString().ReplaceLineEndings("\u001e");
    }

    /// <summary>Targets that succeeded in the last attempt with this identity; empty if it was another invocation.</summary>
    public IReadOnlySet<string> SucceededBefore(string identity)
    {
        if (!File.Exists(FilePath)) return new HashSet<string>();
        var lines = File.ReadAllLines(FilePath);
        if (lines.Length == 0 || lines[0] != identity) return new HashSet<string>();
        return lines.Skip(1).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    public void Record(string identity, IEnumerable<string> succeeded)
    {
        Directory.CreateDirectory(temporaryDirectory);
        File.WriteAllLines(FilePath, succeeded.Prepend(identity));
    }
}
