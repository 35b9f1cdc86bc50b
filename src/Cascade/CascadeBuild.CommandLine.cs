using Cascade.Engine;

namespace Cascade;

/// <summary>Command-line values the engine cannot judge by their type alone, checked before any target runs:
/// a mistake here exits with 2 (as an unknown option does) and nothing starts.</summary>
partial class CascadeBuild
{
    void CheckArguments()
    {
        if (Parallelism < 1)
            throw new InvalidArgumentsException(
                $"--parallelism {Parallelism}: at least 1 image must be able to build at once; leave it out for one per processor ({Environment.ProcessorCount}).");
        CheckPlatformArgument();
        if (Cascade.Pipeline.CacheFromSetting.Parse(CacheFrom, out var problem) is null)
            throw new InvalidArgumentsException($"--cache-from: {problem}.");
    }
}
