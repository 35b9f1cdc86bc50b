namespace Cascade.Stacks;

/// <summary>What a key's value may be; drives both the loader's type checks and the JSON Schema.</summary>
internal enum ValueShape
{
    /// <summary>A string (numbers as written are accepted too; booleans are not).</summary>
    Text,
    /// <summary>Any scalar, kept as written (tag.prefix: 2023.4 unquoted reads as "2023.4").</summary>
    Scalar,
    Bool,
    TextList,
    /// <summary>A string or a list of strings.</summary>
    TextOrList,
    /// <summary>true/false, a string, or a list of strings (integration_tests).</summary>
    BoolTextOrList,
    /// <summary>A mapping of names to scalars, kept as written (build_args).</summary>
    ScalarMap,
    /// <summary>"90s", "30m", "1h30m" or a whole number of seconds.</summary>
    Duration,
    /// <summary>A list of platforms, os/arch[/variant] (normalised by <see cref="Platform"/>).</summary>
    PlatformList,
    /// <summary>A mapping of platforms to a runner label or a list of labels (ci.platform_runners).</summary>
    PlatformRunnerMap,
    /// <summary>A mapping with the fixed keys of <see cref="SpecKey.Children"/>.</summary>
    Object,
    /// <summary>A mapping of user-chosen names, each to an object with the keys of <see cref="SpecKey.Children"/>.</summary>
    NamedObjects,
}

/// <summary>One key spec.yml accepts at some level.</summary>
internal sealed record SpecKey(string Name, ValueShape Shape, string Description, IReadOnlyList<SpecKey>? Children = null)
{
    /// <summary>For <see cref="ValueShape.NamedObjects"/>: the pattern the names must match (JSON Schema only).</summary>
    public string? NamePattern { get; init; }
    /// <summary>For <see cref="ValueShape.NamedObjects"/>: the schema definition name of the named objects.</summary>
    public string? DefinitionName { get; init; }
    public bool Required { get; init; }
    /// <summary>For <see cref="ValueShape.Text"/>: the only values allowed (the schema's enum).</summary>
    public IReadOnlyList<string>? Choices { get; init; }
}

/// <summary>
/// The one list of every key spec.yml accepts, at every level. The loader rejects keys not listed here and
/// the JSON Schema (images/spec.schema.json) is generated from it, so the two cannot drift apart.
/// </summary>
internal static class SpecKeys
{
    /// <summary>Read at both levels: the stack's default and an image's own list, which wins.</summary>
    public static readonly SpecKey Platforms = new("platforms", ValueShape.PlatformList,
        "Target platforms, e.g. [linux/amd64, linux/arm64]: the image is built, tested and pushed once per platform and " +
        "published as one multi-platform tag. At the top level: the default for images that do not say. " +
        "Not given (or []): the Docker daemon's own platform.");

    public static readonly IReadOnlyList<SpecKey> Image =
    [
        new("image_name", ValueShape.Text, "Full repository without tag, e.g. ghcr.io/ucsd-ets/datascience-notebook. Wins over registry/owner; default: [registry/][owner/]<name>."),
        new("depend_on", ValueShape.TextOrList, "Parent image(s) in this stack. The first is the FROM parent; others are extra parents (e.g. used by COPY --from). Cascade passes each parent's exact reference as build args BASE_IMAGE and <PARENT_NAME>_IMAGE."),
        new("build_args", ValueShape.ScalarMap, "Docker build arguments (--build-arg NAME=value); values are passed as written."),
        new("info_cmds", ValueShape.TextList, "Keys of all_info_cmds that document this image; each must name an entry, and a changed command rebuilds the images that list it. Push runs each in a fresh container of the pushed image and shows its output on the image's page."),
        new("tags", ValueShape.TextList, "Tags that say what is inside the image, e.g. [\"python-{PY_VER}\", \"lab-{LAB_VER}\"]: each {FIELD} names an all_info_cmds entry, run in a fresh container of the pushed image; its output, trimmed, fills the field and the whole is made a valid tag. Given when the default branch (ci.default_branch) is pushed, after every command of the run's images gave an output: an empty or failing one fails the push and no such tag is written."),
        new("integration_tests", ValueShape.BoolTextOrList, "Host-side test commands run with TEST_IMAGE set. true runs `pytest <stack folder>/<name>/integration_tests`; a string or list gives the commands."),
        new("prune", ValueShape.Bool, "Remove this image from the local Docker daemon once it is pushed and every image below it in the run is done, to save disk on CI runners. Push runs only: without a push, removing it would lose it."),
        new("prepull", ValueShape.Bool, "Accepted for DataHub compatibility, not acted on: a parent built in the same run is already in the daemon, and any other is pulled by FROM as usual."),
        new("dockerfile", ValueShape.Text, "Dockerfile path relative to the context (default: Dockerfile)."),
        new("context", ValueShape.Text, "Build context folder relative to the stack folder (default: the image's name)."),
        new("watch", ValueShape.TextList, "Globs of repository paths outside the context whose changes also rebuild this image."),
        new("tests", ValueShape.TextList, "Extra in-container test paths relative to the stack folder, run besides test/ and tests_common/."),
        new("gpu_tests", ValueShape.TextList, "In-container test paths (files or folders) relative to the stack folder that need a GPU. Run by `./build.sh TestGpu --from-tag TAG` on the pushed image with all GPUs requested; promotion waits for them to pass."),
        new("inherit_tests", ValueShape.Bool, "Whether this image's test/ folder also runs for its descendants (default true)."),
        new("timeout", ValueShape.Duration, "Time limit of this image's build and of each of its tests: \"90s\", \"30m\", \"1h30m\" or whole seconds. Default: no limit on the build, 10 minutes per test."),
        Platforms,
    ];

    public static readonly IReadOnlyList<SpecKey> Tag =
    [
        new("prefix", ValueShape.Scalar, "Prefix of every tag Cascade gives, e.g. \"2024.3\"; must be a valid Docker tag."),
    ];

    public static readonly IReadOnlyList<SpecKey> InfoCommand =
    [
        new("description", ValueShape.Text, "Human-readable title, e.g. Python Version."),
        new("command", ValueShape.Text, "Shell command run inside the image, e.g. python --version.") { Required = true },
    ];

    /// <summary>`ci:`: the settings of the generated GitHub Actions workflows (./build.sh GenerateWorkflows).</summary>
    public static readonly IReadOnlyList<SpecKey> Ci =
    [
        new("runner", ValueShape.TextOrList, "Runner label(s) of the plan and image jobs (runs-on), e.g. ubuntu-24.04 or [self-hosted, linux, x64]. Default: ubuntu-latest."),
        new("gpu_runner", ValueShape.TextOrList, "Runner label(s) of the promote workflow's GPU test job. Default: [self-hosted, gpu]."),
        new("registry", ValueShape.Text, "Registry the workflows push to and hand images between jobs through, e.g. ghcr.io. Default: the spec's registry, else ghcr.io."),
        new("layout", ValueShape.Text, "How image jobs are laid out: jobs (one per image, needs = its parents), matrix (one matrix per depth) or auto (jobs while the file stays under GitHub's limit). Default: auto.")
        {
            Choices = ["auto", "jobs", "matrix"],
        },
        new("default_branch", ValueShape.Text, "The repository's default branch: pushes to it (and tags) run the workflow; other branches run through their pull requests. Default: main."),
        new("cache_from", ValueShape.TextList, "Tags under which each image's previous build is looked for, in order, to seed its layer cache on a runner that has none; \"{branch}\" and \"{default_branch}\" stand for those branches' tags (quote them). Default: [\"{branch}\", \"{default_branch}\", stable]."),
        new("schedule", ValueShape.Text, "Cron of the scheduled run with reuse on: every image is planned and only those whose fingerprint is new (an external base moved, and what lies below it) are built. Default: \"0 3 * * 0,2-6\" (daily but on the refresh's day)."),
        new("refresh_schedule", ValueShape.Text, "Cron of the full refresh: every image built again (--no-reuse --refresh), so upstream package updates come in. Must differ from schedule. Default: \"0 3 * * 1\" (weekly)."),
        new("free_disk_space", ValueShape.Bool, "Before building, remove the hosted runner's preinstalled toolchains (Android, Haskell, CodeQL, …: ~25 GB) from image jobs, for stacks whose images would not fit in the ~14 GB a runner has free. Skipped on self-hosted runners. Default: false."),
        new("timeout", ValueShape.Duration, "Job time limit for images without their own timeout. Default: 60m."),
        new("sign", ValueShape.Bool, "Sign each digest a push, schedule or dispatch pushed with cosign, keyless (GitHub's OIDC identity, no key to keep), in a job of its own after the image jobs: the only job with id-token: write, and it never runs on a pull request. Default: false."),
        new("sbom", ValueShape.Bool, "Attach an SBOM (SPDX JSON, made by syft) to each digest a push, schedule or dispatch pushed, as a cosign attestation, in that same job. Default: false."),
        new("platform_runners", ValueShape.PlatformRunnerMap, "Runner label(s) per platform: each platform of an image with platforms is built, tested and pushed on its own job there, e.g. {linux/arm64: ubuntu-24.04-arm}. Default: linux/amd64 on runner, linux/arm64 on ubuntu-24.04-arm; any other platform an image is built for must be listed."),
    ];

    public static readonly IReadOnlyList<SpecKey> TopLevel =
    [
        new("$schema", ValueShape.Text, "JSON Schema of this file, for editors; ignored by Cascade."),
        new("root", ValueShape.TextOrList, "The root image(s). Default: the images without depend_on."),
        new("images", ValueShape.NamedObjects, "The images of the stack, by name. The name is also the image's folder and target name.", Image)
        {
            NamePattern = "^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*$", DefinitionName = "image", Required = true,
        },
        new("tag", ValueShape.Object, "How Cascade tags images.", Tag),
        new("all_info_cmds", ValueShape.NamedObjects, "Commands that document an image, by key; images pick them with info_cmds.", InfoCommand)
        {
            DefinitionName = "infoCommand",
        },
        new("registry", ValueShape.Text, "Registry host[:port] for images without image_name, e.g. ghcr.io."),
        new("owner", ValueShape.Text, "Owner/namespace for images without image_name, e.g. ucsd-ets."),
        new("ignore", ValueShape.TextList, "Globs (relative to the stack folder) whose changes never trigger a rebuild."),
        new("rebuild_all_on", ValueShape.TextList, "Globs (relative to the stack folder) whose changes rebuild every image."),
        Platforms,
        new("ci", ValueShape.Object, "Settings of the GitHub Actions workflows ./build.sh GenerateWorkflows writes.", Ci),
    ];
}
