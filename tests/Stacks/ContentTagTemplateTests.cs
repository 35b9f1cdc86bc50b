using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

/// <summary>`tags:` templates: read and checked with spec.yml (file:line:column), filled and sanitised to a valid tag.</summary>
public class ContentTagTemplateTests
{
    private static ContentTagTemplate Parse(string text) =>
        ContentTagTemplate.Parse(text).Template ?? throw new InvalidOperationException(ContentTagTemplate.Parse(text).Problem);

    [Theory]
    [InlineData("python-{PY_VER}", "3.11.8\n", "python-3.11.8")]
    [InlineData("python-{PY_VER}", "  Python 3.11.8  \n", "python-Python-3.11.8")] // trimmed; the space inside becomes '-'
    [InlineData("{PY_VER}", "\n.hidden/odd:value\n", "hidden-odd-value")] // no leading '.', ':' and '/' become '-'
    [InlineData("py{PY_VER}_{PY_VER}", "3.12\r\n", "py3.12_3.12")]
    [InlineData("v-{PY_VER}", "1\n2\n", "v-1-2")] // a line break inside the output is not kept
    public void A_template_is_filled_with_trimmed_outputs_and_sanitised_to_a_valid_tag(string template, string output, string tag)
    {
        var filled = Parse(template).Fill(new Dictionary<string, string> { ["PY_VER"] = output });

        filled.Should().Be(tag);
        DockerNames.IsTag(filled).Should().BeTrue();
    }

    [Fact]
    public void An_output_too_long_for_a_tag_is_cut_to_128_characters_ending_in_a_hash_of_the_whole()
    {
        var template = Parse("pkgs-{PIP_LIST}");
        var one = template.Fill(new Dictionary<string, string> { ["PIP_LIST"] = new string('a', 300) });
        var other = template.Fill(new Dictionary<string, string> { ["PIP_LIST"] = new string('a', 299) + "b" });

        one.Length.Should().Be(ImageTags.MaxTagLength);
        DockerNames.IsTag(one).Should().BeTrue();
        one.Should().StartWith("pkgs-aaa").And.NotBe(other, "two long outputs that differ only past the cut stay two tags");
    }

    [Fact]
    public void Fields_are_the_all_info_cmds_keys_it_names_each_once()
    {
        Parse("py{PY_VER}-lab{ LAB_VER }-{PY_VER}").Fields.Should().Equal("PY_VER", "LAB_VER");
    }

    [Fact]
    public void A_template_with_an_unknown_field_is_an_error_at_its_line_and_column_before_anything_builds()
    {
        using var stack = new TempStack("""
            images:
              a:
                tags: ["python-{PY_VER}", "lab-{LAB_VRE}"]
            all_info_cmds:
              PY_VER: {command: python --version}
              LAB_VER: {command: jupyter lab --version}
            """).Plain("a");

        stack.ErrorTexts().Should().Equal(
            $"{stack.SpecFile}:3:31: error: tags of 'a': \"lab-{{LAB_VRE}}\" names {{LAB_VRE}}, which all_info_cmds does not define (did you mean 'LAB_VER'?)");
    }

    [Theory]
    [InlineData("python-{PY_VER", "has a '{' with no '}' after it")]
    [InlineData("python-PY_VER}", "has a '}' with no '{' before it")]
    [InlineData("python-{}", "has a '{' that names no all_info_cmds entry")]
    [InlineData("latest", "names no {FIELD}")]
    [InlineData("python {PY_VER}", "has \"python \" outside its fields")]
    [InlineData("fp-{PY_VER}", "starts with 'fp-', which Cascade's own tags start with")]
    [InlineData("sha-{PY_VER}", "starts with 'sha-'")]
    public void A_template_that_cannot_make_a_tag_is_an_error_naming_the_image_and_the_template(string template, string problem)
    {
        using var stack = new TempStack($"images:\n  a:\n    tags: ['{template}']\nall_info_cmds:\n  PY_VER: {{command: python --version}}\n").Plain("a");

        var error = stack.Failures().Should().ContainSingle().Which;
        error.Location.Should().Be(new SourceLocation(stack.SpecFile, 3, 12));
        error.Message.Should().StartWith($"tags of 'a': \"{template}\" ").And.Contain(problem);
    }

    [Fact]
    public void Valid_templates_reach_the_image_spec()
    {
        using var stack = new TempStack("""
            images:
              a:
                info_cmds: [PY_VER]
                tags: ["python-{PY_VER}", "{PY_VER}-{OS}"]
            all_info_cmds:
              PY_VER: {command: python --version}
              OS: {command: cat /etc/os-release}
            """).Plain("a");

        stack.Load().Spec!["a"].ContentTags.Select(t => t.Text).Should().Equal("python-{PY_VER}", "{PY_VER}-{OS}");
    }
}
