using Cascade.Publishing;
using System.Xml.Linq;
using Cascade.Pipeline;
using Cascade.Reports;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

public sealed class JUnitWriterTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-junit-");
    private string _dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Junit_xml_is_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(_dir, "base", "junit.xml");
        var tests = new TestStageResult(DateTimeOffset.UnixEpoch,
            [new TestCaseResult("tests_common/ünïcode.sh", TestOutcome.Passed, TimeSpan.FromSeconds(1.5), null, "ok ✓\n", "x.log")]);

        JUnitWriter.Write(path, "base", tests);

        var bytes = File.ReadAllBytes(path);
        bytes.Take(5).Should().Equal("<?xml"u8.ToArray(), "the file begins with its declaration, no BOM before it");
        var doc = XDocument.Load(path);
        doc.Declaration!.Encoding.Should().BeEquivalentTo("utf-8");
        doc.Root!.Element("testsuite")!.Element("testcase")!.Attribute("name")!.Value.Should().Be("tests_common/ünïcode.sh");
    }
}
