using System.Xml.Linq;
using Cascade.Publishing;
using Cascade.Reports;

namespace Cascade.Reports;

/// <summary>Reads the outcome of each test case back from JUnit XML files (ours, or a test runner's).</summary>
internal static class JUnitReader
{
    public static IReadOnlyList<PageTest> Read(string path)
    {
        if (!File.Exists(path)) return [];
        return XDocument.Load(path).Descendants("testcase").Select(c => new PageTest(
            (string?)c.Attribute("name") ?? "",
            c.Element("failure") is not null || c.Element("error") is not null ? "failed"
            : c.Element("skipped") is not null ? "skipped" : "passed")).ToList();
    }
}
