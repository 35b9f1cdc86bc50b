using System.Text;
using Cascade.Changes;

namespace Cascade.Tests.Changes;

/// <summary>git's -z output split while it is read must equal splitting the whole text afterwards.</summary>
public class GitNulOutputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Splits_like_String_Split_across_read_buffers(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        // Enough text to cross several 64 K reads, with empty entries, non-ASCII names and no final NUL sometimes.
        while (sb.Length < 300_000)
        {
            sb.Append(random.Next(4) == 0 ? "" : $"images/img-{random.Next(10_000)}/é ✓ {new string('x', random.Next(0, 120))}");
            sb.Append('\0');
        }
        if (seed == 1) sb.Append("images/last-without-nul");
        var text = sb.ToString();
        using var reader = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), Encoding.UTF8);

        var entries = await GitCli.ReadNulSeparatedAsync(reader);

        entries.Should().Equal(text.Split('\0', StringSplitOptions.RemoveEmptyEntries));
    }
}
