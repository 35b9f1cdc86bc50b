using Cascade.Changes;
using Cascade.Changes.Fingerprints;
using Cascade.Registry;
using Cascade.Stacks;

namespace Cascade.Pipeline;

/// <summary>
/// Plan --explain: reads each affected image's nearest previous build from the registry (<see cref="PreviousBuilds"/>,
/// the labels only) and names the inputs of its fingerprint that moved since (<see cref="ImageExplanation"/>), the
/// changed context files as git names them between the two context trees.
/// </summary>
/// <param name="candidates">Where an image's previous build is looked for (<see cref="PreviousBuilds.Candidates"/>).</param>
internal sealed class PlanExplainer(StackSpec spec, Func<ImageSpec, IReadOnlyList<string>> candidates,
    Func<string, RegistryCredentials?> credentialsFor)
{
    public IReadOnlyList<ImageExplanation> Explain(BuildPlan plan, IReadOnlyDictionary<string, ImageFingerprint> fingerprints)
    {
        var images = plan.AffectedImages.Select(i => spec[i.Name]).ToList();
        var previous = PreviousBuilds.Read(images.Where(i => candidates(i).Count > 0).ToList(), candidates,
            Platform.Parse(Fingerprinter.HostPlatform), credentialsFor);
        var trees = new ContextTreeDiff(spec.Directory);
        return images.ConvertAll(image => Explain(image, previous.GetValueOrDefault(image.Name), fingerprints[image.Name], trees));
    }

    private ImageExplanation Explain(ImageSpec image, PreviousBuild? previous, ImageFingerprint now, ContextTreeDiff trees) => previous switch
    {
        null => ImageExplanation.WithoutRegistry(image.Name),
        { Problem: { } problem } => ImageExplanation.Unreadable(image.Name, problem),
        { Reference: null } => ImageExplanation.NoPreviousBuild(image.Name, candidates(image)),
        { Reference: { } reference } => ImageExplanation.Compared(image.Name, reference, previous.Labels.GetValueOrDefault(FingerprintInputs.Label),
            now.Inputs!.WithDockerfileOf(spec.Directory, image), (before, after) => trees.Files(image.Context, before, after)),
    };
}
