using Cascade.Changes.Fingerprints;

namespace Cascade.Changes;

/// <summary>One image's line in the plan.</summary>
/// <param name="Parents">Its parents in spec order: the FROM parent first.</param>
/// <param name="Depth">Longest distance from a root; images of one depth can build side by side.</param>
/// <param name="Reasons">Why it is built; empty when it is not.</param>
internal sealed record PlannedImage(string Name, IReadOnlyList<string> Parents, int Depth, bool Affected, IReadOnlyList<string> Reasons)
{
    /// <summary>What the image is made of; null in a plan made without fingerprints.</summary>
    public ImageFingerprint? Fingerprint { get; init; }

    /// <summary>What its tests check; null in a plan made without test fingerprints.</summary>
    public TestFingerprint? TestFingerprint { get; init; }
}

/// <summary>
/// What to build and why: every image of the stack in topological order, the affected ones in a
/// valid build order, and the same grouped into layers. The scheduler, the workflow generator and the
/// reports all read this one plan; none recomputes it.
/// </summary>
internal sealed record BuildPlan(
    IReadOnlyList<PlannedImage> Images,
    IReadOnlyList<string> Order,
    IReadOnlyList<IReadOnlyList<string>> Layers)
{
    /// <summary>Things the reader should know about the plan as a whole (e.g. a base image entered by its
    /// reference text because its registry did not answer).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Images the plan would build but left out because the registry has their fingerprint tag already
    /// (--leave-out-existing): nothing to build, only their tags and ledger row to bring up to date.</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];

    /// <summary>Plan --explain: for each affected image, which of its fingerprint's inputs differ from its previous build.</summary>
    public IReadOnlyList<ImageExplanation> Explanations { get; init; } = [];

    private Dictionary<string, PlannedImage>? byName;
    private HashSet<string>? affected;

    public PlannedImage this[string name] =>
        (byName ??= Images.ToDictionary(i => i.Name, StringComparer.Ordinal))[name];

    public bool Contains(string name) =>
        (byName ??= Images.ToDictionary(i => i.Name, StringComparer.Ordinal)).ContainsKey(name);

    public bool IsAffected(string name) => (affected ??= new HashSet<string>(Order, StringComparer.Ordinal)).Contains(name);

    public IReadOnlyList<PlannedImage> AffectedImages => Images.Where(i => i.Affected).ToList();

    public bool NothingToDo => Order.Count == 0;

    /// <summary>The plan as JSON: {"images":[{name,parents,depth,affected,reasons,fingerprint,platform,dirty,test_fingerprint}],
    /// "order":[...],"layers":[[...]],"notes":[...],"left_out":[...],"explanations":[{name,previous,lines}]}.</summary>
    public string ToJson(bool indented = true) => BuildPlanJson.Write(this, indented);

    public static BuildPlan FromJson(string json) => BuildPlanJson.Read(json);
}
