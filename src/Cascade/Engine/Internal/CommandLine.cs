namespace Cascade.Engine.Internal;

/// <summary>What the command line asked for, before any name is resolved against the build's targets.</summary>
internal sealed class CommandLine
{
    public List<string> Targets { get; } = [];
    /// <summary>Null: --skip not given. Empty: --skip alone, skip every dependency of the invoked targets.</summary>
    public List<string>? Skip { get; set; }
    public bool Help { get; set; }
    /// <summary>--help-markdown: the help as a Markdown page (a repository's reference of its targets and parameters).</summary>
    public bool HelpMarkdown { get; set; }
    public bool Version { get; set; }
    public bool Plan { get; set; }
    public bool Continue { get; set; }
    public bool ShellCompletion { get; set; }
    public string? Root { get; set; }
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;
    public List<string> Profiles { get; } = [];
    /// <summary>Each parameter given, with the words that followed it (possibly none for a switch).</summary>
    public Dictionary<ParameterMember, List<string>> Parameters { get; } = [];
}
