namespace Cascade.Benchmarks;

/// <summary>Keeps the first and the last lines of a stream whatever its length, so memory stays bounded.
/// Thread-safe: stdout and stderr write to it from two pipes at once.</summary>
internal sealed class OutputEnds(int headCount, int tailCount)
{
    private readonly List<string> _head = new(headCount);
    private readonly Queue<string> _tail = new(tailCount);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_head.Count < headCount) { _head.Add(line); return; }
            if (tailCount == 0) return;
            if (_tail.Count == tailCount) _tail.Dequeue();
            _tail.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Head { get { lock (_gate) return [.. _head]; } }

    /// <summary>The last lines; when the whole output fits in the head, the head's last lines.</summary>
    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (_gate)
                return _tail.Count > 0 ? [.. _head.Skip(Math.Max(0, _head.Count + _tail.Count - tailCount)), .. _tail]
                                       : [.. _head.Skip(Math.Max(0, _head.Count - tailCount))];
        }
    }
}
