using Cascade.Changes.Fingerprints;
using Cascade.Stacks;

namespace Cascade.Changes;

/// <summary>
/// Which images' tests a changed path changes, from their test fingerprints' places: a file below a place (hidden
/// ones aside, as the tests skip them), or a conftest.py or pytest ini file in a folder whose configuration applies
/// to them. Such an image is tested again (`tests changed: PATH`) even when its image is reused; it is not rebuilt.
/// </summary>
internal sealed class TestPlaceRules
{
    private readonly Dictionary<string, List<string>> imagesByPlace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>>.AlternateLookup<ReadOnlySpan<char>> imagesByPlaceSpan;
    private readonly Dictionary<string, List<string>> imagesByConfigFolder = new(StringComparer.Ordinal);
    private readonly string repositoryRoot;

    public TestPlaceRules(StackSpec spec, string stackPath, IReadOnlyDictionary<string, TestFingerprint> tests)
    {
        repositoryRoot = Path.GetFullPath(Path.Combine(spec.Directory, string.Concat(stackPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(_ => "../"))));
        // Places are shared (tests_common by all images, a test/ folder by its descendants) as one string each: they are
        // gathered by reference, and each is joined onto the stack's path once.
        var byPlace = new Dictionary<object, List<string>>(ReferenceEqualityComparer.Instance);
        var byConfigFolder = new Dictionary<object, List<string>>(ReferenceEqualityComparer.Instance);
        static void Add(Dictionary<object, List<string>> gathered, string stackRelative, string image)
        {
            if (!gathered.TryGetValue(stackRelative, out var list)) gathered[stackRelative] = list = [];
            list.Add(image);
        }
        foreach (var (image, fingerprint) in tests)
        {
            foreach (var place in fingerprint.Places) Add(byPlace, place, image);
            foreach (var folder in fingerprint.ConfigFolders) Add(byConfigFolder, folder, image);
        }
        Index(imagesByPlace, stackPath, byPlace);
        Index(imagesByConfigFolder, stackPath, byConfigFolder);
        imagesByPlaceSpan = imagesByPlace.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static void Index(Dictionary<string, List<string>> index, string stackPath, Dictionary<object, List<string>> gathered)
    {
        foreach (var (place, images) in gathered)
        {
            if (RepoPath.Combine(stackPath, (string)place) is not { } key) continue; // outside the repository: git never names it
            if (index.TryGetValue(key, out var list)) list.AddRange(images);
            else index[key] = images;
        }
    }

    public void Apply(string path, Func<string, ImageReasons?> reasons)
    {
        // The path itself, then each parent folder up to the root "": a place is a file or a folder.
        for (var end = path.Length; ; end = Math.Max(path.LastIndexOf('/', end - 1), 0))
        {
            if (imagesByPlaceSpan.TryGetValue(path.AsSpan(0, end), out var images) && !HiddenBelow(path, end))
                foreach (var image in images) Add(reasons(image), path);
            if (end == 0) break;
        }
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        if (TestInputs.PytestConfigNames.Contains(name) && imagesByConfigFolder.TryGetValue(slash < 0 ? "" : path[..slash], out var configured)
            && ReadByPytest(path))
            foreach (var image in configured) Add(reasons(image), path);
    }

    // The tests skip hidden files and folders (.pytest_cache): a change there changes nothing they check.
    private static bool HiddenBelow(string path, int placeEnd)
    {
        var below = placeEnd == 0 ? path.AsSpan() : path.AsSpan(Math.Min(placeEnd + 1, path.Length));
        foreach (var range in below.Split('/'))
            if (below[range].StartsWith(".")) return true;
        return false;
    }

    // A deleted file may have configured pytest; one that is there counts only when it does (tox.ini, pyproject.toml, setup.cfg).
    private bool ReadByPytest(string path)
    {
        var file = Path.Combine(repositoryRoot, path);
        return !File.Exists(file) || TestInputs.ConfiguresPytest(file);
    }

    private static void Add(ImageReasons? r, string path)
    {
        // A path in the image's context already says so, and rebuilds it (which tests it).
        if (r is null || r.LastPath == path || r.LastTestPath == path) return;
        r.LastTestPath = path;
        r.Tests.Add($"tests changed: {path}");
    }
}
