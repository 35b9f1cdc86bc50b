using System.Text;
using System.Text.RegularExpressions;
using Cascade.Stacks.Yaml;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>
/// The fast block-YAML reader must build exactly YamlDotNet's tree (values, styles, lines, columns) for
/// every text it accepts, and decline everything else, including every broken text.
/// </summary>
public class BlockYamlReaderTests
{
    private const string Plain = """
        # A comment line
        owner: cascade-bench
        $schema: ./spec.schema.json

        images:
          img-0000:
            build_args:
              IMAGE_INDEX: "0"
              SINGLE: 'quoted value'
              URL: ghcr.io:5000/x/y
              HASH: a#b
          img-0001:
            depend_on: [img-0000, img.2_x]
            info_cmds: [A,B ,  C/d]
            platforms: []
            tests: [ x ]
            watch: [one]
            also: img-0000
            timeout: 30m   
            prune: true
            prepull: ~
            context: ./dir/sub
        # between
          img.2_x:
              image_name: (odd) +value, with [brackets] and {braces}
        tag:
          prefix: "2024.4"
        """;

    /// <summary>Texts the fast reader must decline (YamlDotNet decides: a tree or the right error).</summary>
    public static TheoryData<string> Declined() =>
    [
        "images:\n  a:\n    - x\n", "a: b # comment\n", "a: [b, 'c']\n", "a: [b, [c]]\n", "a: [b,]\n", "a: [-b]\n", "a: [b] x\n", "a: [b, c\n", "a: [b:c]\n", "a:\n", "a: 'it''s'\n", "a: \"x\\ty\"\n",
        "a: b\n  c\n", "a: b: c\n", "a: &x b\nc: *x\n", "a: |\n  text\n", "a:\tb\n", "\uFEFFa: b\n", "a: b\r\n", "--- \na: b\n",
        "a:b\n", "\"a\": b\n", "a: caf\u00e9\n", "  a: b\n", "a:\n  b: 1\n c: 2\n", "a: b\n\u0001\n", "",
    ];

    [Fact]
    public void Reads_a_plain_spec_as_YamlDotNet_does()
    {
        var fast = BlockYamlReader.TryRead(Plain);
        fast.Should().NotBeNull("the text is in the plain form");
        Describe(fast).Should().Be(Describe(YamlTreeReader.ReadWithYamlDotNet(Plain)));
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void Declines_what_it_does_not_read(string text) => BlockYamlReader.TryRead(text).Should().BeNull();

    public static TheoryData<string> SampleSpecs() =>
        [Path.Combine(AppContext.BaseDirectory, "fixtures", "datahub", "spec.yml"), RepositoryRoot.Combine("images", "spec.yml")];

    [Theory]
    [MemberData(nameof(SampleSpecs))]
    public void Reads_a_sample_stacks_spec_as_YamlDotNet_does_or_declines_it_for_YamlDotNet(string file)
    {
        var text = File.ReadAllText(file);
        if (!AgreeOrDecline(text))
            YamlTreeReader.ReadWithYamlDotNet(text).Should().NotBeNull("a declined spec is read by YamlDotNet");
    }

    [Theory]
    [MemberData(nameof(SampleSpecs))]
    public void Takes_the_fast_path_for_a_sample_stacks_spec_without_end_of_line_comments(string file)
    {
        // The samples end some lines with a comment, which the fast reader leaves to YamlDotNet; the rest of
        // them is the plain form the fast reader exists for, so it must accept and agree.
        var plain = Regex.Replace(File.ReadAllText(file), "[ ]+#.*$", "", RegexOptions.Multiline);
        AgreeOrDecline(plain).Should().BeTrue($"{file} without end-of-line comments is in the plain form");
    }

    [Fact]
    public void Agrees_or_declines_on_thousands_of_mutated_specs()
    {
        // Single-character edits with YAML's significant characters: every one either reads the same both
        // ways, or is declined (then YamlDotNet reports what is wrong, as before).
        const string alphabet = " :#-\"'\n[]{}&*!|>%@`,?~.\\x";
        var random = new Random(11);
        var accepted = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder(Plain);
            for (var edits = random.Next(1, 3); edits > 0; edits--)
            {
                var at = random.Next(sb.Length);
                switch (random.Next(3))
                {
                    case 0: sb.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 1: sb.Remove(at, 1); break;
                    default: sb[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            if (AgreeOrDecline(sb.ToString())) accepted++;
        }
        accepted.Should().BeGreaterThan(1000, "the fuzz must exercise the fast path, not only its refusals");
    }

    private static bool AgreeOrDecline(string text)
    {
        var fast = BlockYamlReader.TryRead(text);
        if (fast is null) return false;
        YamlTreeNode? slow;
        try { slow = YamlTreeReader.ReadWithYamlDotNet(text); }
        catch (YamlTreeReader.YamlTreeException e)
        {
            throw new Xunit.Sdk.XunitException($"fast reader accepted text YamlDotNet rejects ({e.Message}):\n{text}");
        }
        Describe(fast).Should().Be(Describe(slow), $"both readers must agree on:\n{text}");
        return true;
    }

    private static string Describe(YamlTreeNode? node)
    {
        var sb = new StringBuilder();
        Write(node, sb, "");
        return sb.ToString();
    }

    private static void Write(YamlTreeNode? node, StringBuilder sb, string indent)
    {
        switch (node)
        {
            case null: sb.Append(indent).Append("(null)\n"); break;
            case YamlTreeScalar s: sb.Append($"{indent}scalar {s.Line}:{s.Column} {s.Style} tag={s.Tag ?? "-"} [{s.Value}]\n"); break;
            case YamlTreeSequence q:
                sb.Append($"{indent}sequence {q.Line}:{q.Column}\n");
                foreach (var item in q.Items) Write(item, sb, indent + "  ");
                break;
            case YamlTreeMapping m:
                sb.Append($"{indent}mapping {m.Line}:{m.Column}\n");
                foreach (var (k, v) in m.Entries) { Write(k, sb, indent + "  "); Write(v, sb, indent + "    "); }
                break;
        }
    }
}
