namespace Cascade.Stacks;

/// <summary>
/// Everything that decides what an image's tests check — the one list both the test fingerprint and the plan read:
/// the places its tests are looked for in (<see cref="TestDiscovery.PlacesFor"/>), its `gpu_tests:`, the files and
/// folders its `integration_tests` commands name, the pytest configuration pytest would load for them (conftest.py
/// and ini files in each folder from the working folder down to a place) and the commands' own text.
/// </summary>
/// <param name="workingDirectory">Where host-side tests run (pytest's rootdir): the repository root.</param>
internal sealed class TestInputs(StackSpec spec, string workingDirectory)
{
    /// <summary>The files pytest reads besides the tests: conftest.py in each folder down to a test, and the ini
    /// files it looks for (tox.ini, pyproject.toml and setup.cfg only when they hold a pytest section).</summary>
    public static readonly IReadOnlyList<string> PytestConfigNames = ["conftest.py", "pytest.ini", ".pytest.ini", "tox.ini", "pyproject.toml", "setup.cfg"];

    public TestDiscovery Discovery { get; } = new(spec);

    public string WorkingDirectory { get; } = Path.GetFullPath(workingDirectory);

    /// <summary>The image's test places, its gpu_tests, and the paths its integration commands name.</summary>
    public IReadOnlyList<TestPlace> PlacesFor(string imageName)
    {
        var image = spec[imageName];
        var places = Discovery.PlacesFor(imageName);
        return image.GpuTests.Count == 0 && image.IntegrationTests.Count == 0
            ? places
            : [.. places, .. Discovery.GpuPlacesFor(imageName), .. CommandPaths(image)];
    }

    /// <summary>The `integration_tests` commands, as run.</summary>
    public IReadOnlyList<string> CommandsOf(string imageName) => spec[imageName].IntegrationTests;

    /// <summary>The folders whose pytest configuration applies to a place: each from the working folder down to the
    /// place's parent (a folder place's own conftest.py is one of its files). None for a place outside it.</summary>
    public IReadOnlyList<string> ConfigFolders(TestPlace place)
    {
        var parent = Path.GetDirectoryName(place.Path);
        if (parent is null || Below(parent) is not { } relative) return [];
        var folders = new List<string> { WorkingDirectory };
        var current = WorkingDirectory;
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
            folders.Add(current = Path.Combine(current, segment));
        return folders;
    }

    /// <summary>Whether pytest reads this file as configuration: conftest.py and pytest.ini always; tox.ini,
    /// pyproject.toml and setup.cfg when they hold pytest's section. A file that cannot be read does not count.</summary>
    public static bool ConfiguresPytest(string file)
    {
        var section = Path.GetFileName(file) switch
        {
            "conftest.py" or "pytest.ini" or ".pytest.ini" => "",
            "tox.ini" => "[pytest]",
            "pyproject.toml" => "[tool.pytest.ini_options]",
            "setup.cfg" => "[tool:pytest]",
            _ => null,
        };
        if (section is null || !File.Exists(file)) return false;
        try { return section.Length == 0 || File.ReadAllText(file).Contains(section, StringComparison.Ordinal); }
        catch (IOException) { return false; }
    }

    /// <summary>The words of the commands that name an existing file or folder inside the working folder, such as
    /// DataHub's `pytest images/NAME/integration_tests`: what they run is part of what the tests check.</summary>
    private IEnumerable<TestPlace> CommandPaths(ImageSpec image)
    {
        foreach (var command in image.IntegrationTests)
        foreach (var raw in command.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('"', '\'');
            if (word.Length == 0 || word[0] == '-' || word.IndexOfAny(['$', '=', '*', '?', '`']) >= 0) continue;
            string path;
            try { path = Path.GetFullPath(word, WorkingDirectory); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { continue; }
            if (Below(path) is { Length: > 0 } && (File.Exists(path) || Directory.Exists(path)))
                yield return new TestPlace(path, IsTestFolder: false);
        }
    }

    // The part of a path below the working folder ("" for the folder itself), '/'-separated; null outside it.
    private string? Below(string path)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, path);
        if (relative == ".") return "";
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative.Replace('\\', '/');
    }
}
