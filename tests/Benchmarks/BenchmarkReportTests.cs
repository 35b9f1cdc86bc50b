using Cascade.Benchmarks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Benchmarks;

public class BenchmarkReportTests
{
    private static readonly MachineInfo Machine = new(2, "Test CPU @ 2.0GHz", 8L * 1024 * 1024 * 1024, "Linux 6.1", ".NET 10.0.0", "20.10.24 (API 1.41)");
    private static readonly DateTimeOffset Date = new(2025, 3, 4, 5, 6, 0, TimeSpan.Zero);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Median_is_the_middle_sample_or_the_mean_of_the_two_middle_ones()
    {
        Measurement.Of(S(3), S(1), S(2)).Median.Should().Be(S(2));
        Measurement.Of(S(4), S(1), S(2), S(10)).Median.Should().Be(S(3));
        Measurement.Of(S(4), S(1), S(2), S(10)).Min.Should().Be(S(1));
        Measurement.Of(S(4), S(1), S(2), S(10)).Max.Should().Be(S(10));
    }

    [Fact]
    public void Ratio_is_median_over_baseline_median_and_judges_pass_or_fail()
    {
        var table = new BenchmarkTable("T", "d",
            new BenchmarkCase("base", Measurement.Of(S(0.9), S(1.0), S(5.0))),     // median 1.0, the outlier ignored
            [
                new BenchmarkCase("ok", Measurement.Of(S(1.4), S(1.5), S(1.6)), MaxRatio: 2.0),
                new BenchmarkCase("edge", Measurement.Of(S(2.0)), MaxRatio: 2.0),
                new BenchmarkCase("slow", Measurement.Of(S(2.1)), MaxRatio: 2.0),
                new BenchmarkCase("info", Measurement.Of(S(30))),
            ]);

        table.RatioOf(table.Cases[0]).Should().BeApproximately(1.5, 1e-9);
        table.Passes(table.Cases[0]).Should().BeTrue();
        table.Passes(table.Cases[1]).Should().BeTrue("the requirement is 'at most'");
        table.Passes(table.Cases[2]).Should().BeFalse();
        table.Passes(table.Cases[3]).Should().BeTrue("a case without requirement is only reported");
        table.AllPassed.Should().BeFalse();
    }

    [Fact]
    public void Zero_baseline_gives_no_ratio_and_fails_a_requirement()
    {
        var table = new BenchmarkTable("T", "d", new BenchmarkCase("base", Measurement.Of(TimeSpan.Zero)),
            [new BenchmarkCase("x", Measurement.Of(S(1)), 2.0)]);
        double.IsNaN(table.RatioOf(table.Cases[0])).Should().BeTrue();
        table.AllPassed.Should().BeFalse();
        new BenchmarkReport(Machine, Date, [table]).ToMarkdown().Should().Contain("| n/a | ≤ 2.00 | **FAIL** |");
    }

    [Fact]
    public void Markdown_has_machine_date_rows_with_ratios_and_results_reproduction_and_method()
    {
        var plan = new PlanScaleResult(new PlanScaleOptions(), Measurement.Of(S(0.4), S(0.5), S(0.6)),
            Measurement.Of(S(0.7), S(0.75), S(0.8)), S(12.3456)).ToTable();
        var fanOut = new FanOutResult(new FanOutOptions { Repetitions = 1 }, Measurement.Of(S(36)), Measurement.Of(S(20)), Measurement.Of(S(1.8)),
            Measurement.Of(S(0.5)), Measurement.Of(S(1.0))).ToTable();

        var report = new BenchmarkReport(Machine, Date, [plan, fanOut]);
        var md = report.ToMarkdown();

        md.Should().Contain("Measured 2025-03-04 05:06 UTC")
          .And.Contain("| CPU | 2 logical cores (Test CPU @ 2.0GHz) |")
          .And.Contain("| Memory | 8.0 GiB |")
          .And.Contain("| Docker engine | 20.10.24 (API 1.41) |")
          .And.Contain("| 3-image sample, 1 changed Dockerfile (baseline) | 3 | 0.50 s | 0.40 s – 0.60 s | 1.00 | — | baseline |")
          .And.Contain("| 5,000 images, 50,000 changed paths | 3 | 0.75 s | 0.70 s – 0.80 s | 1.50 | ≤ 2.00 | pass |")
          .And.Contain("took 12.35 s; not part of any ratio")
          .And.Contain("| sequential docker build, 7 images (baseline) | 1 | 36.00 s |")
          .And.Contain("| Cascade Build --all --parallelism 6 | 1 | 20.00 s | 20.00 s – 20.00 s | 0.56 | ≤ 0.50 | **FAIL** |")
          .And.Contain("| Cascade Build, nothing changed | 1 | 1.80 s | 1.80 s – 1.80 s | 0.05 | — | — |")
          .And.Contain("./build.sh Benchmark")
          .And.Contain("## Method")
          .And.Contain("At least one requirement FAILED");
        report.AllPassed.Should().BeFalse();
    }

    [Fact]
    public void WriteTo_writes_the_file_and_returns_whether_all_passed()
    {
        using var temp = new TempFolder("cascade-report-");
        var dir = temp.Path;
        var passing = new BenchmarkTable("T", "d", new BenchmarkCase("base", Measurement.Of(S(10))),
            [new BenchmarkCase("fast", Measurement.Of(S(4)), 0.5)]);
        var path = Path.Combine(dir, "docs", "benchmarks.md");

        new BenchmarkReport(Machine, Date, [passing]).WriteTo(path).Should().BeTrue();

        var text = File.ReadAllText(path);
        text.Should().Contain("Every requirement **passed**").And.Contain("| fast | 1 | 4.00 s | 4.00 s – 4.00 s | 0.40 | ≤ 0.50 | pass |");
    }

    [Fact]
    public void A_pipe_in_a_machine_value_does_not_break_the_table()
    {
        var md = new BenchmarkReport(Machine with { OperatingSystem = "Linux | weird" }, Date, []).ToMarkdown();
        md.Should().Contain("| OS | Linux \\| weird |");
    }

    [Fact]
    public void Plan_measured_through_the_build_script_is_judged_there_and_the_bare_process_is_shown_beside_it()
    {
        var result = new PlanScaleResult(new PlanScaleOptions(), Measurement.Of(S(0.2)), Measurement.Of(S(0.5)), S(1))
        {
            ThroughScript = (Measurement.Of(S(3.0)), Measurement.Of(S(3.3))),
        };

        var tables = result.ToTables();

        tables.Should().HaveCount(2);
        tables[0].RatioOf(tables[0].Cases[0]).Should().BeApproximately(2.5, 1e-9);
        tables[0].Cases[0].MaxRatio.Should().BeNull("the bare-process view is informational when the script is measured");
        tables[0].Notes.Should().Contain(n => n.Contains("Informational"));
        tables[1].Title.Should().Contain("./build.sh");
        tables[1].RatioOf(tables[1].Cases[0]).Should().BeApproximately(1.1, 1e-9);
        tables[1].AllPassed.Should().BeTrue();
        new PlanScaleResult(new PlanScaleOptions(), Measurement.Of(S(0.2)), Measurement.Of(S(0.3)), S(1)).ToTables().Should().HaveCount(1);
    }

    [Fact]
    public void One_section_is_replaced_in_place_and_the_others_are_kept()
    {
        using var temp = new TempFolder("cascade-report-");
        var path = temp.Write("benchmarks.md", "# Benchmarks\n\n## Other\n\nkept\n\n## Reproduce\n\nend\n");
        BenchmarkTable Table(double seconds) => new("Emulated arm64 build", "what it costs",
            new BenchmarkCase("native", Measurement.Of(TimeSpan.FromSeconds(1))), [new BenchmarkCase("emulated", Measurement.Of(TimeSpan.FromSeconds(seconds)))]);

        BenchmarkReport.ReplaceSection(path, Table(2));
        BenchmarkReport.ReplaceSection(path, Table(3));

        var text = File.ReadAllText(path);
        text.Should().StartWith("# Benchmarks\n\n## Other\n\nkept\n\n## Emulated arm64 build\n\nwhat it costs\n").And.EndWith("## Reproduce\n\nend\n");
        text.Should().Contain("| 3.00 |").And.NotContain("| 2.00 |");

        // A section with others after it stays where it is: the report keeps its order.
        File.WriteAllText(path, text.Replace("## Reproduce\n", "## Later\n\nalso kept\n\n## Reproduce\n"));
        BenchmarkReport.ReplaceSection(path, Table(4));
        var reordered = File.ReadAllText(path);
        reordered.Should().Contain("| 4.00 |").And.NotContain("| 3.00 |");
        reordered.IndexOf("## Emulated arm64 build", StringComparison.Ordinal).Should().BeLessThan(reordered.IndexOf("## Later", StringComparison.Ordinal));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void The_warm_start_is_judged_against_the_program_run_directly_at_one_and_a_half_times()
    {
        var result = new PlanScaleResult(new PlanScaleOptions(), Measurement.Of(S(0.2)), Measurement.Of(S(0.5)), S(1))
        {
            ThroughScript = (Measurement.Of(S(0.3)), Measurement.Of(S(0.6))),
            WarmStart = new WarmStartResult(Measurement.Of(S(0.2)), Measurement.Of(S(0.32))),
        };

        var warm = result.ToTables().Should().HaveCount(3).And.Subject.Last();

        warm.Title.Should().Contain("Warm start");
        warm.Cases.Single().MaxRatio.Should().Be(1.5);
        warm.RatioOf(warm.Cases[0]).Should().BeApproximately(1.6, 1e-9);
        warm.AllPassed.Should().BeFalse("1.6 times the program alone is over the bar");
    }
}
