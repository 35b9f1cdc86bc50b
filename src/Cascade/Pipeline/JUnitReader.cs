using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Cascade.Pipeline;

/// <summary>
/// The one reader of JUnit XML: what pytest wrote (`--junitxml`, `junit_family=xunit1`) for the test stage, and what
/// <c>JUnitWriter</c> wrote for an image's page. Each &lt;testcase&gt; becomes one case with its outcome (a failure or
/// an error: failed; skipped: skipped; else passed), time, failure text and captured output, named by its pytest node
/// id (`images/x/test/test_y.py::TestZ::test_w`) where the case names its file, else by its name.
/// </summary>
internal static partial class JUnitReader
{
    public static IReadOnlyList<TestCaseResult> Read(string junitPath, string logPath) =>
        XDocument.Load(junitPath).Descendants("testcase").Select(c => Case(c, logPath)).ToList();

    /// <summary>The cases of a file that may not be there (an image whose tests did not run): none then.</summary>
    public static IReadOnlyList<TestCaseResult> ReadIfPresent(string junitPath) =>
        File.Exists(junitPath) ? Read(junitPath, junitPath) : [];

    private static TestCaseResult Case(XElement testcase, string logPath)
    {
        var name = NodeId(testcase);
        var problem = testcase.Element("failure") ?? testcase.Element("error");
        var skipped = testcase.Element("skipped");
        var outcome = problem is not null ? TestOutcome.Failed : skipped is not null ? TestOutcome.Skipped : TestOutcome.Passed;
        var failure = problem is not null ? $"test {name} failed: {FirstLine(problem)}"
            : skipped is not null ? FirstLine(skipped) : null;
        var output = string.Join("\n", new[] { problem?.Value, Text(testcase, "system-out"), Text(testcase, "system-err") }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        var seconds = double.TryParse((string?)testcase.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return new TestCaseResult(name, outcome, TimeSpan.FromSeconds(seconds), failure, output, logPath);
    }

    /// <summary>file::Class::name from xunit1's file and classname (the class is what follows the module's dotted path);
    /// the name alone for a case that names no file (ours: its classname is the suite's, the image).</summary>
    private static string NodeId(XElement testcase)
    {
        var name = (string?)testcase.Attribute("name") ?? "";
        var classname = (string?)testcase.Attribute("classname") ?? "";
        if ((string?)testcase.Attribute("file") is not { Length: > 0 } file) return name;
        var module = file[..^Path.GetExtension(file).Length].Replace('/', '.').Replace('\\', '.');
        var inClass = classname.StartsWith(module + ".", StringComparison.Ordinal) ? classname[(module.Length + 1)..] : null;
        return inClass is null ? $"{file}::{name}" : $"{file}::{inClass.Replace(".", "::")}::{name}";
    }

    private static string FirstLine(XElement element)
    {
        var message = (string?)element.Attribute("message") is { Length: > 0 } m ? m : element.Value;
        return message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? element.Name.LocalName;
    }

    // junit_logging=all writes a "---- Captured Out ----" header even over nothing: keep only sections with text.
    private static string Text(XElement testcase, string element)
    {
        // Split with a group: [text before any header, header 1, its text, header 2, its text, ...].
        var parts = CapturedHeader().Split(string.Concat(testcase.Elements(element).Select(e => e.Value)));
        var kept = parts[0].Trim().Length > 0 ? [parts[0].TrimEnd('\n')] : new List<string>();
        for (var i = 1; i + 1 < parts.Length; i += 2)
            if (parts[i + 1].Trim().Length > 0) kept.Add($"---- {parts[i]} ----\n{parts[i + 1].Trim('\n')}");
        return string.Join("\n", kept);
    }

    [GeneratedRegex(@"^-+ (Captured [\w ]+?) -+$\n?", RegexOptions.Multiline)]
    private static partial Regex CapturedHeader();
}
