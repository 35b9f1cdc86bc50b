using QuikGraph;

namespace Cascade.Stacks;

/// <summary>
/// The stack's images as a DAG: an edge runs from a parent to each child that depends on it.
/// Built once from a validated spec; every question the plan and the scheduler ask is answered here.
/// </summary>
internal sealed class StackGraph
{
    private readonly BidirectionalGraph<string, Edge<string>> graph = new(allowParallelEdges: false);
    private readonly Dictionary<string, int> depth;
    private readonly IReadOnlyList<string> topologicalOrder;
    private readonly Dictionary<string, int> orderIndex;

    /// <summary>Builds the graph. Throws <see cref="InvalidOperationException"/> on a cycle or an unknown
    /// parent; the spec validator reports those with file positions before this is ever reached.</summary>
    public StackGraph(IEnumerable<(string Name, IReadOnlyList<string> Parents)> images)
    {
        // Parents without repeats, once: the edges, the cycle check and the depths all read them.
        var list = images.Select(i => (i.Name, Parents: (IReadOnlyList<string>)DistinctNames.Of(i.Parents))).ToList();
        foreach (var (name, _) in list) graph.AddVertex(name);
        foreach (var (name, parents) in list)
            foreach (var parent in parents)
            {
                if (!graph.ContainsVertex(parent))
                    throw new InvalidOperationException($"image '{name}' depends on unknown image '{parent}'");
                graph.AddEdge(new Edge<string>(parent, name));
            }

        topologicalOrder = StableTopologicalOrder(list.Select(i => i.Name).ToList());
        // Kahn's order leaves out exactly the images on or below a cycle; only then name the cycle,
        // in depend_on direction (a -> b: a depends on b), as the spec loader names them.
        if (topologicalOrder.Count < graph.VertexCount && CycleFinder.Find(list) is [var cycle, ..])
            throw new InvalidOperationException($"dependency cycle: {string.Join(" -> ", cycle)}");
        orderIndex = new Dictionary<string, int>(topologicalOrder.Count, StringComparer.Ordinal);
        for (var i = 0; i < topologicalOrder.Count; i++) orderIndex[topologicalOrder[i]] = i;

        // Depth is the longest path from a root: a child sits one level below its deepest parent,
        // so every image of a layer can be built once the layers above it are done.
        depth = new Dictionary<string, int>(topologicalOrder.Count, StringComparer.Ordinal);
        foreach (var v in topologicalOrder)
        {
            var d = 0;
            foreach (var e in graph.InEdges(v)) d = Math.Max(d, depth[e.Source] + 1);
            depth[v] = d;
        }
    }

    public StackGraph(StackSpec spec) : this(spec.Images.Select(i => (i.Name, i.DependOn))) { }

    public IReadOnlyList<string> Images => topologicalOrder;
    public bool Contains(string name) => graph.ContainsVertex(name);

    /// <summary>All images, parents before children; ties keep a stable order.</summary>
    public IReadOnlyList<string> TopologicalOrder => topologicalOrder;

    public int Depth(string name) => depth[name];

    public IEnumerable<string> Parents(string name) => graph.InEdges(name).Select(e => e.Source);
    public IEnumerable<string> Children(string name) => graph.OutEdges(name).Select(e => e.Target);
    public IEnumerable<string> Roots => topologicalOrder.Where(v => graph.IsInEdgesEmpty(v));

    public IReadOnlySet<string> Ancestors(string name) => Reach(name, Parents);
    public IReadOnlySet<string> Descendants(string name) => Reach(name, Children);

    /// <summary>The given images and everything below them, in one walk however many are given.</summary>
    public IReadOnlySet<string> WithDescendants(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(names);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (!seen.Add(v)) continue;
            foreach (var c in Children(v)) stack.Push(c);
        }
        return seen;
    }

    /// <summary>The given names sorted parents-first.</summary>
    public IReadOnlyList<string> Order(IEnumerable<string> names) =>
        names.Distinct().OrderBy(n => orderIndex[n]).ToList();

    /// <summary>The given names grouped by depth: layer k holds those at depth k (empty layers dropped).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Layers(IEnumerable<string> names) =>
        Order(names).GroupBy(Depth).OrderBy(g => g.Key).Select(g => (IReadOnlyList<string>)g.ToList()).ToList();

    /// <summary>The sub-graph of these images as Mermaid `graph TD` text.</summary>
    public string ToMermaid(IEnumerable<string>? only = null) => GraphText.Mermaid(this, only);

    /// <summary>The sub-graph of these images as Graphviz DOT text (written by hand: QuikGraph.Graphviz is not obtainable here).</summary>
    public string ToDot(IEnumerable<string>? only = null) => GraphText.Dot(this, only);

    private static IReadOnlySet<string> Reach(string start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(next(start));
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (seen.Add(v))
                foreach (var n in next(v)) stack.Push(n);
        }
        return seen;
    }

    // Kahn's algorithm, always taking the ready image that comes first in the file: the order is the same
    // on every run and equals file order when the file already lists parents first. (QuikGraph's
    // TopologicalSort is DFS-based: its tie order follows the DFS, not the file.)
    private List<string> StableTopologicalOrder(IReadOnlyList<string> fileOrder)
    {
        var position = new Dictionary<string, int>(fileOrder.Count, StringComparer.Ordinal);
        foreach (var name in fileOrder) position.TryAdd(name, position.Count);
        var pending = new Dictionary<string, int>(position.Count, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, int>();
        foreach (var (name, at) in position)
        {
            pending[name] = graph.InDegree(name);
            if (pending[name] == 0) ready.Enqueue(name, at);
        }
        var order = new List<string>(position.Count);
        while (ready.TryDequeue(out var v, out _))
        {
            order.Add(v);
            foreach (var c in Children(v))
                if (--pending[c] == 0) ready.Enqueue(c, position[c]);
        }
        return order;
    }
}
