using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cascade.Stacks;

namespace Cascade.Changes.Fingerprints;

/// <summary>
/// Computes every image's <see cref="TestFingerprint"/>: a SHA-256 over a format version, each file that decides what
/// its tests check (<see cref="TestInputs"/>: test and support files of its test places, gpu_tests, the paths its
/// integration commands name, the conftest.py and ini files pytest would load) as its path from the working folder,
/// mode and git blob id, and each integration command. As for image fingerprints, a tracked file git reports
/// unchanged takes the index's blob id and only the rest is hashed; files git ignores are not part of it.
/// </summary>
public static class TestFingerprinter
{
    /// <summary>Bump when what enters a test fingerprint changes.</summary>
    public const int FormatVersion = 1;

    public static IReadOnlyDictionary<string, TestFingerprint> Compute(StackSpec spec, string workingDirectory) =>
        Compute(spec, workingDirectory, GitWorkingTree.Open(spec.Directory));

    internal static IReadOnlyDictionary<string, TestFingerprint> Compute(StackSpec spec, string workingDirectory, GitWorkingTree? git)
    {
        var reader = new Reader(spec.Directory, new TestInputs(spec, workingDirectory), git);
        var images = spec.Images;
        var result = new TestFingerprint[images.Count];
        Parallel.For(0, images.Count, k => result[k] = reader.Of(images[k].Name));
        return Enumerable.Range(0, images.Count).ToDictionary(k => images[k].Name, k => result[k], StringComparer.Ordinal);
    }

    /// <summary>One file as it enters the text: its path from the working folder, git mode and blob id.</summary>
    private sealed record InputFile(string Path, string Mode, string BlobId);

    /// <summary>Reads each place and each folder's pytest configuration once, however many images share it.</summary>
    private sealed class Reader(string stackDirectory, TestInputs inputs, GitWorkingTree? git)
    {
        private readonly GitObjects objects = git?.Objects ?? GitObjects.Sha1;
        private readonly ConcurrentDictionary<string, IReadOnlyList<InputFile>> places = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IReadOnlyList<InputFile>> configs = new(StringComparer.Ordinal);
        private readonly Lazy<IReadOnlyDictionary<string, string>?> index = new(() => git?.IndexBlobs(""));

        public TestFingerprint Of(string imageName)
        {
            var imagePlaces = inputs.PlacesFor(imageName);
            var files = new SortedDictionary<string, InputFile>(StringComparer.Ordinal);
            var configFolders = new List<string>();
            foreach (var place in imagePlaces)
            {
                var held = places.GetOrAdd(place.Path, _ => Read(place));
                foreach (var file in held) files[file.Path] = file;
                // pytest's configuration matters only where there are tests to run.
                if (held.Count == 0) continue;
                foreach (var folder in inputs.ConfigFolders(place))
                {
                    configFolders.Add(StackRelative(folder));
                    foreach (var file in configs.GetOrAdd(folder, ReadConfig)) files[file.Path] = file;
                }
            }
            var commands = inputs.CommandsOf(imageName);
            var text = new StringBuilder().Append("cascade-test-fingerprint ").Append(FormatVersion).Append('\n');
            foreach (var file in files.Values) text.Append("file ").Append(file.Path).Append(' ').Append(file.Mode).Append(' ').Append(file.BlobId).Append('\n');
            foreach (var command in commands) text.Append("command ").Append(command).Append('\n');
            var value = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
            return new TestFingerprint(value, imagePlaces.Select(p => StackRelative(p.Path)).Distinct(StringComparer.Ordinal).ToList(),
                IsEmpty: files.Count == 0 && commands.Count == 0)
            {
                ConfigFolders = configFolders.Distinct(StringComparer.Ordinal).ToList(),
            };
        }

        private IReadOnlyList<InputFile> Read(TestPlace place)
        {
            if (place.IsTestFolder && !MayExist(StackRelative(place.Path))) return [];
            return TestDiscovery.FilesUnder(place.Path).Select(Entry).OfType<InputFile>().ToList();
        }

        // A test folder git knows nothing of (not at HEAD, nothing uncommitted under it) is not there: no disk access,
        // which matters for a stack of thousands of images of which few have tests.
        private bool MayExist(string stackPath) =>
            git is null || stackPath.StartsWith("../", StringComparison.Ordinal) || git.HeadTree(stackPath) is not null || git.Changes(stackPath).Touched;

        private IReadOnlyList<InputFile> ReadConfig(string folder) => TestInputs.PytestConfigNames
            .Select(name => Path.Combine(folder, name)).Where(TestInputs.ConfiguresPytest)
            .Select(Entry).OfType<InputFile>().ToList();

        private InputFile? Entry(string file)
        {
            var stackPath = StackRelative(file);
            var inStack = !stackPath.StartsWith("../", StringComparison.Ordinal);
            if (git is not null && inStack && git.IsIgnored(stackPath)) return null;
            var info = new FileInfo(file);
            var mode = !OperatingSystem.IsWindows() && (info.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
                ? "100755" : "100644";
            var id = inStack && git is not null && info.LinkTarget is null && !git.IsTouched(stackPath)
                     && index.Value is { } blobs && blobs.TryGetValue(stackPath, out var blob)
                ? blob
                : objects.BlobIdOfFile(file);
            return new InputFile(Path.GetRelativePath(inputs.WorkingDirectory, file).Replace('\\', '/'), mode, id);
        }

        private string StackRelative(string path) => Path.GetRelativePath(stackDirectory, path).Replace('\\', '/');
    }
}
