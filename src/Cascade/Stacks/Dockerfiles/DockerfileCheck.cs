using System.Text.RegularExpressions;

namespace Cascade.Stacks.Dockerfiles;

/// <summary>What one Dockerfile says about its stack parents.</summary>
/// <param name="ExternalBases">FROM references outside the stack (not scratch, not a stage), with the spec's
/// build_args applied over the ARG defaults as Docker would: what a fingerprint asks the registry about.</param>
internal sealed record DockerfileFindings(IReadOnlySet<string> NamedParents, IReadOnlyList<SpecDiagnostic> Errors, IReadOnlyList<string> ExternalBases);

/// <summary>
/// Checks a Dockerfile against its image's depend_on: every stack image that a FROM, `COPY --from=` or
/// `RUN --mount=from=` names must be a listed parent, or Cascade would not rebuild this image when that
/// one changes. Also notes which parents the Dockerfile does name, for the "listed but unused" warning.
/// </summary>
internal static class DockerfileCheck
{
    private static readonly Regex SoleVariable = new(@"^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$", RegexOptions.CultureInvariant);

    public static DockerfileFindings Check(
        string text, string file, string image, IReadOnlyList<string> parents, StackImageIndex index) =>
        Check(text, () => file, image, parents, index);

    /// <param name="file">The Dockerfile's name as messages show it; asked only when there is something to report.</param>
    /// <param name="buildArgs">The spec's build_args, which override ARG defaults in Docker.</param>
    public static DockerfileFindings Check(
        string text, Func<string> file, string image, IReadOnlyList<string> parents, StackImageIndex index,
        IReadOnlyDictionary<string, string>? buildArgs = null)
    {
        var run = new Run(file, image, parents, index, buildArgs);
        var instructions = DockerfileParser.Parse(text);
        if (instructions.Count == 0) run.Empty();
        foreach (var instruction in instructions) run.Visit(instruction);
        return new DockerfileFindings(run.Named, run.Errors, run.External);
    }

    /// <summary>The state of one pass over one Dockerfile.</summary>
    private sealed class Run(Func<string> file, string image, IReadOnlyList<string> parents, StackImageIndex index,
        IReadOnlyDictionary<string, string>? buildArgs)
    {
        public HashSet<string> Named { get; } = new(StringComparer.Ordinal);
        public List<SpecDiagnostic> Errors { get; } = [];
        public List<string> External { get; } = [];

        private readonly Dictionary<string, string?> globalArgs = new(StringComparer.Ordinal);
        private Dictionary<string, string?> stageArgs = new(StringComparer.Ordinal);
        private readonly HashSet<string> stages = new(StringComparer.OrdinalIgnoreCase);
        private int stageCount;

        public void Visit(DockerfileInstruction instruction)
        {
            switch (instruction.Keyword)
            {
                case "ARG": DeclareArgs(instruction); break;
                case "FROM": From(instruction); break;
                case "COPY": CopyFrom(instruction); break;
                case "RUN": MountFrom(instruction); break;
                case "ONBUILD": Trigger(instruction); break;
                default: Known(instruction); break;
            }
        }

        public void Empty() => Errors.Add(new SpecDiagnostic(new SourceLocation(file(), 1, 1), Severity.Error,
            "the Dockerfile has no instructions, and Docker refuses an empty one; start it with FROM"));

        private void Known(DockerfileInstruction instruction)
        {
            if (DockerfileKeywords.IsKnown(instruction.Keyword)) return;
            Error(instruction, 0, DockerfileKeywords.Problem(instruction.Text[..instruction.Keyword.Length])!);
        }

        private void Trigger(DockerfileInstruction instruction)
        {
            var words = instruction.Words();
            var (trigger, offset) = words.Count > 0 ? words[0] : ("", 0);
            if (DockerfileKeywords.TriggerProblem(trigger) is { } problem) Error(instruction, offset, problem);
        }

        private void DeclareArgs(DockerfileInstruction instruction)
        {
            var target = stageCount == 0 ? globalArgs : stageArgs;
            foreach (var (word, _) in instruction.Words())
            {
                var eq = word.IndexOf('=');
                var name = eq < 0 ? word : word[..eq];
                // In a stage, `ARG X` without a value brings the global X (and its default) into scope.
                var value = eq < 0 ? (stageCount > 0 ? globalArgs.GetValueOrDefault(name) : null) : Unquote(word[(eq + 1)..]);
                target[name] = value;
            }
        }

        private void From(DockerfileInstruction instruction)
        {
            var words = instruction.Words().Where(w => !w.Word.StartsWith("--", StringComparison.Ordinal)).ToList();
            stageCount++;
            stageArgs = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (words.Count == 0) return;
            var (reference, offset) = words[0];
            // FROM sees only the ARGs declared before the first FROM.
            Reference("FROM", reference, instruction, offset, globalArgs, reportUndeclared: true);
            if (words.Count >= 3 && words[1].Word.Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(words[2].Word);
        }

        private void CopyFrom(DockerfileInstruction instruction)
        {
            foreach (var (word, offset) in instruction.Words())
            {
                if (!word.StartsWith("--", StringComparison.Ordinal)) break; // flags come first
                if (word.StartsWith("--from=", StringComparison.OrdinalIgnoreCase))
                    Reference("COPY --from", word["--from=".Length..], instruction, offset + "--from=".Length, StageScope(), false);
            }
        }

        private void MountFrom(DockerfileInstruction instruction)
        {
            foreach (var (word, offset) in instruction.Words())
            {
                if (!word.StartsWith("--", StringComparison.Ordinal)) break;
                if (!word.StartsWith("--mount=", StringComparison.OrdinalIgnoreCase)) continue;
                var position = "--mount=".Length;
                foreach (var option in word[position..].Split(','))
                {
                    if (option.StartsWith("from=", StringComparison.OrdinalIgnoreCase))
                        Reference("RUN --mount from", option["from=".Length..], instruction, offset + position + "from=".Length, StageScope(), false);
                    position += option.Length + 1;
                }
            }
        }

        private Dictionary<string, string?> StageScope()
        {
            var scope = new Dictionary<string, string?>(globalArgs, StringComparer.Ordinal);
            foreach (var (k, v) in stageArgs) scope[k] = v;
            return scope;
        }

        private void Reference(string what, string raw, DockerfileInstruction instruction, int offset,
            IReadOnlyDictionary<string, string?> args, bool reportUndeclared)
        {
            raw = Unquote(raw);
            if (raw.Length == 0 || raw.Equals("scratch", StringComparison.OrdinalIgnoreCase)) return;
            if (stages.Contains(raw) || (what != "FROM" && int.TryParse(raw, out _))) return; // an earlier stage

            var undeclared = new List<string>();
            var expanded = ArgExpander.Expand(raw, args, undeclared);
            if (reportUndeclared)
                foreach (var name in undeclared.Distinct())
                    Error(instruction, offset, $"FROM uses ${{{name}}}, but no `ARG {name}` comes before the first FROM, " +
                        $"so Docker would substitute an empty string; declare `ARG {name}` at the top of the Dockerfile");
            if (stages.Contains(expanded)) return;

            var injected = InjectedParentOf(raw);
            if (injected is not null) Named.Add(injected);

            var repository = ImageReference.Repository(expanded);
            if (ImageReference.SoleOpenVariable(repository) is { } open)
            {
                OpenVariable(what, open, instruction, offset);
                return;
            }
            if (ImageReference.HasOpenVariable(repository)) return; // set by a build arg we cannot see: no claim
            if (index.Find(repository) is not { } named)              // not a stack image
            {
                if (what == "FROM" && injected is null) AddExternal(raw, args);
                return;
            }

            StackImage(what, named, instruction, offset, Via(raw, expanded));
        }

        /// <summary>${BASE_IMAGE} and ${&lt;PARENT&gt;_IMAGE}: Cascade passes these build args, so they name that parent
        /// whatever default the ARG has.</summary>
        private string? InjectedParentOf(string raw)
        {
            var sole = raw.StartsWith('$') ? SoleVariable.Match(raw) : Match.Empty;
            var variable = sole.Success ? (sole.Groups[1].Success ? sole.Groups[1].Value : sole.Groups[2].Value) : null;
            return variable is null ? null : InjectedParent(variable);
        }

        /// <summary>A reference to stack image <paramref name="named"/>: a parent depend_on lists, or an error.</summary>
        private void StackImage(string what, string named, DockerfileInstruction instruction, int offset, string via)
        {
            if (named == image)
                Error(instruction, offset, $"{what} names '{image}' itself; an image cannot be built on itself");
            else if (parents.Contains(named))
                Named.Add(named);
            else
                Error(instruction, offset,
                    $"{what} names stack image '{named}'{via}, but depend_on of '{image}' does not list it; " +
                    $"add '{named}' to depend_on in the spec so '{image}' is rebuilt when '{named}' changes");
        }

        private void AddExternal(string raw, IReadOnlyDictionary<string, string?> args)
        {
            var scope = new Dictionary<string, string?>(args, StringComparer.Ordinal);
            if (buildArgs is not null)
                foreach (var name in args.Keys)
                    if (buildArgs.TryGetValue(name, out var given)) scope[name] = given;
            var reference = ArgExpander.Expand(raw, scope, []);
            if (!ImageReference.HasOpenVariable(reference) && !External.Contains(reference)) External.Add(reference);
        }

        private void OpenVariable(string what, string variable, DockerfileInstruction instruction, int offset)
        {
            if (InjectedParent(variable) is not null) return; // already counted
            if (variable == ParentBuildArgs.BaseImage)
            {
                Error(instruction, offset, $"{what} uses ${{{ParentBuildArgs.BaseImage}}}, which Cascade sets to the first depend_on parent, " +
                    $"but '{image}' has no depend_on; add its parent to depend_on or give `ARG {ParentBuildArgs.BaseImage}` a default");
                return;
            }
            // ${OTHER_IMAGE} for a stack image that is not a parent: Cascade would not pass it.
            var other = index.FindByArgName(variable);
            if (other is not null && other != image)
                Error(instruction, offset, $"{what} uses ${{{variable}}}, which Cascade sets only for parents, " +
                    $"but depend_on of '{image}' does not list '{other}'; add '{other}' to depend_on");
        }

        private string? InjectedParent(string variable)
        {
            if (variable == ParentBuildArgs.BaseImage) return parents.Count > 0 ? parents[0] : null;
            foreach (var p in parents)
                if (ParentBuildArgs.ImageOf(p) == variable) return p;
            return null;
        }

        private void Error(DockerfileInstruction instruction, int offset, string message)
        {
            var (line, column) = instruction.PositionOf(offset);
            Errors.Add(new SpecDiagnostic(new SourceLocation(file(), line, column), Severity.Error, message));
        }

        private static string Via(string raw, string expanded) =>
            raw == expanded ? "" : $" (\"{raw}\" is \"{expanded.Replace(ArgExpander.Open.ToString(), "")}\")";

        private static string Unquote(string s) =>
            s.Length >= 2 && s[0] == s[^1] && s[0] is '"' or '\'' ? s[1..^1] : s;
    }
}
