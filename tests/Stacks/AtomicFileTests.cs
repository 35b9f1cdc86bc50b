using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>The one home of "rewrite a file others read": a reader sees the old text or the new, never a mix.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _temp = new("cascade-atomic-");
    private string folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void It_writes_the_text_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(folder, "sub", "results.json");

        AtomicFile.WriteAllText(path, "{\"images\": []}\n");
        AtomicFile.WriteAllText(path, "{\"images\": [1]}\n");

        File.ReadAllText(path).Should().Be("{\"images\": [1]}\n");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("the temporary file was renamed over the file");
        File.ReadAllBytes(path)[0].Should().Be((byte)'{', "no byte-order mark");
    }

    [Fact]
    public async Task A_reader_never_sees_half_a_file_while_it_is_rewritten()
    {
        var path = Path.Combine(folder, "ledger.json");
        string[] versions = [new string('a', 256 * 1024), new string('b', 512 * 1024)];
        AtomicFile.WriteAllText(path, versions[0]);
        var writing = true;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 200; i++) AtomicFile.WriteAllText(path, versions[i % 2]);
            writing = false;
        });

        var reads = 0;
        while (Volatile.Read(ref writing) || reads == 0)
        {
            var text = File.ReadAllText(path);
            (text == versions[0] || text == versions[1]).Should().BeTrue($"a reader sees one whole version (read {reads} saw {text.Length} characters)");
            reads++;
        }
        await writer;
    }
}
