using Cascade.Stacks.Yaml;

namespace Cascade.Stacks;

/// <summary>The outcome of loading a valid spec: the spec, its graph, and warnings worth showing.</summary>
internal sealed record SpecLoadResult(StackSpec Spec, StackGraph Graph, IReadOnlyList<SpecDiagnostic> Warnings);

/// <summary>Loads and validates DIR/spec.yml together with the image folders and Dockerfiles it names.</summary>
internal static class SpecLoader
{
    public const string FileName = "spec.yml";

    /// <summary>Reads DIR/spec.yml, validates it against the file system, returns spec, graph and warnings.</summary>
    /// <exception cref="SpecException">Carrying every error (and warning) found, when anything is wrong.</exception>
    public static SpecLoadResult Load(string stackDirectory)
    {
        var directory = Path.GetFullPath(stackDirectory);
        var file = Path.Combine(directory, FileName);
        var display = DisplayPath.Of(file);
        var diagnostics = new DiagnosticBag();

        string text;
        try { text = File.ReadAllText(file); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Fail(display, $"no {FileName} here; the stack folder must hold a {FileName} listing its images");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(display, $"cannot read {FileName}: {e.Message}");
        }

        YamlTreeNode? root;
        try { root = YamlTreeReader.Read(text); }
        catch (YamlTreeReader.YamlTreeException e)
        {
            // After a syntax error the rest of the file cannot be trusted; this is the one error to fix first.
            throw new SpecException([new SpecDiagnostic(new SourceLocation(display, e.Line, e.Column), Severity.Error, e.Message)]);
        }

        var draft = new SpecReader(display, diagnostics).Read(root);
        var spec = new SpecResolver(directory, file, diagnostics).Resolve(draft);
        if (diagnostics.HasErrors) throw new SpecException(InReadingOrder(diagnostics.All, display));

        return new SpecLoadResult(spec, new StackGraph(spec), InReadingOrder(diagnostics.Warnings, display));
    }

    // spec.yml first, top to bottom, then each Dockerfile: the order a reader fixes them in.
    private static List<SpecDiagnostic> InReadingOrder(IEnumerable<SpecDiagnostic> diagnostics, string specFile) =>
        diagnostics.OrderBy(d => d.Location.File != specFile).ThenBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();

    private static SpecException Fail(string file, string message) =>
        new([new SpecDiagnostic(new SourceLocation(file, 1, 1), Severity.Error, message)]);
}
