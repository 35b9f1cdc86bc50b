using Cascade.Text;

namespace Cascade.Tests.Text;

/// <summary>One did-you-mean for spec keys, images, platforms, instructions, targets and parameters.</summary>
public class DidYouMeanTests
{
    [Theory]
    [InlineData("bsae", "base")]          // two neighbours swapped: one edit
    [InlineData("prunee", "prune")]
    [InlineData("RUNN", "RUN")]           // case does not count
    [InlineData("datascience-notebok", "datascience-notebook")]
    [InlineData("scipy", "scipy-ml-notebook")] // a name that starts with what was typed
    public void Finds_the_closest_name(string typed, string expected) =>
        DidYouMean.Hint(typed, ["base", "prune", "RUN", "COPY", "datascience-notebook", "scipy-ml-notebook"])
            .Should().Be($" (did you mean '{expected}'?)");

    [Theory]
    [InlineData("x")]        // one character allows one edit, and nothing here is one edit from "x"
    [InlineData("zzzzzz")]
    [InlineData("ab")]       // a prefix counts from three characters
    public void Says_nothing_when_nothing_is_close(string typed) =>
        DidYouMean.Hint(typed, ["base", "prune", "abcdef"]).Should().BeEmpty();

    [Fact]
    public void The_limit_is_one_edit_per_three_characters_between_one_and_three()
    {
        DidYouMean.Limit("ab").Should().Be(1);
        DidYouMean.Limit("abcdef").Should().Be(2);
        DidYouMean.Limit("abcdefghijklmnop").Should().Be(3);
    }

    [Fact]
    public void The_sentence_names_up_to_three_closest_first_compared_by_key_and_shown_as_asked()
    {
        string Key(string s) => s.Replace("-", "");
        DidYouMean.Sentence("plan-fil", ["plan-file", "plan-files", "plan", "format"], Key, n => "--" + n)
            .Should().Be(" Did you mean '--plan-file' or '--plan-files'?");
        DidYouMean.Sentence("Compil", ["Compile", "Clean"]).Should().Be(" Did you mean 'Compile'?");
        DidYouMean.Sentence("Q", ["Compile"]).Should().BeEmpty();
    }
}
