using Cascade.Text;

namespace Cascade.Engine.Internal;

/// <summary>
/// Reads NUKE-style arguments: positional targets, <c>--target A B</c>, <c>--skip [A B]</c>, built-in options,
/// and the build's own parameters as <c>--kebab-name value</c> (or <c>--kebab-name=value</c>).
/// A list option takes words until the next <c>--option</c>; leftover words are targets.
/// </summary>
internal static class CommandLineParser
{
    private enum Arity { None, One, Many }

    private sealed record BuiltIn(string Name, Arity Arity, Action<CommandLine, List<string>> Apply);

    // --host, --no-logo and --partition are NUKE options the global tool or an IDE may pass; they change nothing here.
    private static readonly BuiltIn[] BuiltIns =
    [
        new("target", Arity.Many, (c, v) => c.Targets.AddRange(v)),
        new("skip", Arity.Many, (c, v) => (c.Skip ??= []).AddRange(v)),
        new("help", Arity.None, (c, _) => c.Help = true),
        new("plan", Arity.None, (c, _) => c.Plan = true),
        new("continue", Arity.None, (c, _) => c.Continue = true),
        new("shell-completion", Arity.None, (c, _) => c.ShellCompletion = true),
        new("root", Arity.One, (c, v) => c.Root = v[0]),
        new("verbosity", Arity.One, (c, v) => c.Verbosity = ParseVerbosity(v[0])),
        new("profile", Arity.Many, (c, v) => c.Profiles.AddRange(v)),
        new("host", Arity.One, (_, _) => { }),
        new("no-logo", Arity.None, (_, _) => { }),
        new("partition", Arity.One, (_, _) => { }),
    ];

    public static IEnumerable<string> BuiltInNames => BuiltIns.Select(b => b.Name);

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<ParameterMember> parameters)
    {
        var line = new CommandLine();
        var byName = parameters.ToDictionary(p => Naming.Normalize(p.CliName));
        var i = 0;
        while (i < args.Count)
        {
            var arg = args[i++];
            if (arg is "-h" or "-?" or "/?") { line.Help = true; continue; }
            if (!IsOption(arg)) { line.Targets.Add(arg); continue; }

            var (name, inline) = Split(arg);
            var key = Naming.Normalize(name);
            var builtIn = BuiltIns.FirstOrDefault(b => Naming.Normalize(b.Name) == key);
            if (builtIn is not null)
            {
                var words = Take(args, ref i, inline, builtIn.Arity, b => false);
                if (builtIn.Arity == Arity.One && words.Count == 0)
                    throw new BuildUsageException($"Option --{builtIn.Name} needs a value.", ExitCodes.InvalidArguments);
                builtIn.Apply(line, words);
                continue;
            }
            if (byName.TryGetValue(key, out var parameter))
            {
                var arity = parameter.IsList ? Arity.Many : parameter.IsSwitch ? Arity.None : Arity.One;
                // A switch may be followed by an explicit true/false: "--all false".
                var words = Take(args, ref i, inline, arity, parameter.IsSwitch ? ValueConverter.IsBooleanWord : _ => false);
                if (arity == Arity.One && words.Count == 0)
                    throw new BuildUsageException(
                        $"Parameter {parameter.Option} needs a value ({ValueConverter.Describe(parameter.Type)}).", ExitCodes.InvalidArguments);
                line.Parameters[parameter] = words;
                continue;
            }
            var known = BuiltInNames.Concat(parameters.Select(p => p.CliName));
            throw new BuildUsageException(
                $"Unknown parameter '--{name}'." + DidYouMean.Sentence(name, known, Naming.Normalize, n => "--" + n)
                + " Run with --help to list the parameters.", ExitCodes.InvalidArguments);
        }
        return line;
    }

    private static bool IsOption(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2;

    private static (string Name, string? Inline) Split(string arg)
    {
        var body = arg[2..];
        var eq = body.IndexOf('=');
        return eq < 0 ? (body, null) : (body[..eq], body[(eq + 1)..]);
    }

    private static List<string> Take(IReadOnlyList<string> args, ref int i, string? inline, Arity arity, Func<string, bool> optionalWord)
    {
        if (inline is not null) return [inline];
        var words = new List<string>();
        switch (arity)
        {
            case Arity.One when i < args.Count && !IsOption(args[i]):
                words.Add(args[i++]);
                break;
            case Arity.Many:
                while (i < args.Count && !IsOption(args[i])) words.Add(args[i++]);
                break;
            case Arity.None when i < args.Count && optionalWord(args[i]):
                words.Add(args[i++]);
                break;
        }
        return words;
    }

    private static Verbosity ParseVerbosity(string text) =>
        Enum.GetValues<Verbosity>().FirstOrDefault(v => Naming.Normalize(v.ToString()) == Naming.Normalize(text), (Verbosity)(-1)) is var v && v >= 0
            ? v
            : throw new BuildUsageException(
                $"Option --verbosity: '{text}' is not one of quiet, minimal, normal, verbose.", ExitCodes.InvalidArguments);

    /// <summary>A [Parameter] must not take a name the engine already uses.</summary>
    public static void EnsureNoClash(IReadOnlyList<ParameterMember> parameters)
    {
        var builtIns = BuiltIns.Select(b => Naming.Normalize(b.Name)).ToHashSet();
        foreach (var p in parameters)
            if (builtIns.Contains(Naming.Normalize(p.CliName)))
                throw new BuildUsageException($"Parameter {p.MemberName} uses the name {p.Option}, which the engine reserves; rename it or set [Parameter(Name = ...)].");
        foreach (var group in parameters.GroupBy(p => Naming.Normalize(p.CliName)).Where(g => g.Count() > 1))
            throw new BuildUsageException($"Parameters {string.Join(" and ", group.Select(p => p.MemberName))} share the option {group.First().Option}.");
    }
}
