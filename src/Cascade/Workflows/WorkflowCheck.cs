namespace Cascade.Workflows;

/// <summary>Compares the committed workflows with what the generator writes now.</summary>
internal static class WorkflowCheck
{
    /// <summary>The files that are missing or differ, relative to the repository root; empty when all are current.</summary>
    public static IReadOnlyList<string> Stale(string repositoryRoot, IEnumerable<WorkflowFile> expected) =>
        expected.Where(f =>
            {
                var path = Path.Combine(repositoryRoot, f.Path);
                return !File.Exists(path) || File.ReadAllText(path).Replace("\r\n", "\n") != f.Text;
            })
            .Select(f => f.Path)
            .ToList();
}
