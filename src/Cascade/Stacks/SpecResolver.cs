using Cascade.Text;
using Cascade.Stacks.Dockerfiles;

namespace Cascade.Stacks;

/// <summary>
/// Cross-checks a <see cref="StackDraft"/> (names, parents, cycles, roots, info commands, Docker names,
/// files, Dockerfiles) and turns it into <see cref="ImageSpec"/>s. Reports into the bag; never throws for
/// user input. Each Dockerfile is read once.
/// </summary>
internal sealed class SpecResolver(string stackDirectory, string specFile, DiagnosticBag diagnostics)
{
    private readonly string workingDirectory = Environment.CurrentDirectory;
    private readonly string specDisplay = DisplayPath.Of(specFile);

    private SourceLocation At(Located l) => new(specDisplay, l.Line, l.Column);

    // Renaming a base image leaves every child naming the old name: compute each hint once.
    private readonly Dictionary<string, string> imageHints = new(StringComparer.Ordinal);
    private string ImageHint(string typed, HashSet<string> names)
    {
        if (!imageHints.TryGetValue(typed, out var hint)) imageHints[typed] = hint = DidYouMean.Hint(typed, names);
        return hint;
    }

    public StackSpec Resolve(StackDraft draft)
    {
        var registry = CheckRegistryAndOwner(draft);
        var tagPrefix = CheckTagPrefix(draft);
        var names = draft.Images.Select(i => i.Name.Value).ToHashSet(StringComparer.Ordinal);
        var shared = new ImageChecks(registry, draft.Owner?.Value, names, draft.InfoCommands.Select(c => c.Key.Value).ToHashSet(StringComparer.Ordinal),
            TestFolderPrefix(), new PlatformResolver(At, diagnostics));
        var defaultPlatforms = shared.Platforms.ResolveDefault(draft);
        var images = draft.Images.Select(d => ResolveImage(d, shared)).ToList();

        var roots = CheckRoots(draft, names);
        CheckCycles(draft, shared.KnownParents);
        shared.Platforms.CheckParents(shared.KnownParents);
        shared.Platforms.CheckRunners(draft.Ci);
        CheckDockerfiles(draft, images, shared.KnownParents);

        return new StackSpec
        {
            Directory = stackDirectory,
            File = specFile,
            Images = images,
            Roots = roots,
            Registry = registry,
            Owner = draft.Owner?.Value,
            TagPrefix = tagPrefix,
            AllInfoCmds = draft.InfoCommands.GroupBy(c => c.Key.Value).ToDictionary(g => g.Key, g => g.First().Command, StringComparer.Ordinal),
            Ignore = draft.Ignore,
            RebuildAllOn = draft.RebuildAllOn,
            Platforms = defaultPlatforms,
            Ci = draft.Ci,
        };
    }

    /// <summary>What checking each image needs of the whole stack, and what it gathers: the repositories taken so far
    /// and each image's parents that exist.</summary>
    /// <param name="TestFolder">The stack folder as a default integration test's path starts (empty for the working folder).</param>
    private sealed record ImageChecks(string? Registry, string? Owner, HashSet<string> Names, HashSet<string> InfoKeys, string TestFolder,
        PlatformResolver Platforms)
    {
        public Dictionary<string, ImageDraft> Repositories { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IReadOnlyList<string>> KnownParents { get; } = new(StringComparer.Ordinal);
    }

    private ImageSpec ResolveImage(ImageDraft d, ImageChecks shared)
    {
        var name = d.Name.Value;
        var repository = Repository(d, shared.Registry, shared.Owner, shared.Repositories);
        shared.KnownParents[name] = CheckParents(d, shared.Names);
        CheckInfoCommands(d, shared.InfoKeys);
        var contentTags = ContentTags(d, shared.InfoKeys);
        var context = d.Context?.Value ?? name;
        return new ImageSpec
        {
            Name = name,
            Repository = repository,
            DependOn = DistinctNames.Of(d.DependOn.ConvertAll(p => p.Value)),
            BuildArgs = d.BuildArgs,
            InfoCmds = d.InfoCmds.ConvertAll(c => c.Value),
            IntegrationTests = d.IntegrationTestsDefault
                ? [$"pytest {shared.TestFolder}{context.TrimEnd('/')}/integration_tests"]
                : d.IntegrationTests,
            Prune = d.Prune ?? false,
            Prepull = d.Prepull ?? true,
            Context = context,
            Dockerfile = d.Dockerfile?.Value ?? "Dockerfile",
            Watch = d.Watch,
            Tests = d.Tests,
            GpuTests = d.GpuTests,
            InheritTests = d.InheritTests ?? true,
            Timeout = d.Timeout,
            Platforms = shared.Platforms.Resolve(d),
            Location = At(d.Name),
            ContentTags = contentTags,
        };
    }

    // Set when registry or owner is bad, so that images built from them are not each reported again.
    private bool badPrefix;

    private string? CheckRegistryAndOwner(StackDraft draft)
    {
        if (draft.Registry is { } r && !DockerNames.IsDomain(r.Value.TrimEnd('/')))
        {
            badPrefix = true;
            diagnostics.Error(At(r), $"registry \"{r.Value}\" is not a valid registry host[:port] (e.g. ghcr.io or localhost:5000)");
        }
        if (draft.Owner is { } o && !DockerNames.IsOwner(o.Value))
        {
            badPrefix = true;
            diagnostics.Error(At(o), $"owner \"{o.Value}\" is not valid: Docker needs {DockerNames.PathComponentRule}");
        }
        return draft.Registry?.Value.TrimEnd('/');
    }

    private string CheckTagPrefix(StackDraft draft)
    {
        if (draft.TagPrefix is not { } p) return "";
        if (!DockerNames.IsTag(p.Value))
            diagnostics.Error(At(p), $"tag.prefix \"{p.Value}\" is not a valid Docker tag: it must start with a letter, digit " +
                "or '_', continue with letters, digits, '_', '.' or '-', and be at most 128 characters");
        return p.Value;
    }

    // datahub's `integration_tests: true` runs pytest on the image's folder, written relative to the
    // working directory the tests run from.
    private string TestFolderPrefix()
    {
        var display = DisplayPath.Of(stackDirectory).Replace('\\', '/');
        return display == "." ? "" : display.TrimEnd('/') + "/";
    }

    private string Repository(ImageDraft d, string? registry, string? owner, Dictionary<string, ImageDraft> seen)
    {
        var name = d.Name.Value;
        var repository = d.ImageName?.Value ?? PathOf(registry, owner, name);
        var at = d.ImageName is { } given ? At(given) : At(d.Name);
        if (DockerNames.RepositoryProblem(repository) is { } problem)
        {
            // A bad image name is reported once, at the key; only report the repository when it adds something.
            if (d.ImageName is not null || (DockerNames.IsPathComponent(name) && !badPrefix))
                diagnostics.Error(at, $"repository \"{repository}\" of image '{name}' {problem}");
        }
        else if (!seen.TryAdd(repository, d))
            diagnostics.Error(at, $"image '{name}' has the same repository \"{repository}\" as image '{seen[repository].Name.Value}' " +
                $"(line {seen[repository].Name.Line}); give one of them a different image_name");
        return repository;
    }

    // registry/owner/name without the parts not given.
    private static string PathOf(string? registry, string? owner, string name) =>
        (string.IsNullOrEmpty(registry), string.IsNullOrEmpty(owner)) switch
        {
            (true, true) => name,
            (true, false) => $"{owner}/{name}",
            (false, true) => $"{registry}/{name}",
            _ => $"{registry}/{owner}/{name}",
        };

    private List<string> CheckParents(ImageDraft d, HashSet<string> names)
    {
        var known = new List<string>(d.DependOn.Count);
        // A hash set only for long lists: most images have one or two parents.
        var seen = d.DependOn.Count > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < d.DependOn.Count; i++)
        {
            var parent = d.DependOn[i];
            if (seen is not null ? !seen.Add(parent.Value) : Repeats(d.DependOn, i))
                diagnostics.Warning(At(parent), $"'{d.Name.Value}' lists '{parent.Value}' in depend_on more than once");
            else if (names.Contains(parent.Value))
                known.Add(parent.Value);
            else
                diagnostics.Error(At(parent), $"image '{d.Name.Value}' depends on unknown image '{parent.Value}'" +
                    ImageHint(parent.Value, names));
        }
        return known;
    }

    // Whether an earlier entry names the same parent; depend_on lists are a few names long.
    private static bool Repeats(List<Located> list, int index)
    {
        for (var j = 0; j < index; j++)
            if (list[j].Value == list[index].Value) return true;
        return false;
    }

    private void CheckInfoCommands(ImageDraft d, HashSet<string> infoKeys)
    {
        foreach (var cmd in d.InfoCmds)
            if (!infoKeys.Contains(cmd.Value))
                diagnostics.Error(At(cmd), $"info_cmds of '{d.Name.Value}' names '{cmd.Value}', which all_info_cmds does not define" +
                    DidYouMean.Hint(cmd.Value, infoKeys));
    }

    /// <summary>The image's `tags:` templates; one that cannot be filled (bad braces, an unknown all_info_cmds entry) is an
    /// error at its line, before anything is built.</summary>
    private List<ContentTagTemplate> ContentTags(ImageDraft d, HashSet<string> infoKeys)
    {
        var templates = new List<ContentTagTemplate>(d.ContentTags.Count);
        foreach (var written in d.ContentTags)
        {
            var (template, problem) = ContentTagTemplate.Parse(written.Value);
            var unknown = template?.Fields.FirstOrDefault(f => !infoKeys.Contains(f));
            if (problem is not null)
                diagnostics.Error(At(written), $"tags of '{d.Name.Value}': \"{written.Value}\" {problem}");
            else if (unknown is not null)
                diagnostics.Error(At(written), $"tags of '{d.Name.Value}': \"{written.Value}\" names {{{unknown}}}, which all_info_cmds does not define" +
                    DidYouMean.Hint(unknown, infoKeys));
            else if (templates.Any(t => t.Text == written.Value))
                diagnostics.Warning(At(written), $"tags of '{d.Name.Value}' lists \"{written.Value}\" more than once");
            else
                templates.Add(template!);
        }
        return templates;
    }

    private List<string> CheckRoots(StackDraft draft, HashSet<string> names)
    {
        if (draft.Root is null)
            return draft.Images.Where(i => i.DependOn.Count == 0).Select(i => i.Name.Value).ToList();
        var byName = draft.Images.ToDictionary(i => i.Name.Value, StringComparer.Ordinal);
        foreach (var r in draft.Root)
        {
            if (!names.Contains(r.Value))
                diagnostics.Error(At(r), $"root names unknown image '{r.Value}'{ImageHint(r.Value, names)}");
            else if (byName[r.Value].DependOn.Count > 0)
                diagnostics.Warning(At(r), $"root '{r.Value}' has depend_on ({string.Join(", ", byName[r.Value].DependOn.Select(p => p.Value))}), so it is not built first");
        }
        return draft.Root.Select(r => r.Value).Distinct(StringComparer.Ordinal).ToList();
    }

    private void CheckCycles(StackDraft draft, Dictionary<string, IReadOnlyList<string>> knownParents)
    {
        var byName = draft.Images.ToDictionary(i => i.Name.Value, StringComparer.Ordinal);
        foreach (var cycle in CycleFinder.Find(draft.Images.Select(i => (i.Name.Value, knownParents[i.Name.Value])).ToList()))
        {
            var first = byName[cycle[0]];
            var entry = first.DependOn.First(p => p.Value == cycle[1]);
            diagnostics.Error(At(entry), $"dependency cycle: {string.Join(" -> ", cycle)}; an image cannot depend on itself, directly or through others");
        }
    }

    private void CheckDockerfiles(StackDraft draft, List<ImageSpec> images, Dictionary<string, IReadOnlyList<string>> knownParents)
    {
        var index = new StackImageIndex(images.Select(i => (i.Name, i.Repository)));
        var results = new List<SpecDiagnostic>[images.Count];
        var externalBases = new IReadOnlyList<string>[images.Count];
        // Each image's checks touch only its own files, so they run in parallel; results keep file order.
        Parallel.For(0, images.Count, k =>
            results[k] = CheckImageFiles(draft.Images[k], images[k], knownParents[images[k].Name], index, out externalBases[k]));
        foreach (var found in results) diagnostics.AddRange(found);
        for (var k = 0; k < images.Count; k++)
            if (externalBases[k].Count > 0) images[k] = images[k] with { ExternalBases = externalBases[k] };
    }

    private List<SpecDiagnostic> CheckImageFiles(ImageDraft d, ImageSpec image, IReadOnlyList<string> parents, StackImageIndex index,
        out IReadOnlyList<string> externalBases)
    {
        var found = new List<SpecDiagnostic>();
        externalBases = [];
        var contextPath = Path.Combine(stackDirectory, image.Context);
        var dockerfilePath = Path.Combine(contextPath, image.Dockerfile);
        // Worked out only for a message: most Dockerfiles have nothing to report.
        string? display = null;
        string DockerfileDisplay() => display ??= DisplayPath.Of(Path.GetFullPath(dockerfilePath), workingDirectory);
        string text;
        // Read first and look at folders only on failure: one system call per image in the common case.
        try { text = SmallTextFile.Read(dockerfilePath); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            if (!Directory.Exists(contextPath))
                found.Add(new(d.Context is { } c ? At(c) : At(d.Name), Severity.Error,
                    $"image '{image.Name}' has no build context folder {DisplayPath.Of(Path.GetFullPath(contextPath), workingDirectory)}; " +
                    "create it (with a Dockerfile) or set `context:`"));
            else
                found.Add(new(d.Dockerfile is { } f ? At(f) : At(d.Name), Severity.Error,
                    $"Dockerfile {DockerfileDisplay()} of image '{image.Name}' " +
                    (e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : $"cannot be read ({e.Message})") +
                    "; create it or set `dockerfile:`"));
            return found;
        }

        // The parents as written: an unknown one is already an error of its own, and without it the check would
        // add a second, misleading one (`${BASE_IMAGE}` "but 'b' has no depend_on").
        var written = d.DependOn.Select(p => p.Value).Distinct(StringComparer.Ordinal).ToList();
        var findings = DockerfileCheck.Check(text, DockerfileDisplay, image.Name, written, index, image.BuildArgs);
        found.AddRange(findings.Errors);
        externalBases = findings.ExternalBases;
        foreach (var parent in d.DependOn.Where(p => parents.Contains(p.Value)).DistinctBy(p => p.Value))
            if (!findings.NamedParents.Contains(parent.Value))
                found.Add(new(At(parent), Severity.Warning,
                    $"'{image.Name}' depends on '{parent.Value}', but its Dockerfile never names it in FROM, COPY --from or RUN --mount; " +
                    $"refer to it (e.g. FROM ${{{(parent.Value == parents[0] ? ParentBuildArgs.BaseImage : ParentBuildArgs.ImageOf(parent.Value))}}}) or drop it from depend_on"));
        return found;
    }
}
