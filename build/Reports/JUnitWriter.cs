using System.Globalization;
using System.Xml.Linq;

namespace Cascade.Reports;

/// <summary>One executed test as JUnit sees it. <see cref="Failure"/> is null when it passed.</summary>
public sealed record TestCaseRecord(string Name, TimeSpan Duration, string? Failure, string Output);

/// <summary>
/// Writes one image's tests as a JUnit XML file (one &lt;testsuite&gt; in &lt;testsuites&gt;), the shape
/// GitHub test reporters, GitLab and Jenkins all read.
/// </summary>
public static class JUnitWriter
{
    public static XDocument Document(string suiteName, IReadOnlyList<TestCaseRecord> cases, DateTimeOffset timestamp)
    {
        var failures = cases.Count(c => c.Failure is not null);
        var total = cases.Sum(c => c.Duration.TotalSeconds);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", Seconds(total)),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            cases.Select(c => new XElement("testcase",
                new XAttribute("classname", suiteName),
                new XAttribute("name", c.Name),
                new XAttribute("time", Seconds(c.Duration.TotalSeconds)),
                c.Failure is null ? null : new XElement("failure", new XAttribute("message", c.Failure), Clean(c.Output)),
                new XElement("system-out", Clean(c.Output)))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures),
                new XAttribute("time", Seconds(total)),
                suite));
    }

    public static void Write(string path, string suiteName, IReadOnlyList<TestCaseRecord> cases, DateTimeOffset timestamp)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Document(suiteName, cases, timestamp).Save(path);
    }

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);

    // XML 1.0 cannot hold most control characters; container output sometimes has them (ANSI escapes).
    private static string Clean(string text) =>
        new(text.Where(ch => System.Xml.XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
}
