using System.Text.Json.Nodes;
using Cascade.Tests.Support;

namespace Cascade.Tests.Cli;

/// <summary>
/// A user's repository for the CLI: a real git repository in a temp folder with .nuke/ at its root
/// (so it is a NUKE root), and the program run in it as a child process.
/// </summary>
internal sealed class CliRepo : IDisposable
{
    public GitSandbox Git { get; } = new();

    public CliRepo() => Directory.CreateDirectory(Git.PathOf(".nuke"));

    public string Root => Git.Root;

    public string PathOf(string relative) => Git.PathOf(relative);

    public CliRepo Write(string relative, string text)
    {
        Git.Write(relative, text);
        return this;
    }

    /// <summary>Writes a file with the exec bit: an in-container test when it starts with #!.</summary>
    public CliRepo WriteExecutable(string relative, string text)
    {
        Git.Write(relative, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(PathOf(relative), (UnixFileMode)0b111_101_101);
        return this;
    }

    /// <summary>Appends a line, for "a change to this file" without caring what the file says.</summary>
    public CliRepo Touch(string relative, string line = "# touched")
    {
        File.AppendAllText(PathOf(relative), $"\n{line} {Guid.NewGuid():N}\n");
        return this;
    }

    public CliRepo Edit(string relative, string oldText, string newText)
    {
        var text = File.ReadAllText(PathOf(relative));
        text.Should().Contain(oldText, $"the test edits {relative}");
        File.WriteAllText(PathOf(relative), text.Replace(oldText, newText));
        return this;
    }

    public string Commit(string message = "change") => Git.Commit(message);

    /// <summary>Two images under images/, committed: base FROM scratch with the host's busybox (labelled for
    /// <paramref name="owner"/>'s clean-up), child on top of it. <paramref name="more"/>: top-level spec lines (e.g. a ci: section).</summary>
    public CliRepo BusyboxBaseAndChild(string owner, string more = "")
    {
        Write("images/spec.yml", $"owner: {owner}\n{more}images:\n  base: {{}}\n  child:\n    depend_on: base\n")
            .Write("images/base/Dockerfile", $"FROM scratch\nLABEL cascade.test.stack={owner}\nCOPY busybox /bin/busybox\n")
            .Write("images/child/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY child.txt /child.txt\n")
            .Write("images/child/child.txt", "child\n");
        File.Copy("/bin/busybox", PathOf("images/base/busybox"));
        Commit("stack");
        return this;
    }

    public Task<CascadeRun> RunAsync(params string[] args) => CascadeProcess.RunAsync(Root, args);

    /// <summary>Runs Plan with --plan-file and returns the file's JSON; fails with the output when the run fails.</summary>
    public async Task<JsonNode> PlanAsync(params string[] args)
    {
        var file = PathOf($".nuke/temp/plan-{Guid.NewGuid():N}.json");
        var run = await RunAsync(["Plan", "--plan-file", file, .. args]);
        run.ExitCode.Should().Be(0, run.ToString());
        run.StackTraceLines.Should().BeEmpty(run.ToString());
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        File.Delete(file);
        return json;
    }

    public void Dispose() => Git.Dispose();
}

/// <summary>
/// A stack's fixed shape (names, parents, depths in topological order), from which the exact plan JSON
/// for one commit is written: only the reasons, the order and the layers change from commit to commit.
/// </summary>
internal sealed class PlanShape(params (string Name, string[] Parents, int Depth)[] images)
{
    public JsonNode Expected(Dictionary<string, string[]> reasons, string[] order, string[][] layers)
    {
        reasons.Keys.Should().BeSubsetOf(images.Select(i => i.Name), "the expectation names only images of the stack");
        var list = new JsonArray();
        foreach (var (name, parents, depth) in images)
        {
            var why = reasons.GetValueOrDefault(name) ?? [];
            list.Add(new JsonObject
            {
                ["name"] = name,
                ["parents"] = Strings(parents),
                ["depth"] = depth,
                ["affected"] = why.Length > 0,
                ["reasons"] = Strings(why),
            });
        }
        return new JsonObject
        {
            ["images"] = list,
            ["order"] = Strings(order),
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)Strings(l)).ToArray()),
        };
    }

    /// <summary>Asserts the plan is exactly the expected one, and (independently) that its order is a valid build order.</summary>
    public void Check(JsonNode actual, Dictionary<string, string[]> reasons, string[] order, string[][] layers)
    {
        var expected = Expected(reasons, order, layers);
        var planned = WithoutFingerprints(actual);
        JsonNode.DeepEquals(planned, expected).Should().BeTrue(
            $"the plan should be exactly\n{expected.ToJsonString()}\nbut was\n{planned.ToJsonString()}");
        ValidOrder(actual);
    }

    /// <summary>The plan without what depends on content (fingerprints, test fingerprints, platform, dirty) and its notes,
    /// after checking each image has full ones: the plan tests judge what is built and why.</summary>
    private static JsonNode WithoutFingerprints(JsonNode plan)
    {
        var copy = plan.DeepClone();
        copy.AsObject().Remove("notes");
        foreach (var image in copy["images"]!.AsArray())
        {
            image!["fingerprint"]!.GetValue<string>().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
            image["test_fingerprint"]!.GetValue<string>().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
            foreach (var key in new[] { "fingerprint", "platform", "dirty", "test_fingerprint" }) image.AsObject().Remove(key);
        }
        return copy;
    }

    /// <summary>Every affected image comes after each of its affected parents, and the layers hold the same images.</summary>
    public static void ValidOrder(JsonNode plan)
    {
        var order = plan["order"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var position = order.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);
        foreach (var image in plan["images"]!.AsArray())
        {
            var name = image!["name"]!.GetValue<string>();
            if (!position.ContainsKey(name)) continue;
            foreach (var parent in image["parents"]!.AsArray().Select(p => p!.GetValue<string>()).Where(position.ContainsKey))
                position[parent].Should().BeLessThan(position[name], $"{parent} must be built before {name}");
        }
        var layers = plan["layers"]!.AsArray().Select(l => l!.AsArray().Select(n => n!.GetValue<string>()).ToList()).ToList();
        layers.SelectMany(l => l).Order().Should().Equal(order.Order());
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
