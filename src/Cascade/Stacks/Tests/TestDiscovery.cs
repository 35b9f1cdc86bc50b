using System.Collections.Concurrent;

namespace Cascade.Stacks;

/// <summary>One test file on the host, named by its path relative to the stack folder.</summary>
internal sealed record TestFile(string HostPath, string RelativePath);

/// <summary>A folder or file an image's tests are looked for in (absolute). <paramref name="IsTestFolder"/>: a
/// `tests_common/` or `test/` folder, a folder by convention; otherwise a path the spec names (a file or a folder).</summary>
internal sealed record TestPlace(string Path, bool IsTestFolder);

/// <summary>An image's tests by kind (see <see cref="TestFileKinds"/>): executables run in a container, pytest
/// modules run by the host's pytest in one invocation; <see cref="NotExecutable"/> are `#!` files without the
/// exec bit, support like any other but worth a warning.</summary>
internal sealed record ImageTests(IReadOnlyList<TestFile> Executables, IReadOnlyList<TestFile> PytestModules, IReadOnlyList<TestFile> NotExecutable)
{
    public bool IsEmpty => Executables.Count == 0 && PytestModules.Count == 0;
}

/// <summary>
/// Finds the tests of an image in its test folders:
/// `tests_common/` (every image), the image's own `&lt;context&gt;/test/`, the `test/` of each ancestor along the
/// FROM chain unless that ancestor says `inherit_tests: false`, and the spec's `tests:` paths.
/// Only the FROM chain passes tests down: an image that merely copies files out of another (an extra
/// parent, `COPY --from`) does not inherit its filesystem, so its tests would not hold there.
/// </summary>
internal sealed class TestDiscovery(StackSpec spec)
{
    public const string CommonFolder = "tests_common";
    public const string ImageTestFolder = "test";

    public ImageTests For(string imageName)
    {
        var files = FilesFor(imageName).Select(f => (File: f, Kind: TestFileKinds.Of(f.HostPath))).ToList();
        List<TestFile> Of(TestFileKind kind) => files.Where(f => f.Kind == kind).Select(f => f.File).ToList();
        return new ImageTests(Of(TestFileKind.Executable), Of(TestFileKind.PytestModule),
            files.Where(f => f.Kind == TestFileKind.Support && TestFileKinds.IsShebangWithoutExecBit(f.File.HostPath))
                .Select(f => f.File).ToList());
    }

    /// <summary>Every file of the image's test folders, tests and support alike, in run order.</summary>
    private List<TestFile> FilesFor(string imageName)
    {
        var found = new List<TestFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var place in PlacesFor(imageName))
        foreach (var f in FilesUnder(place.Path))
            if (seen.Add(f)) found.Add(new TestFile(f, Relative(f)));
        return found;
    }

    /// <summary>Where the image's tests are looked for, in run order (absolute paths, present or not): `tests_common/`,
    /// the `test/` folders of its FROM chain (oldest ancestor first: a failure in the base's own checks is the most
    /// telling one), its own `test/`, its `tests:` entries. <see cref="TestPlace.IsTestFolder"/>: a folder by convention.</summary>
    public IReadOnlyList<TestPlace> PlacesFor(string imageName)
    {
        var image = spec[imageName];
        return [common.Value, .. Inherited(image, 0), TestFolder(image), .. image.Tests.Select(extra => new TestPlace(InStack(extra), IsTestFolder: false))];
    }

    /// <summary>The image's `gpu_tests:` paths (absolute), in the spec's order.</summary>
    public IReadOnlyList<TestPlace> GpuPlacesFor(string imageName) =>
        spec[imageName].GpuTests.Select(p => new TestPlace(InStack(p), IsTestFolder: false)).ToList();

    /// <summary>The image's `gpu_tests:` paths (files, or every test file under a folder), in the spec's order.</summary>
    public IReadOnlyList<TestFile> GpuFor(string imageName) =>
        GpuPlacesFor(imageName).SelectMany(p => FilesUnder(p.Path))
            .Distinct(StringComparer.Ordinal).Select(f => new TestFile(f, Relative(f))).ToList();

    private string InStack(string path) => Path.GetFullPath(Path.Combine(spec.Directory, path));

    // One instance per folder, however many descendants inherit it: a stack of thousands asks for each many times.
    private readonly Lazy<TestPlace> common = new(() => new TestPlace(Path.GetFullPath(Path.Combine(spec.Directory, CommonFolder)), IsTestFolder: true));
    private readonly ConcurrentDictionary<string, TestPlace> testFolders = new(StringComparer.Ordinal);

    private TestPlace TestFolder(ImageSpec image) => testFolders.GetOrAdd(image.Name,
        _ => new TestPlace(Path.GetFullPath(Path.Combine(spec.Directory, image.Context, ImageTestFolder)), IsTestFolder: true));

    private readonly ConcurrentDictionary<string, TestPlace[]> inherited = new(StringComparer.Ordinal);

    /// <summary>The `test/` folders an image inherits along its FROM chain, oldest ancestor first: its FROM parent's
    /// inherited ones and that parent's own (unless it says `inherit_tests: false`). Each image's list is worked out
    /// once, from its parent's. <paramref name="depth"/> stops a cycle (which the spec's validation refuses anyway).</summary>
    private TestPlace[] Inherited(ImageSpec image, int depth)
    {
        if (image.DependOn.Count == 0 || !spec.Contains(image.DependOn[0]) || depth > spec.Images.Count) return [];
        if (inherited.TryGetValue(image.Name, out var known)) return known;
        var parent = spec[image.DependOn[0]];
        var above = Inherited(parent, depth + 1);
        return inherited[image.Name] = parent.InheritTests ? [.. above, TestFolder(parent)] : above;
    }

    /// <summary>The files a test place holds (itself, when it is a file). Hidden files and folders (.pytest_cache,
    /// .git) are skipped; everything else counts, in a stable (ordinal) order.</summary>
    public static IEnumerable<string> FilesUnder(string path)
    {
        if (File.Exists(path)) return [Path.GetFullPath(path)];
        if (!Directory.Exists(path)) return [];
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);
    }

    private string Relative(string file) => Path.GetRelativePath(spec.Directory, file).Replace('\\', '/');
}
