using Cascade.Stacks;

namespace Cascade.Changes;

/// <summary>
/// Maps changed paths to the images they affect. Built once per plan: a dictionary of build-context
/// folders (and Dockerfiles) looked up by each path's parent folders, and prefix-indexed globs for
/// `watch`, `ignore` and `rebuild_all_on`, so the cost grows with the number of paths, not paths × images.
/// </summary>
internal sealed class PathRules
{
    private readonly string stackPath;
    private readonly string specPath;
    private readonly ChangeIgnoreFile changeIgnore;
    private readonly Dictionary<string, List<string>> imagesByFolderOrFile = new(StringComparer.Ordinal);
    // Looked up by each path's parent folders as spans: 50,000 paths need no substring per folder.
    private readonly Dictionary<string, List<string>>.AlternateLookup<ReadOnlySpan<char>> imagesByFolderOrFileSpan;
    private readonly GlobIndex<string> watch = new();
    private readonly GlobIndex<bool> ignore = new();
    private readonly GlobIndex<bool> rebuildAllOn = new();

    private readonly TestPlaceRules? tests;

    /// <param name="testFingerprints">Each image's test fingerprint, whose places say which paths are its tests; none: no test reasons.</param>
    public PathRules(StackSpec spec, string stackPath, ChangeIgnoreFile changeIgnore,
        IReadOnlyDictionary<string, Fingerprints.TestFingerprint>? testFingerprints = null)
    {
        if (testFingerprints is { Count: > 0 }) tests = new TestPlaceRules(spec, stackPath, testFingerprints);
        this.stackPath = stackPath;
        this.changeIgnore = changeIgnore;
        specPath = RepoPath.Combine(stackPath, Path.GetRelativePath(spec.Directory, spec.File)) ?? "";

        foreach (var image in spec.Images)
        {
            var context = RepoPath.Combine(stackPath, image.Context);
            if (context is null) continue; // a context outside the repository: no path of ours can be in it
            Index(context, image.Name);
            // The Dockerfile may sit outside the context (`dockerfile: ../Dockerfile.gpu`).
            var dockerfile = RepoPath.Combine(context, image.Dockerfile);
            if (dockerfile is not null && RepoPath.Below(context, dockerfile) is null) Index(dockerfile, image.Name);
            foreach (var glob in image.Watch) watch.Add(new Glob(glob), image.Name);
        }
        foreach (var glob in spec.Ignore) ignore.Add(new Glob(glob), true);
        foreach (var glob in spec.RebuildAllOn) rebuildAllOn.Add(new Glob(glob), true);
        imagesByFolderOrFileSpan = imagesByFolderOrFile.GetAlternateLookup<ReadOnlySpan<char>>();
        hasStackRules = ignore.Count > 0 || rebuildAllOn.Count > 0 ||
                        changeIgnore.ChangeIgnore.Count > 0 || changeIgnore.BuildAll.Count > 0;
    }

    /// <summary>Whether any rule looks at a path's place in the stack folder; most stacks have none.</summary>
    private readonly bool hasStackRules;

    private void Index(string key, string image)
    {
        if (!imagesByFolderOrFile.TryGetValue(key, out var list)) imagesByFolderOrFile[key] = list = [];
        if (!list.Contains(image)) list.Add(image);
    }

    /// <summary>Applies every path: per-image reasons go into <paramref name="reasons"/>, rebuild-everything
    /// reasons into <paramref name="allReasons"/> (each rule named once, with the first path that hit it).</summary>
    public void Apply(IEnumerable<string> paths, Func<string, ImageReasons?> reasons, List<string> allReasons)
    {
        var seenAllRules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in paths)
        {
            var path = RepoPath.Normalize(raw);
            if (StackRules(path, seenAllRules, allReasons) is not { } rebuildsAll) continue;
            // spec.yml is compared entry by entry, not as a file in a context that happens to hold it.
            if (path != specPath) AddToContextsHolding(path, reasons);
            if (watch.Count > 0)
                foreach (var (glob, image) in watch.Matches(path))
                    AddPath(reasons(image), path, $"changed {path} (watch {glob.Pattern})");
            // A path that rebuilds everything tests everything too: no need to say it again per image.
            if (!rebuildsAll) tests?.Apply(path, reasons);
        }
    }

    /// <summary>The stack's own rules for a path in the stack folder: null when it is ignored (dropped entirely, as
    /// datahub does: ChangeIgnore wins over BuildAll), else whether it rebuilds everything (BuildAll, rebuild_all_on),
    /// each such rule named once in <paramref name="allReasons"/>.</summary>
    private bool? StackRules(string path, HashSet<string> seenAllRules, List<string> allReasons)
    {
        var inStack = hasStackRules ? RepoPath.Below(stackPath, path) : null;
        if (inStack is null) return false;
        var first = RepoPath.FirstSegment(inStack);
        if (changeIgnore.ChangeIgnore.Contains(first)) return null;
        if (ignore.Matches(inStack).Any()) return null;
        var rebuildsAll = changeIgnore.BuildAll.Contains(first);
        if (rebuildsAll && seenAllRules.Add("BuildAll:" + first))
            allReasons.Add($"BuildAll: {first}");
        foreach (var (glob, _) in rebuildAllOn.Matches(inStack))
        {
            rebuildsAll = true;
            if (seenAllRules.Add("rebuild_all_on:" + glob.Pattern))
                allReasons.Add($"rebuild_all_on: {glob.Pattern} ({path})");
        }
        return rebuildsAll;
    }

    /// <summary>Every image whose context (or Dockerfile) is the path itself or a folder above it.</summary>
    private void AddToContextsHolding(string path, Func<string, ImageReasons?> reasons)
    {
        // The path itself, then each parent folder up to the root "" (RepoPath.SelfAndParents, as spans).
        for (var end = path.Length; ; end = Math.Max(path.LastIndexOf('/', end - 1), 0))
        {
            if (imagesByFolderOrFileSpan.TryGetValue(path.AsSpan(0, end), out var images))
                foreach (var image in images) AddPath(reasons(image), path, $"changed {path}");
            if (end == 0) break;
        }
    }

    private static void AddPath(ImageReasons? r, string path, string reason)
    {
        if (r is null || r.LastPath == path) return;
        r.LastPath = path;
        r.Paths.Add(reason);
    }
}
