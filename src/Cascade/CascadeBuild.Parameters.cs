using Cascade.Engine;

namespace Cascade;

/// <summary>Every parameter of the build, declared once: name, type, description, default.
/// Given as --kebab-case, as an environment variable (BASE_REF) or in .nuke/parameters.json.</summary>
partial class CascadeBuild
{
    public enum GraphFormat { Mermaid, Dot }

    [Parameter("Stack folder holding spec.yml, relative to the root", ShapesTargets = true)]
    readonly string Stack = "images";

    [Parameter("Git ref to compare against; the merge base with --head-ref is used, so a whole PR counts")]
    readonly string BaseRef = DefaultBaseRef;
    const string DefaultBaseRef = "HEAD~1";

    [Parameter("Git ref whose changes are planned")]
    readonly string HeadRef = "HEAD";

    [Parameter("Also count staged, unstaged and untracked files as changed")]
    readonly bool IncludeUncommitted;

    [Parameter("Exactly these images and their descendants, instead of what git changed (git is not asked)")]
    readonly string[] Images = [];

    [Parameter("With --images: only the named images, not their descendants")]
    readonly bool NoDescendants;

    [Parameter("Force every image of the stack to be rebuilt")]
    readonly bool All;

    [Parameter("Leave out of the plan the images whose fingerprint tag the registry already has (nothing to build); the plan " +
               "lists them as left out (the daily scheduled run's plan: only what drifted gets a job)")]
    readonly bool LeaveOutExisting;

    [Parameter("Write the plan as JSON to this path; - writes it to stdout (and the tree to stderr)")]
    readonly string? PlanFile;

    [Parameter("Graph output format")]
    readonly GraphFormat Format = GraphFormat.Mermaid;

    [Parameter("Write the graph to this path instead of stdout")]
    readonly string? Output;

    [Parameter("Build every planned image even when an image with its fingerprint exists; its steps may still come from this " +
               "machine's layer cache and bases (add --refresh to pick up upstream updates)")]
    readonly bool NoReuse;

    [Parameter("Push: give each image its fingerprint tag (fp-…) only — no branch or sha- tag, no ledger entry, no page — so later jobs find it and nothing a user pulls by name moves (what a pull request's jobs push)")]
    readonly bool FingerprintTagsOnly;

    // Not called Refresh: its environment variable would be REFRESH, a word other tools use for their own purposes.
    [Parameter("Pull every external base (FROM outside the stack) of the images built again and build them without the layer " +
               "cache, as a fresh runner does: picks up upstream updates (with --no-reuse, for every planned image: the weekly refresh)",
        Name = "refresh")]
    readonly bool RefreshBases;

    [Parameter("Seed each built image's layer cache with its previous build from the registry: auto (where the Docker daemon holds no image of the stack, as on a fresh CI runner), none, or the tags ({branch}, {default_branch}, stable) and references to pull it from, in order")]
    readonly string[] CacheFrom = [];

    [Parameter("How many images may build at once")]
    readonly int Parallelism = Environment.ProcessorCount;

    [Parameter("Registry to push to (e.g. ghcr.io or 127.0.0.1:5000); overrides the spec's `registry`. Without one nothing is pushed")]
    readonly string? Registry;

    [Parameter("Registry user name for pushing")]
    readonly string? RegistryUsername;

    [Parameter("Registry password or token for pushing; never printed"), Secret]
    readonly string? RegistryPassword;

    [Parameter("Branch name for tags (<prefix>-<branch>); default: the current git branch")]
    readonly string? Branch;

    [Parameter("Folder for build logs, test output, JUnit XML and run state; default: artifacts/<stack folder>")]
    readonly string? Artifacts;

    [Parameter("Write the per-image results as JSON to this path")]
    readonly string? ResultsFile;
}
