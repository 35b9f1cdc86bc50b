using Cascade.Contexts;
using System.Text;
using Cascade.Stacks;
using Cascade.Stacks.Dockerfiles;

namespace Cascade.Docker;

/// <summary>
/// The Dockerfile and build args as Cascade sends them to the classic builder:
/// <list type="bullet">
/// <item>the build args Cascade adds itself (BuildKit's platform args, the parents' references) only where the
/// Dockerfile declares them, so the builder does not warn "One or more build-args … were not consumed" on every
/// build; the spec's own build_args always, as written;</item>
/// <item>for a platform other than the daemon's, a file step first in each `FROM scratch` stage that begins with
/// another step: the classic builder records any other step on an empty base as the daemon's platform, and then
/// refuses the stage's next file step ("does not match the specified platform"). The step copies an empty folder
/// the context gets for it: nothing lands in the image and no layer is added;</item>
/// <item>the image's labels as one `LABEL` step at the end.</item>
/// </list>
/// </summary>
internal sealed class SentDockerfile
{
    /// <summary>The step added after a foreign-platform `FROM scratch`.</summary>
    public const string FileStep = "COPY " + BuildContext.EmptyFolder + "/ /";

    private SentDockerfile(string text, IReadOnlyDictionary<string, string> buildArgs, IReadOnlyList<int> fileStepsAfter)
    {
        Text = text;
        BuildArgs = buildArgs;
        FileStepsAfter = fileStepsAfter;
    }

    public string Text { get; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; }

    /// <summary>The lines of the Dockerfile (1-based) after which <see cref="FileStep"/> was added: the ends of those FROMs.</summary>
    public IReadOnlyList<int> FileStepsAfter { get; }

    /// <summary>What goes with <paramref name="request"/> in place of its Dockerfile, <paramref name="original"/>.</summary>
    public static SentDockerfile Compose(string original, ImageBuildRequest request, Platform daemon)
    {
        var target = request.Platform ?? daemon;
        var platformArgs = PlatformBuildArgs.For(target, daemon);
        var outline = DockerfileOutline.Read(original, Merge(platformArgs, request.BuildArgs, request.InjectedArgs, _ => true));
        var args = Merge(platformArgs, request.BuildArgs, request.InjectedArgs, outline.DeclaredArgs.Contains);
        var fileStepsAfter = target == daemon ? [] : outline.Stages
            .Where(s => s.IsScratch && !s.HasPlatformFlag && !s.StartsWithFileStep)
            .Select(s => s.FromLastLine).ToList();
        var text = WithFileSteps(original, fileStepsAfter);
        if (request.Labels.Count > 0) text = text.TrimEnd() + "\n" + LabelInstruction.For(request.Labels, original) + "\n";
        return new SentDockerfile(text, args, fileStepsAfter);
    }

    /// <summary>The platform args, then the spec's args (which win over them, passed as written), then Cascade's
    /// injected ones (which win over both); Cascade's own only when <paramref name="declared"/>.</summary>
    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> platformArgs, IReadOnlyDictionary<string, string> spec,
        IReadOnlyDictionary<string, string> injected, Func<string, bool> declared)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in platformArgs)
            if (declared(name)) args[name] = value;
        foreach (var (name, value) in spec) args[name] = value;
        foreach (var (name, value) in injected)
            if (declared(name)) args[name] = value;
        return args;
    }

    private static string WithFileSteps(string original, IReadOnlyList<int> afterLines)
    {
        if (afterLines.Count == 0) return original;
        var lines = original.Split('\n');
        var sb = new StringBuilder(original.Length + afterLines.Count * (FileStep.Length + 1));
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append(lines[i]);
            if (i < lines.Length - 1 || afterLines.Contains(i + 1)) sb.Append('\n');
            if (afterLines.Contains(i + 1)) sb.Append(FileStep).Append('\n');
        }
        return sb.ToString();
    }
}
