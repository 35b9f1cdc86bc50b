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
internal static class TestFingerprinter
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

    /// <summary>A test place (or a folder's pytest configuration) as read once: its path from the stack folder and the files it holds.</summary>
    private sealed record Place(string StackPath, IReadOnlyList<InputFile> Files);

    /// <summary>The value of tests that check nothing: the same for every such image.</summary>
    private static readonly string Empty = Hash($"cascade-test-fingerprint {FormatVersion}\n");

    private static string Hash(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Reads each place and each folder's pytest configuration once, however many images share it.</summary>
    private sealed class Reader(string stackDirectory, TestInputs inputs, GitWorkingTree? git)
    {
        private readonly GitObjects objects = git?.Objects ?? GitObjects.Sha1;
        // By the place itself: TestDiscovery hands out one instance per folder, however many images share it.
        private readonly ConcurrentDictionary<object, Place> places = new(ReferenceEqualityComparer.Instance);
        private readonly ConcurrentDictionary<string, Place> configs = new(StringComparer.Ordinal);
        private readonly Lazy<IReadOnlyDictionary<string, string>?> index = new(() => git?.IndexBlobs(""));

        public TestFingerprint Of(string imageName)
        {
            var imagePlaces = inputs.PlacesFor(imageName);
            // Most images of a big stack share most places, and many have no tests: nothing is allocated per image
            // beyond what it holds.
            SortedDictionary<string, InputFile>? files = null;
            List<string>? configFolders = null;
            var placeNames = new List<string>(imagePlaces.Count);
            foreach (var place in imagePlaces)
            {
                var read = places.GetOrAdd(place, static (p, self) => self.Read((TestPlace)p), this);
                if (!placeNames.Contains(read.StackPath)) placeNames.Add(read.StackPath);
                // pytest's configuration matters only where there are tests to run.
                if (read.Files.Count == 0) continue;
                files ??= new SortedDictionary<string, InputFile>(StringComparer.Ordinal);
                foreach (var file in read.Files) files[file.Path] = file;
                foreach (var folder in inputs.ConfigFolders(place))
                {
                    var config = configs.GetOrAdd(folder, ReadConfig);
                    configFolders ??= [];
                    if (!configFolders.Contains(config.StackPath)) configFolders.Add(config.StackPath);
                    foreach (var file in config.Files) files[file.Path] = file;
                }
            }
            var commands = inputs.CommandsOf(imageName);
            if (files is null && commands.Count == 0) return new TestFingerprint(Empty, placeNames, IsEmpty: true);
            var text = new StringBuilder().Append("cascade-test-fingerprint ").Append(FormatVersion).Append('\n');
            if (files is not null)
                foreach (var file in files.Values)
                    text.Append("file ").Append(file.Path).Append(' ').Append(file.Mode).Append(' ').Append(file.BlobId).Append('\n');
            foreach (var command in commands) text.Append("command ").Append(command).Append('\n');
            return new TestFingerprint(Hash(text.ToString()), placeNames) { ConfigFolders = configFolders ?? [] };
        }

        private Place Read(TestPlace place)
        {
            var stackPath = StackRelative(place.Path);
            if (place.IsTestFolder && !MayExist(stackPath)) return new Place(stackPath, []);
            return new Place(stackPath, TestDiscovery.FilesUnder(place.Path).Select(Entry).OfType<InputFile>().ToList());
        }

        // A test folder git knows nothing of (not at HEAD, nothing uncommitted under it) is not there: no disk access,
        // which matters for a stack of thousands of images of which few have tests.
        private bool MayExist(string stackPath) =>
            git is null || stackPath.StartsWith("../", StringComparison.Ordinal) || git.HeadTree(stackPath) is not null || git.Changes(stackPath).Touched;

        private Place ReadConfig(string folder) => new(StackRelative(folder), TestInputs.PytestConfigNames
            .Select(name => Path.Combine(folder, name)).Where(TestInputs.ConfiguresPytest)
            .Select(Entry).OfType<InputFile>().ToList());

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
