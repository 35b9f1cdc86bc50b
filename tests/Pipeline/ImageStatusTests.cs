using System.Text.Json;
using Cascade.Pipeline;
using Cascade.Publishing;
using Cascade.Tests.Support;

namespace Cascade.Tests.Pipeline;

/// <summary>One status enum, one text for each status, one meaning of success.</summary>
public class ImageStatusTests
{
    [Fact]
    public void Each_status_has_one_text_and_reads_back_from_it()
    {
        Enum.GetValues<ImageStatus>().Select(s => s.ToText()).Should().Equal(
            "succeeded", "failed", "skipped", "unchanged", "reused", "promoted", "passed");
        Enum.GetValues<TestOutcome>().Select(o => o.ToText()).Should().Equal("passed", "failed", "skipped");
        foreach (var status in Enum.GetValues<ImageStatus>())
            (StatusText.TryParse<ImageStatus>(status.ToText(), out var read), read).Should().Be((true, status));
        StatusText.TryParse<ImageStatus>("Succeeded", out _).Should().BeFalse("the text is exactly the lower-case word");
        StatusText.TryParse<ImageStatus>(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Success_is_anything_but_failed_or_skipped_and_available_is_built_or_reused()
    {
        Enum.GetValues<ImageStatus>().Where(s => !s.IsSuccess()).Should().Equal(ImageStatus.Failed, ImageStatus.Skipped);
        Enum.GetValues<ImageStatus>().Where(s => s.IsAvailable()).Should().Equal(ImageStatus.Succeeded, ImageStatus.Reused);
        Enum.GetValues<ImageStatus>().Where(s => s.WasBuilt()).Should().Equal(ImageStatus.Succeeded, ImageStatus.Failed);
        Enum.GetValues<ImageStatus>().Where(s => s.GoesWithoutSaying()).Should().Equal(ImageStatus.Succeeded, ImageStatus.Promoted, ImageStatus.Passed);
        new ImageResult { Name = "a", Status = ImageStatus.Unchanged }.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void The_ledger_writes_the_text_and_names_a_word_it_does_not_know()
    {
        var entry = new LedgerEntry
        {
            Kind = LedgerKinds.Promote, When = DateTimeOffset.UnixEpoch,
            Images = [new LedgerImage { Name = "a", Status = ImageStatus.Promoted, Facts = new ImageFacts { Tests = [new PageTest("t.sh", TestOutcome.Skipped)] } }],
        };
        var path = Path.Combine(Path.GetTempPath(), $"cascade-status-{Guid.NewGuid():N}.json");
        try
        {
            Ledger.SaveEntry(path, entry);
            var text = File.ReadAllText(path);
            text.Should().Contain("\"status\": \"promoted\"").And.Contain("\"result\": \"skipped\"");
            Ledger.LoadEntry(path).Images[0].Status.Should().Be(ImageStatus.Promoted);

            File.WriteAllText(path, text.Replace("\"promoted\"", "\"promotd\""));
            var load = () => Ledger.LoadEntry(path);
            load.Should().Throw<InvalidDataException>().WithMessage("*\"promotd\" is none of succeeded, failed, skipped, unchanged, reused, promoted, passed*");
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("\"succeeded\"")]
    [InlineData("\"unchanged\"")]
    [InlineData("\"reused\"")]
    [InlineData("\"promoted\"")]
    [InlineData("\"passed\"")]
    [InlineData("\"failed\"")]
    public void No_status_is_written_as_a_literal_outside_its_one_mapping(string literal) =>
        ProductSources.LinesContaining(literal, except: ["Pipeline/RunState.cs", "Workflows/ReusedJob.cs"]).Should().BeEmpty(
            "a status's text comes from StatusText (RunState's \"succeeded\" is a JSON key of the state file, and the " +
            "workflow's \"reused\" job a job id: neither is a status)");

    [Fact]
    public void Skipped_is_written_only_as_JUnits_element_name() =>
        ProductSources.LinesContaining("\"skipped\"", except: ["Publishing/JUnitWriter.cs", "Pipeline/JUnitReader.cs"]).Should().BeEmpty();
}
