using System.Collections;
using System.Linq.Expressions;
using Cascade.Engine.Internal;

namespace Cascade.Engine;

public abstract partial class NukeBuild
{
    /// <summary>The entry point: runs the build for these arguments and returns the process exit code.</summary>
    protected static int Execute<T>(string[] args, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        // Colour only for a person at a terminal, and never when they asked for none (https://no-color.org).
        // The summary is coloured, and it goes to stderr with everything else the engine says.
        var colour = !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return Run(args, Console.Out, Console.Error, workingDirectory: null, environment: null, colour, defaultTargets);
    }

    /// <summary>NUKE's entry point, <c>static int Main() => Execute&lt;Build&gt;(x => x.Plan);</c>: runs the build for
    /// the process's own command-line arguments and returns the exit code.</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new() =>
        Execute(Environment.GetCommandLineArgs()[1..], defaultTargets);

    /// <summary>The same as <see cref="Execute{T}(string[], Expression{Func{T, Target}}[])"/> with the console, working directory and environment given.</summary>
    internal static int Run<T>(string[] args, TextWriter output, string? workingDirectory,
        IDictionary<string, string?>? environment, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new() =>
        Run(args, output, output, workingDirectory, environment, colour: false, defaultTargets);

    private static int Run<T>(string[] args, TextWriter output, TextWriter log, string? workingDirectory,
        IDictionary<string, string?>? environment, bool colour, Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        T build;
        try
        {
            build = new T();
        }
        catch (Exception e)
        {
            log.WriteLine($"The build class {typeof(T).Name} could not be created: {e.Message}");
            return ExitCodes.Failure;
        }
        return Run(build, args, output, log, workingDirectory, environment, colour, defaultTargets);
    }

    /// <summary>Runs an existing build instance, so tests can look at it afterwards; both streams go to
    /// <paramref name="output"/>.</summary>
    internal static int Run<T>(T build, string[] args, TextWriter output, string? workingDirectory,
        IDictionary<string, string?>? environment, bool colour, params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild =>
        Run(build, args, output, output, workingDirectory, environment, colour, defaultTargets);

    private static int Run<T>(T build, string[] args, TextWriter output, TextWriter log, string? workingDirectory,
        IDictionary<string, string?>? environment, bool colour, Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild
    {
        var host = new EngineHost(
            output,
            log,
            Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory()),
            ReadEnvironment(environment),
            TimeProvider.System,
            colour);
        var defaults = defaultTargets.Select(TargetName).ToList();
        return BuildRunner.RunAsync(build, args, host, defaults).GetAwaiter().GetResult();
    }

    private static IReadOnlyDictionary<string, string> ReadEnvironment(IDictionary<string, string?>? given)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (given is not null)
        {
            foreach (var (key, value) in given)
                if (value is not null) result[key] = value;
            return result;
        }
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Value is string value) result[(string)entry.Key] = value;
        return result;
    }

    private static string TargetName<T>(Expression<Func<T, Target>> expression)
    {
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : expression.Body;
        return body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"A default target must be written as x => x.TargetProperty, not {expression}.");
    }
}
