using System.Diagnostics;
using Cascade.Stacks;
using Cascade.Tests.Support;
using Cascade.Workflows;
using YamlDotNet.RepresentationModel;

namespace Cascade.Tests.Workflows;

/// <summary>
/// The wiki job's script as generated, run with bash against a real bare repository standing in for the wiki,
/// with a stub ./build.sh that appends to the ledger — and, the first time, lets another writer (promote.yml, a
/// run of another branch) push first. The rejected push must record again on top of the other writer's commit.
/// </summary>
public sealed class WikiPublishScriptTests : IDisposable
{
    private readonly GitSandbox _remote = new(init: false);
    private readonly GitSandbox _work = new(init: false);

    public void Dispose()
    {
        _remote.Dispose();
        _work.Dispose();
    }

    private static string Script()
    {
        var loaded = SpecLoader.Load(RepositoryRoot.Combine("images"));
        var file = WorkflowGenerator.Generate(loaded.Spec, loaded.Graph, new WorkflowOptions("images"))
            .Single(f => f.Path.EndsWith("/" + BuildTestPushWorkflow.FileName));
        var stream = new YamlStream();
        stream.Load(new StringReader(file.Text));
        var wiki = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"])[WikiJob.Id];
        var last = (YamlMappingNode)((YamlSequenceNode)wiki["steps"]).Last();
        return ((YamlScalarNode)last["run"]).Value!;
    }

    private void SetUp()
    {
        _remote.Git("init", "-q", "--bare", "-b", "master");
        using var seed = new GitSandbox();
        seed.Write("ledger.json", "seed\n").Commit("seed");
        seed.Git("push", "-q", _remote.Root, "main:master");
        _work.Git("clone", "-q", _remote.Root, "wiki");
        // Stands in for `./build.sh RecordEntries ... --wiki wiki`: appends this run's entry to the wiki's ledger.
        _work.Write("build.sh", $"""
            #!/usr/bin/env bash
            set -euo pipefail
            calls=$(( $(cat calls 2>/dev/null || echo 0) + 1 )); echo "$calls" > calls
            if [ "$calls" = 1 ]; then
              git clone -q {_remote.Root} other
              echo promote >> other/ledger.json
              git -C other -c user.name=other -c user.email=other@cascade.invalid commit -qam "the other writer"
              git -C other push -q origin HEAD:master
            fi
            echo "this run" >> wiki/ledger.json

            """);
        File.SetUnixFileMode(_work.PathOf("build.sh"), (UnixFileMode)0b111_101_101);
    }

    [Fact]
    public void A_push_refused_because_another_writer_came_first_records_again_on_top_of_it()
    {
        SetUp();
        var script = _work.PathOf("record.sh");
        File.WriteAllText(script, Script());
        var psi = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", script])
        {
            WorkingDirectory = _work.Root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["CASCADE_STACK"] = "images";
        psi.Environment["GITHUB_REF_NAME"] = "main";
        psi.Environment["GITHUB_SHA"] = "1a2b3c4d5e6f708192a3b4c5d6e7f80912345678";
        using var bash = Process.Start(psi)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        bash.WaitForExit();
        var text = output.Result + errors.Result;

        bash.ExitCode.Should().Be(0, text);
        text.Should().Contain("the wiki moved on while this run recorded; recording again on top of it (attempt 1)");
        File.ReadAllText(_work.PathOf("calls")).Trim().Should().Be("2", "recorded once more, on the wiki as the other writer left it");
        _remote.Git("show", "master:ledger.json").Should().Be("seed\npromote\nthis run\n", "both writers' entries, each once, in push order");
        _remote.Git("log", "--format=%s", "master").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().Equal("Push of main at 1a2b3c4", "the other writer", "seed");
    }
}
