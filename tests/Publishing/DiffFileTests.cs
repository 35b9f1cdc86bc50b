using Cascade.Publishing;
using Cascade.Tests.Support;

namespace Cascade.Tests.Publishing;

/// <summary>The image jobs' parts of a Diff report, merged by the last job.</summary>
public class DiffFileTests
{
    [Fact]
    public void Each_image_comes_from_the_job_that_ran_it_and_else_from_its_unchanged_record()
    {
        using var temp = new TempFolder("cascade-diff-");
        ImageDiff Of(string name, ImageChange change) => new() { Name = name, Change = change };
        DiffFile.Save(Path.Combine(temp.Path, "cascade-diff-a", "images", DiffFile.FileName), [Of("a", ImageChange.Changed), Of("b", ImageChange.Unchanged)]);
        DiffFile.Save(Path.Combine(temp.Path, "cascade-diff-b", "images", DiffFile.FileName), [Of("a", ImageChange.Unchanged), Of("b", ImageChange.New)]);

        DiffFile.Merge([temp.Path]).Select(d => (d.Name, d.Change)).Should().Equal(("a", ImageChange.Changed), ("b", ImageChange.New));
    }

    [Fact]
    public void A_file_that_is_not_a_report_is_an_error_naming_it()
    {
        using var temp = new TempFolder("cascade-diff-");
        var file = Path.Combine(temp.Path, DiffFile.FileName);
        File.WriteAllText(file, "{\"images\": [{\"name\": \"a\", \"change\": \"shrunk\"}]}");

        var act = () => DiffFile.Merge([temp.Path]);

        act.Should().Throw<InvalidDataException>().WithMessage($"{file}:*not a Cascade Diff report*");
    }
}
