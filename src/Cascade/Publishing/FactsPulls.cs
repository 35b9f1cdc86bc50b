namespace Cascade.Publishing;

/// <summary>
/// The images a run pulled only to gather their facts (a fresh runner's job that reused them from the registry): each
/// stays on the daemon while an image still to be gathered stands on it — that image's pull then finds its layers
/// there — and is removed as soon as none does, so a runner's small disk holds no more than the chain in hand.
/// </summary>
/// <param name="order">The images whose facts are gathered, in the order they are (parents first).</param>
/// <param name="parents">Each image's parents in the stack.</param>
internal sealed class FactsPulls(IReadOnlyList<string> order, Func<string, IReadOnlyList<string>> parents)
{
    private readonly Dictionary<string, string> pulled = new(StringComparer.Ordinal);
    private readonly HashSet<string> done = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="image"/>'s facts needed <paramref name="reference"/> pulled.</summary>
    public void Pulled(string image, string reference) => pulled[image] = reference;

    /// <summary>Marks <paramref name="image"/>'s facts gathered; returns the pulled references no image still to be
    /// gathered stands on, which the caller removes now.</summary>
    public IReadOnlyList<string> Done(string image)
    {
        done.Add(image);
        var needed = order.Where(n => !done.Contains(n)).SelectMany(parents).ToHashSet(StringComparer.Ordinal);
        var released = pulled.Where(p => !needed.Contains(p.Key)).ToList();
        foreach (var (name, _) in released) pulled.Remove(name);
        return released.Select(p => p.Value).ToList();
    }
}
