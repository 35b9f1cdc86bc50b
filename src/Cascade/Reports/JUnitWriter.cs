using Cascade.Publishing;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cascade.Pipeline;

namespace Cascade.Reports;

/// <summary>
/// Writes one image's tests as a JUnit XML file (one &lt;testsuite&gt; in &lt;testsuites&gt;), the shape
/// GitHub test reporters, GitLab and Jenkins all read. In-container tests, pytest cases (one by one, from
/// pytest's own JUnit) and integration commands are cases of the same suite.
/// </summary>
internal static class JUnitWriter
{
    /// <summary>junit.xml for every image whose test stage ran in <paramref name="run"/>; an image continued from a
    /// previous run keeps the file that run wrote.</summary>
    public static void WriteAll(RunResult run, ArtifactPaths paths)
    {
        foreach (var image in run.Images)
        {
            if (image.Tests is { } tests)
                Write(paths.JUnit(image.Name), image.Name, tests);
            // A multi-platform image: each platform's tests in its own folder and suite, "base (linux/arm64)".
            foreach (var platform in image.PlatformResults)
                if (platform is { Tests: { } platformTests, Platform: { } p })
                    Write(paths.ForPlatform(p).JUnit(image.Name), $"{image.Name} ({p})", platformTests);
        }
    }

    public static XDocument Document(string suiteName, TestStageResult tests)
    {
        var cases = tests.Cases;
        var failures = cases.Count(c => c.Outcome == TestOutcome.Failed);
        var skipped = cases.Count(c => c.Outcome == TestOutcome.Skipped);
        var total = cases.Sum(c => c.Duration.TotalSeconds);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", 0),
            new XAttribute("skipped", skipped),
            new XAttribute("time", Seconds(total)),
            new XAttribute("timestamp", tests.Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            cases.Select(c => new XElement("testcase",
                new XAttribute("classname", suiteName),
                new XAttribute("name", c.Name),
                new XAttribute("time", Seconds(c.Duration.TotalSeconds)),
                Outcome(c),
                new XElement("system-out", Clean(c.Output)))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures),
                new XAttribute("time", Seconds(total)),
                suite));
    }

    /// <summary>UTF-8 without a byte order mark: XDocument.Save would write one, and some JUnit readers choke on
    /// it before the XML declaration.</summary>
    public static void Write(string path, string suiteName, TestStageResult tests)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = XmlWriter.Create(path, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        Document(suiteName, tests).Save(writer);
    }

    private static XElement? Outcome(TestCaseResult c) => c.Outcome switch
    {
        TestOutcome.Failed => new XElement("failure", new XAttribute("message", Clean(c.Failure ?? c.Outcome.ToText())), Clean(c.Output)),
        TestOutcome.Skipped => new XElement("skipped", new XAttribute("message", Clean(c.Failure ?? c.Outcome.ToText()))),
        _ => null,
    };

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);

    // XML 1.0 cannot hold most control characters; container output sometimes has them (ANSI escapes).
    private static string Clean(string text) =>
        new(text.Where(ch => System.Xml.XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
}
