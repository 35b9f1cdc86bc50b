using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>One matrix job of the matrix layout: the images of one depth, at most 256 (GitHub's limit per matrix).</summary>
internal sealed record MatrixSlice(int Depth, int Part, IReadOnlyList<string> Images)
{
    /// <summary>The plan job's output holding this slice's affected images, e.g. "layer_2_0".</summary>
    public string Output => $"layer_{Depth}_{Part}";
    public string JobId => $"depth-{Depth}-{Part}";
}

/// <summary>
/// The matrix layout's slices, from the graph alone (so the committed workflow does not change with each plan):
/// depth by depth, images in topological order, cut every <see cref="MaxJobs"/>. The generator writes one job
/// per slice and the plan job fills each slice's output with the affected images of it.
/// </summary>
internal static class MatrixSlices
{
    public const int MaxJobs = 256;

    public static IReadOnlyList<MatrixSlice> Of(StackGraph graph) =>
        graph.Layers(graph.Images)
            .SelectMany(layer => layer.Chunk(MaxJobs).Select((chunk, part) => new MatrixSlice(graph.Depth(layer[0]), part, chunk)))
            .ToList();
}
