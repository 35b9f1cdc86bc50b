namespace Cascade.Pipeline;

/// <summary>The images whose parents are done, taken most remaining work first (ties: the order they became
/// ready), or strictly in the order they became ready for <see cref="SchedulingOrder.FirstComeFirstServed"/>.</summary>
internal sealed class ReadyQueue(SchedulingOrder order, IReadOnlyDictionary<string, double> remainingWork)
{
    private readonly PriorityQueue<string, (double Work, long Arrival)> queue = new();
    private long arrivals;

    public int Count => queue.Count;

    public void Add(string name) =>
        queue.Enqueue(name, (order == SchedulingOrder.CriticalPathFirst ? -remainingWork.GetValueOrDefault(name) : 0, arrivals++));

    public bool TryTake(out string name) => queue.TryDequeue(out name!, out _);
}
