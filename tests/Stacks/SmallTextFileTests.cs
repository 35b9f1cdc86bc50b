using System.Text;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>SmallTextFile must read exactly what File.ReadAllText reads, and fail the same way.</summary>
public class SmallTextFileTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-smalltext-");
    private string folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, byte[]> Contents() => new()
    {
        { "plain", Encoding.UTF8.GetBytes("FROM scratch\nCOPY files/ /opt/\n") },
        { "utf8 bom", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("FROM ${BASE_IMAGE}\n")] },
        { "utf16 bom", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes("FROM x\n")] },
        { "invalid utf8", [0x46, 0x52, 0xC3, 0x28, 0x4F, 0x4D, 0xFF] },
        { "non-ascii", Encoding.UTF8.GetBytes("# café ✓\nFROM scratch\r\n") },
        { "empty", [] },
        { "large", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("RUN echo 0123456789abcdef\n", 5000))) },
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void Reads_what_File_ReadAllText_reads(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        SmallTextFile.Read(path).Should().Be(File.ReadAllText(path));
    }

    [Fact]
    public void Fails_as_File_ReadAllText_fails()
    {
        var missing = Path.Combine(folder, "missing");
        FluentActions.Invoking(() => SmallTextFile.Read(missing)).Should().Throw<FileNotFoundException>();
        FluentActions.Invoking(() => SmallTextFile.Read(Path.Combine(missing, "Dockerfile"))).Should().Throw<DirectoryNotFoundException>();
        var expected = FluentActions.Invoking(() => File.ReadAllText(folder)).Should().Throw<Exception>().Which;
        FluentActions.Invoking(() => SmallTextFile.Read(folder)).Should().Throw<Exception>().Which.GetType().Should().Be(expected.GetType());
    }
}
