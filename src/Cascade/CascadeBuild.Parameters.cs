using Cascade.Engine;
using Cascade.Pipeline;

namespace Cascade;

/// <summary>Every parameter of the build, declared once, here: name, type, description, default.
/// Given as --kebab-case, as an environment variable (BASE_REF) or in .nuke/parameters.json.
/// Each is a protected init property: a derived build reads it in its own targets, and gives it another default
/// in its constructor (<c>public Build() { Parallelism = 2; }</c>), which the command line still overrides.</summary>
partial class CascadeBuild
{
    /// <summary>The notations <see cref="Graph"/> prints.</summary>
    public enum GraphFormat
    {
        /// <summary>A Mermaid flowchart, as GitHub renders in Markdown.</summary>
        Mermaid,
        /// <summary>Graphviz DOT, for <c>dot -Tsvg</c>.</summary>
        Dot,
    }

    /// <summary>--stack: the folder holding spec.yml, relative to the root.</summary>
    [Parameter("Stack folder holding spec.yml, relative to the root", ShapesTargets = true)]
    protected string Stack { get; init; } = "images";

    /// <summary>--base-ref: the git ref whose merge base with <see cref="HeadRef"/> the plan compares against.</summary>
    [Parameter("Git ref to compare against; the merge base with --head-ref is used, so a whole PR counts")]
    protected string BaseRef { get; init; } = DefaultBaseRef;
    const string DefaultBaseRef = "HEAD~1";

    /// <summary>--head-ref: the git ref whose changes are planned.</summary>
    [Parameter("Git ref whose changes are planned; the stack itself is read from the working tree")]
    protected string HeadRef { get; init; } = "HEAD";

    /// <summary>--include-uncommitted: staged, unstaged and untracked files count as changed too.</summary>
    [Parameter("Also count staged, unstaged and untracked files as changed")]
    protected bool IncludeUncommitted { get; init; }

    /// <summary>--images: plan exactly these images (and their descendants) instead of asking git.</summary>
    [Parameter("Exactly these images and their descendants, instead of what git changed (git is not asked)")]
    protected string[] Images { get; init; } = [];

    /// <summary>--no-descendants: with <see cref="Images"/>, only the named images.</summary>
    [Parameter("With --images: only the named images, not their descendants")]
    protected bool NoDescendants { get; init; }

    /// <summary>--all: every image of the stack is planned.</summary>
    [Parameter("Plan every image of the stack, whatever git changed (git is not asked)")]
    protected bool All { get; init; }

    /// <summary>--leave-out-existing: the plan leaves out the images whose fingerprint tag the registry has.</summary>
    [Parameter("Leave out of the plan the images whose fingerprint tag the registry already has (nothing to build); the plan " +
               "lists them as left out (the daily scheduled run's plan: only what drifted gets a job)")]
    protected bool LeaveOutExisting { get; init; }

    /// <summary>--plan-file: where Plan writes the plan as JSON (<c>-</c> for stdout).</summary>
    [Parameter("Write the plan as JSON to this path; - writes it to stdout (and the tree to stderr)")]
    protected string? PlanFile { get; init; }

    /// <summary>--explain: Plan names, for each affected image, which inputs of its fingerprint moved since its previous build.</summary>
    [Parameter("Plan: name, for each affected image, which inputs of its fingerprint (build args, context files, external bases' " +
               "digests, parents, platform) differ from its previous build in the registry (this branch's tag, else the default branch's)")]
    protected bool Explain { get; init; }

    /// <summary>--format: the notation Graph prints.</summary>
    [Parameter("Graph's output format: mermaid or dot (Graphviz)")]
    protected GraphFormat Format { get; init; } = GraphFormat.Mermaid;

    /// <summary>--output: the file Graph writes instead of stdout.</summary>
    [Parameter("Write the graph to this path instead of stdout")]
    protected string? Output { get; init; }

    /// <summary>--no-reuse: build every planned image even when one with its fingerprint exists.</summary>
    [Parameter("Build every planned image even when an image with its fingerprint exists; its steps may still come from this " +
               "machine's layer cache and bases (add --refresh to pick up upstream updates)")]
    protected bool NoReuse { get; init; }

    /// <summary>--fingerprint-tags-only: Push gives each image its fp- tag alone (a pull request's push).</summary>
    [Parameter("Push: give each image its fingerprint tag (fp-…) only — no branch or sha- tag, no ledger entry, no page — so later jobs find it and nothing a user pulls by name moves (what a pull request's jobs push)")]
    protected bool FingerprintTagsOnly { get; init; }

    // Not called Refresh: its environment variable would be REFRESH, a word other tools use for their own purposes.
    /// <summary>--refresh: pull external bases again and build without the layer cache.</summary>
    [Parameter("Pull every external base (FROM outside the stack) of the images built again and build them without the layer " +
               "cache, as a fresh runner does: picks up upstream updates (with --no-reuse, for every planned image: the weekly refresh)",
        Name = "refresh")]
    protected bool RefreshBases { get; init; }

    /// <summary>--cache-from: where each built image's layer cache is seeded from (auto, none, or tags and references).</summary>
    [Parameter("Seed each built image's layer cache with its previous build from the registry: auto (where the Docker daemon holds no image of the stack, as on a fresh CI runner), none, or the tags ({branch}, {default_branch}, stable) and references to pull it from, in order")]
    protected string[] CacheFrom { get; init; } = [];

    /// <summary>--parallelism: how many images build at once.</summary>
    [Parameter("How many images may build at once", DefaultText = "the processor count")]
    protected int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>--registry: the registry pushed to; overrides spec.yml's <c>registry</c>.</summary>
    [Parameter("Registry to push to (e.g. ghcr.io or 127.0.0.1:5000); overrides the spec's `registry`. Without one nothing is pushed")]
    protected string? Registry { get; init; }

    /// <summary>--registry-username: the user name Push logs in with.</summary>
    [Parameter("Registry user name for pushing; without it, ~/.docker/config.json is read")]
    protected string? RegistryUsername { get; init; }

    /// <summary>--registry-password: the password or token Push logs in with; a secret, never printed.</summary>
    [Parameter("Registry password or token for pushing; never printed"), Secret]
    protected string? RegistryPassword { get; init; }

    /// <summary>--branch: the branch named in tags; default the current git branch.</summary>
    [Parameter("Branch name for tags (<prefix>-<branch>); default: the current git branch")]
    protected string? Branch { get; init; }

    /// <summary>--artifacts: the folder for logs, test output, JUnit XML and run state.</summary>
    [Parameter("Folder for build logs, test output, JUnit XML and run state; default: artifacts/<stack folder>")]
    protected string? Artifacts { get; init; }

    /// <summary>--results-file: where the per-image results are written as JSON.</summary>
    [Parameter("Also write the per-image results as JSON to this path (besides <artifacts>/results.json)")]
    protected string? ResultsFile { get; init; }

    /// <summary>--pytest: the program and first arguments that start pytest for the images' tests.</summary>
    [Parameter("How to start pytest for the images' pytest modules (test_*.py, *_test.py): a program and its first " +
               "arguments, e.g. \"/usr/bin/python3 -m pytest\"; default `pytest` on PATH")]
    protected string Pytest { get; init; } = PytestCommand.Default;

    // The member is not called Platform: its environment variable would be PLATFORM (or Platform), which
    // Visual Studio's developer prompt and other tools set for their own purposes.
    /// <summary>--platform: the one platform this run builds and pushes (one runner per platform).</summary>
    [Parameter("Do only this platform of the images built for it (one runner per platform), e.g. linux/arm64: push each under its " +
               "per-platform tags and write no index (PushIndex does); images not built for it are left out", Name = "platform")]
    protected string? OnlyPlatform { get; init; }

    // Not called Wait: its environment variable would be WAIT, a word other tools use for their own purposes.
    /// <summary>--wait: wait for another run in the same artifacts folder to end instead of failing.</summary>
    [Parameter("When another run is working in the same artifacts folder: wait for it to end (default: fail at once, naming it)", Name = "wait")]
    protected bool WaitForOtherRun { get; init; }

    /// <summary>--from-tag: the tag Promote and TestGpu take images from.</summary>
    [Parameter("Promote / TestGpu: the tag to take images from, e.g. 2026.3-main")]
    protected string? FromTag { get; init; }

    /// <summary>--to-tag: the tag(s) Promote gives them.</summary>
    [Parameter("Promote: the tag(s) to give them, e.g. 2026.3-stable stable")]
    protected string[] ToTag { get; init; } = [];

    /// <summary>--dry-run: Promote prints what would move and writes nothing.</summary>
    [Parameter("Promote: print exactly what would move, write nothing")]
    protected bool DryRun { get; init; }

    /// <summary>--manifests: the folder for the per-image Markdown manifests and history pages.</summary>
    [Parameter("Folder for the per-image Markdown manifests and the history pages; default: <artifacts>/manifests")]
    protected string? Manifests { get; init; }

    /// <summary>--wiki: a checked-out wiki folder that receives the pages and holds the ledger.</summary>
    [Parameter("A checked-out <repo>.wiki folder: the pages go there too (wiki links), and the ledger lives there (none there while <artifacts>/ledger.json has entries: the run stops and says how to bring them over)")]
    protected string? Wiki { get; init; }

    /// <summary>--ledger: the ledger (JSON) of every Push and Promote.</summary>
    [Parameter("The ledger (JSON) of every Push and Promote; default: <wiki>/ledger.json, else <artifacts>/ledger.json")]
    protected string? Ledger { get; init; }

    /// <summary>--from: the folders RecordEntries and Diff search for the jobs' ledger-entry.json and diff.json files.</summary>
    [Parameter("RecordEntries / Diff: the folder(s) holding the jobs' artifacts (searched for ledger-entry.json, diff.json files)")]
    protected string[] From { get; init; } = [];

    /// <summary>--against: the tag of the images Diff compares with.</summary>
    [Parameter("Diff: the tag of the images a change replaces, e.g. stable", DefaultText = "the default branch's tag, else stable")]
    protected string? Against { get; init; }

    /// <summary>--pull-request: the pull request on which Diff keeps one comment with its report.</summary>
    [Parameter("Diff: keep one comment with the report on this pull request, edited in place (GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL from the environment)")]
    protected int? PullRequest { get; init; }
}
