using Cascade.Changes;
using Cascade.Tests.Support;

namespace Cascade.Tests.Changes;

public class PathChangeTests
{
    [Fact]
    public void A_change_in_a_context_affects_that_image_and_its_descendants_only()
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Write("images/left/Dockerfile", "FROM scratch\nLABEL name=left2\n").Commit();

        var plan = DemoStack.Plan(repo, baseRef);

        plan.ShouldBuild("left", "leaf");
        plan["left"].Reasons.Should().Equal("changed images/left/Dockerfile");
        plan["leaf"].Reasons.Should().Equal("parent left is rebuilt");
        plan["base"].Affected.Should().BeFalse();
        plan["right"].Affected.Should().BeFalse();
        plan["base"].Reasons.Should().BeEmpty();
    }

    [Fact]
    public void A_path_outside_every_context_and_glob_affects_nothing()
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Write("README.md", "changed\n").Write("shared/lib/notes.txt", "not python\n").Commit();

        DemoStack.Plan(repo, baseRef).Order.Should().BeEmpty();
    }

    [Fact]
    public void A_watch_glob_outside_the_context_affects_the_image()
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Write("shared/lib/deep/er/util2.py", "y = 2\n").Commit();

        var plan = DemoStack.Plan(repo, baseRef);

        plan.ShouldBuild("right", "leaf");
        plan["right"].Reasons.Should().Equal("changed shared/lib/deep/er/util2.py (watch shared/**/*.py)");
        plan["leaf"].Reasons.Should().Equal("parent right is rebuilt");
    }

    [Fact]
    public void A_renamed_file_counts_at_its_old_and_its_new_place()
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Git("mv", "images/left/test/check.sh", "images/right/test/check-moved.sh");
        repo.Commit("move");

        var plan = DemoStack.Plan(repo, baseRef);

        plan["left"].Reasons.Should().Contain("changed images/left/test/check.sh");
        plan["right"].Reasons.Should().Contain("changed images/right/test/check-moved.sh");
    }

    [Fact]
    public void ChangeIgnore_entries_are_ignored_and_BuildAll_entries_rebuild_everything()
    {
        using var repo = DemoStack.CreateRepo();
        repo.Write("images/change_ignore.json", """{"ChangeIgnore": ["tests_common", "left"], "BuildAll": ["conftest.py"]}""");
        var baseRef = repo.Commit("ignore file");

        repo.Write("images/tests_common/common.sh", "false\n").Write("images/left/Dockerfile", "FROM scratch\n").Commit();
        DemoStack.Plan(repo, baseRef).Order.Should().BeEmpty("tests_common and left are in ChangeIgnore");

        var second = repo.Commit("nothing");
        repo.Write("images/conftest.py", "import pytest\n").Commit();
        var plan = DemoStack.Plan(repo, second);
        plan.Order.Should().HaveCount(4);
        plan.Images.Should().OnlyContain(i => i.Reasons.Contains("BuildAll: conftest.py"));
    }

    [Fact]
    public void Spec_ignore_and_rebuild_all_on_globs_work_relative_to_the_stack_folder()
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Write("images/left/docs/usage.md", "docs\n").Write("images/right/Dockerfile", "FROM scratch\n").Commit();
        var spec = DemoStack.Spec(repo) with { Ignore = ["*/docs/**"], RebuildAllOn = ["right/Dockerfile"] };

        var plan = DemoStack.Plan(repo, baseRef, spec);

        plan.Order.Should().HaveCount(4);
        plan["base"].Reasons.Should().Equal("rebuild_all_on: right/Dockerfile (images/right/Dockerfile)");
        plan["left"].Reasons.Should().NotContain(r => r.Contains("docs"), "ignored paths affect nothing");
    }

    [Fact]
    public void A_multi_commit_branch_counts_every_commit_since_the_merge_base_but_not_main_moving_on()
    {
        using var repo = DemoStack.CreateRepo();
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("images/left/a.txt", "1\n").Commit("first");
        repo.Write("images/right/b.txt", "2\n").Commit("second");
        repo.Git("checkout", "-q", "main");
        repo.Write("images/base/main-only.txt", "main moved on\n").Commit("main moves");
        repo.Git("checkout", "-q", "feature");

        var plan = DemoStack.Plan(repo, "main");

        plan.ShouldBuild("left", "right", "leaf");
        plan["left"].Reasons.Should().Equal("changed images/left/a.txt");
        plan["right"].Reasons.Should().Equal("changed images/right/b.txt");
        plan["base"].Affected.Should().BeFalse("main's own commit is not part of the branch");
    }

    [Fact]
    public void Include_uncommitted_adds_modified_staged_and_untracked_files_but_not_ignored_ones()
    {
        using var repo = DemoStack.CreateRepo();
        repo.Write(".gitignore", "*.log\n").Commit("gitignore");
        repo.Write("images/left/Dockerfile", "FROM scratch\nLABEL modified=1\n")   // unstaged edit
            .Write("images/right/new.txt", "untracked\n")                           // untracked
            .Write("images/base/build.log", "ignored\n");                           // ignored by .gitignore
        repo.Write("images/leaf/staged.txt", "staged\n").Git("add", "images/leaf/staged.txt");

        var withoutBase = DemoStack.Plan(repo, null, includeUncommitted: true);
        var committedOnly = DemoStack.Plan(repo, "HEAD");

        withoutBase["left"].Reasons.Should().Equal("changed images/left/Dockerfile");
        withoutBase["right"].Reasons.Should().Equal("changed images/right/new.txt");
        withoutBase["leaf"].Reasons.Should().Contain("changed images/leaf/staged.txt");
        withoutBase["base"].Affected.Should().BeFalse("build.log is git-ignored");
        committedOnly.Order.Should().BeEmpty("without --include-uncommitted the working tree does not count");
    }

    [Fact]
    public void No_base_ref_means_no_git_changes()
    {
        using var repo = DemoStack.CreateRepo();
        repo.Write("images/left/Dockerfile", "FROM scratch\nLABEL x=1\n");

        var changes = new ChangeDetector().Detect(repo.PathOf("images"), "spec.yml", new ChangeOptions());

        changes.Should().BeSameAs(ChangeSet.None);
        DemoStack.Plan(repo, null).Order.Should().BeEmpty();
    }

    [Fact]
    public void Detect_reports_repo_relative_paths_and_the_merge_base()
    {
        using var repo = DemoStack.CreateRepo();
        var baseRef = repo.Commit("base");
        repo.Write("images/left/with space.txt", "x\n").Commit();

        var changes = new ChangeDetector().Detect(repo.PathOf("images"), "spec.yml", new ChangeOptions { BaseRef = baseRef });

        changes.Paths.Should().Equal("images/left/with space.txt");
        changes.StackPath.Should().Be("images");
        changes.MergeBase.Should().Be(baseRef);
        changes.Spec!.Old.Should().Be(changes.Spec.New);
    }

    [Fact]
    public void An_unknown_base_ref_is_a_clear_error()
    {
        using var repo = DemoStack.CreateRepo();

        var act = () => DemoStack.Plan(repo, "origin/no-such-branch");

        act.Should().Throw<ChangeException>()
            .WithMessage("unknown base ref 'origin/no-such-branch'*no such branch, tag or commit*fetch*");
    }

    [Fact]
    public void A_folder_outside_git_is_a_clear_error()
    {
        using var folder = new GitSandbox(init: false);
        folder.Write("images/spec.yml", DemoStack.SpecText);

        var act = () => new ChangeDetector().Detect(folder.PathOf("images"), "spec.yml", new ChangeOptions { BaseRef = "main" });

        act.Should().Throw<ChangeException>().WithMessage("*images: not a git repository; use --all or --images*");
    }
}
