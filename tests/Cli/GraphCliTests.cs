namespace Cascade.Tests.Cli;

/// <summary>The Graph target: Mermaid on stdout by default, DOT into a file with --format dot --output.</summary>
public sealed class GraphCliTests
{
    [Fact]
    public async Task Graph_prints_the_diamond_as_Mermaid()
    {
        using var repo = DiamondPlanTests.CreateDiamond();

        var run = await repo.RunAsync("Graph");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("graph TD\n  a[\"a\"]\n  b[\"b\"]\n  c[\"c\"]\n  d[\"d\"]\n  a --> b\n  a --> c\n  b --> d\n  c --> d\n", run.ToString());
    }

    [Fact]
    public async Task Graph_writes_DOT_to_a_file_and_names_it()
    {
        using var repo = DatahubPlanTests.CreateRepo();
        var file = repo.PathOf("docs/stack.dot");

        var run = await repo.RunAsync("Graph", "--format", "dot", "--output", "docs/stack.dot");

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(file).Should().Be("""
            digraph stack {
              rankdir=TB;
              node [shape=box];
              "datascience-notebook";
              "rstudio-notebook";
              "scipy-ml-notebook";
              "datascience-notebook" -> "rstudio-notebook";
              "datascience-notebook" -> "scipy-ml-notebook";
            }

            """.Replace("\r\n", "\n"));
        run.Stderr.Should().Contain($"Graph written to {file}");
        run.Output.Should().NotContain("digraph");
    }
}
