using System.Text.Json.Nodes;
using Cascade.Stacks;
using Cascade.Tests.Support;

namespace Cascade.Tests.Stacks;

public class SpecSchemaTests
{
    // The checked-in schema lives in images/ of the repository.
    private static string SchemaPath() => Support.RepositoryRoot.Combine("images", SpecSchema.FileName);

    [Fact]
    public void Checked_in_schema_is_the_generated_one()
    {
        // To refresh after changing SpecKeys: CASCADE_WRITE_SCHEMA=1 dotnet test --filter SpecSchemaTests
        if (Environment.GetEnvironmentVariable("CASCADE_WRITE_SCHEMA") == "1")
            File.WriteAllText(SchemaPath(), SpecSchema.Generate());
        File.ReadAllText(SchemaPath()).Should().Be(SpecSchema.Generate(),
            "images/spec.schema.json must match SpecKeys; regenerate it with CASCADE_WRITE_SCHEMA=1");
    }

    [Fact]
    public void The_spec_page_shows_the_keys_with_the_schemas_texts()
    {
        // The same switch refreshes docs/01-spec.md's generated block of key texts.
        var page = Support.RepositoryRoot.Combine("docs", "01-spec.md");
        if (Environment.GetEnvironmentVariable("CASCADE_WRITE_SCHEMA") == "1")
            File.WriteAllText(page, SpecKeyTable.Refresh(File.ReadAllText(page)));
        File.ReadAllText(page).Should().Contain(SpecKeyTable.Generate(),
            "docs/01-spec.md's table of spec keys must match SpecKeys; regenerate it with CASCADE_WRITE_SCHEMA=1");
    }

    [Theory]
    [InlineData("prune", "once it is pushed")]
    [InlineData("prepull", "not acted on")]
    [InlineData("info_cmds", "shows its output on the image's page")]
    [InlineData("timeout", "build and of each of its tests")]
    public void Key_texts_say_what_Cascade_does(string key, string phrase)
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath()))!;
        schema["definitions"]!["image"]!["properties"]![key]!["description"]!.GetValue<string>().Should().Contain(phrase);
    }

    [Fact]
    public void Schema_declares_exactly_the_keys_the_loader_accepts_at_every_level()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath()))!;
        Keys(schema["properties"]).Should().BeEquivalentTo(SpecKeys.TopLevel.Select(k => k.Name));
        Keys(schema["definitions"]!["image"]!["properties"]).Should().BeEquivalentTo(SpecKeys.Image.Select(k => k.Name));
        Keys(schema["properties"]!["tag"]!["properties"]).Should().BeEquivalentTo(SpecKeys.Tag.Select(k => k.Name));
        Keys(schema["definitions"]!["infoCommand"]!["properties"]).Should().BeEquivalentTo(SpecKeys.InfoCommand.Select(k => k.Name));
        Keys(schema["properties"]!["ci"]!["properties"]).Should().BeEquivalentTo(SpecKeys.Ci.Select(k => k.Name));
        schema["$schema"]!.GetValue<string>().Should().Be("http://json-schema.org/draft-07/schema#");
        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
        schema["definitions"]!["image"]!["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Every_declared_key_has_a_description()
    {
        foreach (var key in SpecKeys.TopLevel.Concat(SpecKeys.Image).Concat(SpecKeys.Tag).Concat(SpecKeys.InfoCommand).Concat(SpecKeys.Ci))
            key.Description.Should().NotBeNullOrWhiteSpace(key.Name);
    }

    [Fact]
    public void Loader_reads_every_key_the_list_declares()
    {
        // A key in SpecKeys that SpecReader has no case for throws UnreachableException; a key SpecReader
        // reads but SpecKeys lacks is rejected as unknown. This spec uses every key once.
        using var stack = new TempStack("""
            $schema: ./spec.schema.json
            root: base
            registry: ghcr.io
            owner: me
            ignore: ["*.md"]
            rebuild_all_on: [common/**]
            tag: {prefix: "2024.1"}
            ci:
              runner: [self-hosted, linux]
              gpu_runner: gpu-box
              registry: ghcr.io
              layout: matrix
              default_branch: trunk
              cache_from: ["{branch}", stable]
              schedule: "0 4 * * 0"
              refresh_schedule: "0 4 * * 1"
              free_disk_space: true
              timeout: 2h
              sign: true
              sbom: true
              platform_runners: {linux/arm64: [self-hosted, arm64]}
            all_info_cmds:
              PY: {description: Python, command: python --version}
            images:
              base:
                image_name: ghcr.io/me/base
                build_args: {A: 1}
                info_cmds: [PY]
                tags: ["python-{PY}"]
                integration_tests: true
                prune: true
                prepull: false
                dockerfile: Dockerfile
                context: base
                watch: [scripts/**]
                tests: [t]
                gpu_tests: [gpu]
                inherit_tests: false
                timeout: 10m
                platforms: [linux/amd64]
              child:
                depend_on: base
            """).Plain("base").Dockerfile("child", "FROM base\n");
        stack.Load();
        var text = File.ReadAllText(Path.Combine(stack.StackDir, "spec.yml"));
        foreach (var key in SpecKeys.TopLevel.Concat(SpecKeys.Image).Concat(SpecKeys.Tag).Concat(SpecKeys.InfoCommand).Concat(SpecKeys.Ci))
            text.Should().Contain(key.Name + ":", "the spec above must exercise every declared key");
    }

    private static IEnumerable<string> Keys(JsonNode? properties) => properties!.AsObject().Select(p => p.Key);
}
