namespace Cascade.Engine.Internal;

/// <summary>
/// One run, start to finish: parse, inject parameters, let the build add targets, write the schema, then
/// help, plan or execute. Every user mistake ends here as a message and an exit code, never a stack trace.
/// </summary>
internal static partial class BuildRunner
{
    private const string SucceededBefore = "succeeded in the previous attempt";
    private const string SkippedByOption = "--skip";

    public static async Task<int> RunAsync(NukeBuild build, string[] args, EngineHost host, IReadOnlyList<string> defaultTargets)
    {
        // stdout carries only what targets produce (and the help); everything the engine says goes to the log.
        var product = new SecretMaskingWriter(host.Output);
        var output = new SecretMaskingWriter(host.Log);
        build.OutputWriter = output;
        build.StandardOutputWriter = product;
        var verbosity = Verbosity.Normal;
        try
        {
            var parameters = ParameterMember.Discover(build);
            CommandLineParser.EnsureNoClash(parameters);
            var line = CommandLineParser.Parse(args, parameters);
            verbosity = line.Verbosity;
            return await RunLineAsync(build, line, parameters, host, defaultTargets, (product, output));
        }
        catch (Exception e)
        {
            return Stopped(e, output, verbosity);
        }
        finally
        {
            product.Flush();
            output.Flush();
        }
    }

    /// <summary>The parsed command line's run: parameters in, targets created, then the schema and help, plan or execute.</summary>
    private static async Task<int> RunLineAsync(NukeBuild build, CommandLine line, IReadOnlyList<ParameterMember> parameters, EngineHost host,
        IReadOnlyList<string> defaultTargets, (SecretMaskingWriter Product, SecretMaskingWriter Log) writers)
    {
        var output = writers.Log;
        build.DefaultTargets = defaultTargets;
        var injected = Inject(build, line, parameters, host, writers);
        var graph = CreateTargets(build, defaultTargets, line.Verbosity, output);
        if (graph is null) return ExitCodes.Failure;
        WriteSchema(build, graph, parameters, injected.Retargeted, line.ShellCompletion ? output : null);
        if (line.ShellCompletion) return ExitCodes.Success;
        if (line.Help)
        {
            HelpWriter.Write(writers.Product, graph, parameters);
            return ExitCodes.Success;
        }
        var attempt = Schedule(build, graph, line);
        if (line.Plan)
        {
            output.WriteLine(PlanPageWriter.Write(build.TemporaryDirectory, graph, attempt.Order));
            return ExitCodes.Success;
        }
        RequirementCheck.Ensure(attempt.Order, parameters);
        return await ExecuteAsync(build, attempt, host, output, line.Verbosity);
    }

    /// <summary>Sets the build's parameters from the command line and the environment; from here on, no writer
    /// shows a secret's value.</summary>
    private static ParameterInjector.Outcome Inject(NukeBuild build, CommandLine line, IReadOnlyList<ParameterMember> parameters, EngineHost host,
        (SecretMaskingWriter Product, SecretMaskingWriter Log) writers)
    {
        Configure(build, line, host);
        var injected = ParameterInjector.Inject(build, parameters, line, host.Environment, build.RootDirectory);
        foreach (var warning in injected.Warnings)
            writers.Log.WriteLine("warning: " + warning);
        HideSecrets(build, parameters, writers.Log);
        HideSecrets(build, parameters, writers.Product);
        if (line.Verbosity == Verbosity.Verbose) WriteParameters(build, parameters, writers.Log);
        return injected;
    }

    /// <summary>Every user mistake as its message and exit code; anything else as a message, with the trace only
    /// when asked for with --verbosity verbose (no reason to dump one on a normal run).</summary>
    private static int Stopped(Exception e, TextWriter output, Verbosity verbosity)
    {
        switch (e)
        {
            case BuildUsageException usage:
                output.WriteLine(usage.Message);
                return usage.ExitCode;
            case InvalidArgumentsException:
                output.WriteLine(e.Message);
                return ExitCodes.InvalidArguments;
            default:
                output.WriteLine("The build stopped unexpectedly: " + e.Message);
                if (verbosity == Verbosity.Verbose) output.WriteLine(e.ToString());
                return ExitCodes.Failure;
        }
    }

    /// <summary>The schema describes the repository's own build: a run given another stack (or whatever else
    /// shapes the targets) leaves the committed file alone, and says so when the schema was asked for.</summary>
    private static void WriteSchema(NukeBuild build, TargetGraph graph, IReadOnlyList<ParameterMember> parameters,
        IReadOnlyList<ParameterMember> retargeted, TextWriter? explainTo)
    {
        var path = Path.Combine(build.RootDirectory, ".nuke", "build.schema.json");
        if (retargeted.Count == 0)
        {
            SchemaWriter.WriteIfChanged(path, graph, parameters);
            return;
        }
        explainTo?.WriteLine($"{path} was not written: {string.Join(", ", retargeted.Select(p => p.Option))} differs from the " +
                             "repository's own value (its default or .nuke/parameters.json), so this run's targets are not the repository's.");
    }

    private static void Configure(NukeBuild build, CommandLine line, EngineHost host)
    {
        build.Verbosity = line.Verbosity;
        build.RootDirectory = RootDirectory.Find(line.Root, host.WorkingDirectory);
        build.IsContinue = line.Continue;
        build.RequestedTargets = line.Targets.ToList();
        build.IsLocalBuild = !CiHost.IsServer(host.Environment);
    }

    /// <summary>OnBuildCreated may add targets; whatever it throws is the user's message, shown as such.</summary>
    private static TargetGraph? CreateTargets(NukeBuild build, IReadOnlyList<string> defaults, Verbosity verbosity, TextWriter output)
    {
        try
        {
            build.CallOnBuildCreated();
        }
        catch (Exception e) when (e is not (BuildUsageException or InvalidArgumentsException))
        {
            WriteError(output, e, verbosity);
            return null;
        }
        finally
        {
            build.FixTargets();
        }
        return TargetGraph.Create(build, build.AddedTargets, defaults);
    }

    private static List<ExecutableTarget> Invoked(TargetGraph graph, CommandLine line)
    {
        var invoked = line.Targets.Count > 0
            ? line.Targets.Select(name => graph.Find(name)).Distinct().ToList()
            : graph.Defaults.ToList();
        return invoked.Count > 0
            ? invoked
            : throw new BuildUsageException("No target was named and the build has no default target. Run with --help to list the targets.",
                ExitCodes.InvalidArguments);
    }

    /// <summary>--skip alone skips every scheduled target that was not invoked; --skip A B skips those.</summary>
    private static void MarkSkipped(TargetGraph graph, CommandLine line, List<ExecutableTarget> invoked, IReadOnlyList<ExecutableTarget> order)
    {
        if (line.Skip is null) return;
        var skipped = line.Skip.Count == 0
            ? order.Except(invoked).ToHashSet()
            : line.Skip.Select(name => graph.Find(name, "target to skip")).ToHashSet();
        foreach (var target in order.Where(skipped.Contains))
            (target.Status, target.SkipReason) = (TargetStatus.Skipped, SkippedByOption);
    }

    private static bool Finish(NukeBuild build, TextWriter output, Verbosity verbosity)
    {
        try
        {
            build.CallOnBuildFinished();
            return true;
        }
        catch (Exception e)
        {
            WriteError(output, e, verbosity);
            return false;
        }
    }

    private static void WriteError(TextWriter output, Exception e, Verbosity verbosity)
    {
        var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
        output.WriteLine(cause.Message);
        if (verbosity == Verbosity.Verbose && cause is not BuildUsageException) output.WriteLine(cause.ToString());
    }
}
