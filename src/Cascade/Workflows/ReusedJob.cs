using Cascade.Stacks;

namespace Cascade.Workflows;

/// <summary>
/// The daily drift check plans every image with --leave-out-existing: the images whose fingerprint tag the registry
/// already has get no job of their own. What they still need on a schedule — this run's tags moved to them
/// registry-side, their tests run again where those changed, their rows in the run's ledger entry — is done by this
/// one job for all of them: cascade-image.yml with the whole list (`Push --images … --no-descendants`, which finds
/// each by its fingerprint). One call of the reusable workflow, not a job of its own: each byte of build-test-push.yml
/// counts against the size that decides its layout (see <see cref="WorkflowGenerator.MaxFileBytes"/>).
/// </summary>
internal static class ReusedJob
{
    public const string Id = "reused";

    /// <summary>What the call's `image` input says (its job's name and artifacts' names): upper case, so no image of the
    /// stack (Docker's names are lower case) can have it.</summary>
    public const string Name = "Reused";

    public static Job Create(StackSpec spec) => new()
    {
        Needs = [PlanJob.Id],
        If = $"${{{{ !cancelled() && needs.{PlanJob.Id}.result == 'success' && needs.{PlanJob.Id}.outputs.left_out != '' }}}}",
        Permissions = CommonSteps.Pushing(),
        Uses = $"./{WorkflowOptions.Directory}/{ImageWorkflow.FileName}",
        With = new() { ["image"] = Name, ["images"] = $"${{{{ needs.{PlanJob.Id}.outputs.left_out }}}}" },
        Secrets = ImageWorkflow.Secrets(spec),
    };
}
