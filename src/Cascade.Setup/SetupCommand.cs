namespace Cascade.Setup;

/// <summary>`cascade-setup [--stack FOLDER]`, run in a repository's root: its arguments, its messages, its exit code.</summary>
internal static class SetupCommand
{
    private const string Usage = """
        Usage: cascade-setup [--stack FOLDER]

        Run in the root of a repository holding a stack (FOLDER/spec.yml, default images/spec.yml). Writes
        build/_build.csproj (the Cascade package, this tool's version), build/Build.cs, build.sh, build.cmd, build.ps1,
        global.json and .nuke/parameters.json, and adds artifacts/, .nuke/temp/ and build's bin/ and obj/ to .gitignore.
        It overwrites nothing: if one of those files exists, it writes none of them.
        """;

    public static int Run(IReadOnlyList<string> args, string root, TextWriter output, TextWriter error)
    {
        if (args is ["--help" or "-h"]) { output.WriteLine(Usage); return 0; }
        if (args is ["--version"]) { output.WriteLine(SetupTemplate.Version); return 0; }
        var stack = args switch
        {
            [] => "images",
            ["--stack", var folder] => folder.Replace('\\', '/').TrimEnd('/'),
            _ => null,
        };
        if (stack is null)
        {
            error.WriteLine($"cascade-setup: unknown arguments '{string.Join(' ', args)}'.\n\n{Usage}");
            return 2;
        }
        return new RepositorySetup(root, stack).Run(output, error) ? 0 : 1;
    }
}
