namespace Cascade.Tests.Cli;

/// <summary>
/// `Plan --plan-file` on datahub-docker-stack's own layout (spec format v2 as they write it, their
/// change_ignore.json, their Dockerfiles with `ARG BASE_TAG` + `FROM ghcr.io/ucsd-ets/...:${BASE_TAG}`),
/// one commit at a time, each compared with the commit before (the default --base-ref HEAD~1).
/// </summary>
public sealed class DatahubPlanTests
{
    private const string Ds = "datascience-notebook", R = "rstudio-notebook", Sci = "scipy-ml-notebook";

    internal const string Spec = """
        root: datascience-notebook
        images:
          datascience-notebook:
            image_name: ghcr.io/ucsd-ets/datascience-notebook
            build_args:
              PYTHON_VERSION: python-3.11.8
              PY_VER_SHORT: "3.11"
            info_cmds: [PY_VER, PIP_LIST, CONDA_INFO]
            prune: false
          rstudio-notebook:
            image_name: ghcr.io/ucsd-ets/rstudio-notebook
            depend_on: datascience-notebook
            integration_tests: true
            info_cmds: [PY_VER, PIP_LIST]
            prune: true
          scipy-ml-notebook:
            image_name: ghcr.io/ucsd-ets/scipy-ml-notebook
            depend_on: datascience-notebook
            integration_tests: false
            info_cmds: [PY_VER, CUDA_VERSION]
            prune: false # the last image
            #prepull: false
        tag:
          prefix: "2023.4"
        all_info_cmds:
          PY_VER:
            description: Python Version
            command: python --version
          PIP_LIST:
            description: Python Packages
            command: pip list
          CONDA_INFO:
            description: Conda Info
            command: conda info
          CUDA_VERSION:
            description: CUDA Version
            command: bash -c 'conda list | grep cuda'
        """;

    private static readonly PlanShape Shape = new((Ds, [], 0), (R, [Ds], 1), (Sci, [Ds], 1));

    internal static CliRepo CreateRepo()
    {
        var repo = new CliRepo();
        repo.Write("images/spec.yml", Spec)
            .Write("images/change_ignore.json", """
                {
                    "ChangeIgnore": ["docs"],
                    "BuildAll": ["tests_common", "spec.yml", "change_ignore.json", "conftest.py"]
                }
                """)
            .Write("images/conftest.py", "import pytest\n")
            .Write("images/tests_common/test_common.py", "def test_python(): pass\n")
            .Write("images/docs/index.md", "# images\n")
            .Write($"images/{Ds}/Dockerfile", "ARG PYTHON_VERSION=python-3.11.8\nFROM quay.io/jupyter/datascience-notebook:$PYTHON_VERSION\nUSER root\nRUN apt-get update\n")
            .Write($"images/{Ds}/test/test_ds.py", "def test_ds(): pass\n")
            .Write("README.md", "DataHub images\n");
        foreach (var child in new[] { R, Sci })
            repo.Write($"images/{child}/Dockerfile", "ARG BASE_TAG=latest\nFROM ghcr.io/ucsd-ets/datascience-notebook:${BASE_TAG}\nUSER jovyan\n")
                .Write($"images/{child}/test/test_{child[..1]}.py", "def test_it(): pass\n");
        repo.Write($"images/{R}/integration_tests/test_rstudio.py", "def test_login(): pass\n");
        repo.Commit("datahub stack");
        return repo;
    }

    private static Dictionary<string, string[]> AllBecause(string reason) => new()
    {
        [Ds] = [reason],
        [R] = [reason, $"parent {Ds} is rebuilt"],
        [Sci] = [reason, $"parent {Ds} is rebuilt"],
    };

    [Fact]
    public async Task Each_kind_of_commit_plans_exactly_the_images_it_should()
    {
        using var repo = CreateRepo();
        string[][] everything = [[Ds], [R, Sci]];

        // A leaf's Dockerfile: that leaf only.
        repo.Touch($"images/{Sci}/Dockerfile").Commit("leaf");
        Shape.Check(await repo.PlanAsync(), new() { [Sci] = [$"changed images/{Sci}/Dockerfile"] }, [Sci], [[Sci]]);

        // The root's Dockerfile: the root and every descendant, root first.
        repo.Touch($"images/{Ds}/Dockerfile").Commit("root");
        Shape.Check(await repo.PlanAsync(), new()
        {
            [Ds] = [$"changed images/{Ds}/Dockerfile"],
            [R] = [$"parent {Ds} is rebuilt"],
            [Sci] = [$"parent {Ds} is rebuilt"],
        }, [Ds, R, Sci], everything);

        // One image's test file: that image (its tests are in its folder).
        repo.Touch($"images/{R}/test/test_r.py").Commit("test");
        Shape.Check(await repo.PlanAsync(), new() { [R] = [$"changed images/{R}/test/test_r.py"] }, [R], [[R]]);

        // An integration test of rstudio.
        repo.Touch($"images/{R}/integration_tests/test_rstudio.py").Commit("integration test");
        Shape.Check(await repo.PlanAsync(), new() { [R] = [$"changed images/{R}/integration_tests/test_rstudio.py"] }, [R], [[R]]);

        // tests_common is in BuildAll: everything.
        repo.Touch("images/tests_common/test_common.py").Commit("tests_common");
        Shape.Check(await repo.PlanAsync(), AllBecause("BuildAll: tests_common"), [Ds, R, Sci], everything);

        // conftest.py is in BuildAll too.
        repo.Touch("images/conftest.py").Commit("conftest");
        Shape.Check(await repo.PlanAsync(), AllBecause("BuildAll: conftest.py"), [Ds, R, Sci], everything);

        // A spec entry: datahub lists spec.yml in BuildAll, so everything; the entry is still named.
        repo.Edit("images/spec.yml", "    prune: true", "    prune: false").Commit("spec entry");
        Shape.Check(await repo.PlanAsync(), new()
        {
            [Ds] = ["BuildAll: spec.yml"],
            [R] = ["BuildAll: spec.yml", "spec entry changed", $"parent {Ds} is rebuilt"],
            [Sci] = ["BuildAll: spec.yml", $"parent {Ds} is rebuilt"],
        }, [Ds, R, Sci], everything);

        // A comment in spec.yml: still BuildAll, as datahub does (any change to a BuildAll file).
        repo.Edit("images/spec.yml", "# the last image", "# the last image, kept for the cache").Commit("comment");
        Shape.Check(await repo.PlanAsync(), AllBecause("BuildAll: spec.yml"), [Ds, R, Sci], everything);

        // An ignored folder (ChangeIgnore) and a file outside the stack: nothing.
        repo.Touch("images/docs/index.md").Touch("README.md").Commit("docs");
        Shape.Check(await repo.PlanAsync(), new(), [], []);

        // change_ignore.json itself is in BuildAll.
        repo.Edit("images/change_ignore.json", "\"docs\"", "\"docs\", \"wiki\"").Commit("change_ignore");
        Shape.Check(await repo.PlanAsync(), AllBecause("BuildAll: change_ignore.json"), [Ds, R, Sci], everything);
    }

    [Fact]
    public async Task Forcing_images_all_and_a_base_ref_over_several_commits()
    {
        using var repo = CreateRepo();

        // Nothing changed in the last commit, but images can be forced.
        repo.Touch("README.md").Commit("readme");
        Shape.Check(await repo.PlanAsync("--images", Ds, "--no-descendants"), new() { [Ds] = ["forced"] }, [Ds], [[Ds]]);
        Shape.Check(await repo.PlanAsync("--images", Ds), new()
        {
            [Ds] = ["forced"], [R] = [$"parent {Ds} is rebuilt"], [Sci] = [$"parent {Ds} is rebuilt"],
        }, [Ds, R, Sci], [[Ds], [R, Sci]]);
        Shape.Check(await repo.PlanAsync("--all"), new()
        {
            [Ds] = ["forced (--all)"],
            [R] = ["forced (--all)", $"parent {Ds} is rebuilt"],
            [Sci] = ["forced (--all)", $"parent {Ds} is rebuilt"],
        }, [Ds, R, Sci], [[Ds], [R, Sci]]);

        // A feature branch of two commits, while main moves on with a root change of its own: the merge
        // base is the starting point, so main's root change is not this branch's.
        repo.Git.Git("checkout", "-q", "-b", "feature");
        repo.Touch($"images/{R}/Dockerfile").Commit("r1");
        repo.Touch($"images/{Sci}/test/test_s.py").Commit("s1");
        repo.Touch("README.md").Commit("readme again");
        repo.Git.Git("checkout", "-q", "main");
        repo.Touch($"images/{Ds}/Dockerfile").Commit("root on main");
        repo.Git.Git("checkout", "-q", "feature");

        Shape.Check(await repo.PlanAsync("--base-ref", "main"), new()
        {
            [R] = [$"changed images/{R}/Dockerfile"],
            [Sci] = [$"changed images/{Sci}/test/test_s.py"],
        }, [R, Sci], [[R, Sci]]);
        // Only the last commit by default.
        Shape.Check(await repo.PlanAsync(), new(), [], []);
        // --head-ref picks an earlier commit of the branch.
        Shape.Check(await repo.PlanAsync("--base-ref", "main", "--head-ref", "feature~2"),
            new() { [R] = [$"changed images/{R}/Dockerfile"] }, [R], [[R]]);
        // Named images are the plan: what git changed (R and Sci) does not add to them.
        Shape.Check(await repo.PlanAsync("--base-ref", "main", "--images", R), new() { [R] = ["forced"] }, [R], [[R]]);

        var unknown = await repo.RunAsync("Plan", "--base-ref", "no-such-branch");
        unknown.ExitCode.Should().NotBe(0, unknown.ToString());
        unknown.Output.Should().Contain("no-such-branch");
        unknown.StackTraceLines.Should().BeEmpty(unknown.ToString());
    }
}
