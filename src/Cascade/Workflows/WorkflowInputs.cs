namespace Cascade.Workflows;

/// <summary>An input of workflow_dispatch or workflow_call, as GitHub's syntax writes it.</summary>
internal static class WorkflowInputs
{
    public static Dictionary<string, object> Input(string description, string type, bool required = false, object? defaultValue = null)
    {
        var input = new Dictionary<string, object> { ["description"] = description, ["type"] = type, ["required"] = required };
        if (defaultValue is not null) input["default"] = defaultValue;
        return input;
    }
}
