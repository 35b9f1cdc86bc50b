namespace Cascade.Tests.Architecture;

/// <summary>
/// The allow-list: which folder of src/Cascade/ (its namespace, Cascade.X) may read which. Arrows point one way,
/// from the targets (the root namespace, the CascadeBuild*.cs files) down to Stacks and Text, which read nothing
/// of ours. The engine stands apart: it reads only Text, and only the target layer joins it to the domain.
/// </summary>
public static class FolderArrows
{
    /// <summary>The root namespace's folder: the CascadeBuild*.cs target layer.</summary>
    public const string Targets = "(targets)";

    public static readonly IReadOnlyDictionary<string, string[]> MayRead = new Dictionary<string, string[]>
    {
        // Text is pure string helpers reading nothing: the engine shares its did-you-mean and stays apart from the domain.
        ["Engine"] = ["Text"],
        ["Text"] = [],
        ["Stacks"] = ["Text"],
        ["Contexts"] = ["Text"],
        ["Changes"] = ["Stacks", "Contexts", "Text"],
        ["Registry"] = ["Stacks", "Text"],
        ["Docker"] = ["Stacks", "Contexts", "Registry", "Text"],
        ["Pipeline"] = ["Stacks", "Changes", "Docker", "Registry", "Text"],
        ["Publishing"] = ["Stacks", "Changes", "Docker", "Registry", "Pipeline", "Text"],
        ["Reports"] = ["Stacks", "Changes", "Pipeline", "Publishing", "Text"],
        ["Workflows"] = ["Stacks", "Changes", "Text"],
        [Targets] = ["Engine", "Text", "Stacks", "Contexts", "Changes", "Registry", "Docker", "Pipeline", "Publishing", "Reports", "Workflows"],
    };

    /// <summary>
    /// Uses outside the allow-list that another piece of work removes; each names the folder, the exact type it
    /// uses and why it is not fixed here. The merger deletes a line once its reason is gone (an empty list is the goal).
    /// </summary>
    public static readonly (string From, string Type, string Why)[] TemporaryExceptions =
    [
        // None. A line reads: ("Publishing", "Cascade.Reports.SomeType", "why, and which work removes it"),
    ];

    public static bool IsAllowed(FolderEdge edge) =>
        (MayRead.TryGetValue(edge.From, out var allowed) && allowed.Contains(edge.To))
        || TemporaryExceptions.Any(x => x.From == edge.From && x.Type == TypeReferenceReader.Outermost(edge.Use.To).FullName);

    /// <summary>The clients through which code talks to the Docker engine or a registry: a type that names one does I/O.</summary>
    public static readonly string[] IoClients =
        ["Cascade.Docker.IDockerEngine", "Cascade.Docker.DockerEngine", "Cascade.Registry.RegistryClient", "Docker.DotNet.DockerClient", "System.Net.Http.HttpClient"];

    /// <summary>The folder of a type of ours (Cascade.Changes.Fingerprints.X is in Changes), or null for anyone else's.</summary>
    public static string? FolderOf(string @namespace, string root = "Cascade")
    {
        if (@namespace == root) return Targets;
        if (!@namespace.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        return @namespace[(root.Length + 1)..].Split('.')[0];
    }
}
