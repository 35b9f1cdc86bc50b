namespace Cascade.Stacks.Dockerfiles;

/// <summary>One build stage: its base as the builder resolves it, where its FROM ends, and its first step.</summary>
/// <param name="Base">The FROM image with the build's args applied (`${BASE}` → its value).</param>
/// <param name="HasPlatformFlag">`FROM --platform=…`: the stage is not of the build's platform.</param>
/// <param name="FromLastLine">The 1-based line the FROM instruction ends on.</param>
/// <param name="FirstStep">The keyword of the stage's first instruction after FROM, or null when it has none.</param>
internal sealed record DockerfileStage(string Base, bool HasPlatformFlag, int FromLastLine, string? FirstStep)
{
    public bool IsScratch => Base.Equals("scratch", StringComparison.OrdinalIgnoreCase);

    /// <summary>COPY and ADD make the classic builder's file steps: they take the stage's platform from its base.</summary>
    public bool StartsWithFileStep => FirstStep is "COPY" or "ADD";
}

/// <summary>
/// What a build needs to know of a Dockerfile before sending it: the ARG names it declares (anywhere: the
/// classic builder accepts a build arg that any stage declares) and its stages.
/// </summary>
internal sealed record DockerfileOutline(IReadOnlySet<string> DeclaredArgs, IReadOnlyList<DockerfileStage> Stages)
{
    /// <param name="buildArgs">The args the build passes; they override ARG defaults before the first FROM.</param>
    public static DockerfileOutline Read(string text, IReadOnlyDictionary<string, string> buildArgs)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var globalArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
        var stages = new List<DockerfileStage>();
        foreach (var instruction in DockerfileParser.Parse(text))
        {
            if (instruction.Keyword == "ARG")
                foreach (var name in ArgNames(instruction))
                {
                    declared.Add(name.Name);
                    if (stages.Count == 0) globalArgs[name.Name] = buildArgs.TryGetValue(name.Name, out var given) ? given : name.Default;
                }
            if (stages.Count > 0 && stages[^1].FirstStep is null && instruction.Keyword != "FROM")
                stages[^1] = stages[^1] with { FirstStep = instruction.Keyword };
            if (instruction.Keyword == "FROM") stages.Add(Stage(instruction, globalArgs));
        }
        return new DockerfileOutline(declared, stages);
    }

    private static DockerfileStage Stage(DockerfileInstruction from, IReadOnlyDictionary<string, string?> globalArgs)
    {
        var words = from.Words().Select(w => w.Word).ToList();
        var flagged = words.Any(w => w.StartsWith("--platform", StringComparison.OrdinalIgnoreCase));
        var image = words.FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal)) ?? "";
        // An arg without a value stays marked open: such a base is no known image, and never scratch.
        return new DockerfileStage(ArgExpander.Expand(Unquote(image), globalArgs, []), flagged, from.LastLine, null);
    }

    /// <summary>`ARG A B=1 "C=x y"`: each name with its default (null without one).</summary>
    private static IEnumerable<(string Name, string? Default)> ArgNames(DockerfileInstruction arg) =>
        arg.Words().Select(w =>
        {
            var word = Unquote(w.Word);
            var eq = word.IndexOf('=');
            return eq < 0 ? (word, (string?)null) : (word[..eq], Unquote(word[(eq + 1)..]));
        });

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] == s[^1] && s[0] is '"' or '\'' ? s[1..^1] : s;
}
