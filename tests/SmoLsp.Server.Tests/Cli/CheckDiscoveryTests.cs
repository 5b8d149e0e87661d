using SmoLsp.Server.Cli;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Cli;

public sealed class CheckDiscoveryTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static IEnumerable<string> CheckedPaths(CheckRun run) =>
        run.Json.EnumerateArray().Select(f => f.GetProperty("filePath").GetString()!);

    [Fact]
    public void Folders_are_walked_for_the_four_template_kinds()
    {
        _tree.Write("a.html", Pages.Fragment);
        _tree.Write("b.HTM", Pages.Fragment);
        _tree.Write("Views/c.cshtml", Pages.Fragment);
        _tree.Write("Pages/d.razor", Pages.Fragment);
        _tree.Write("e.txt", Pages.Fragment);
        _tree.Write("f.js", Pages.Fragment);
        _tree.Write("html", Pages.Fragment);

        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json });

        CheckedPaths(run).ShouldBe(["Pages/d.razor", "Views/c.cshtml", "a.html", "b.HTM"]);
    }

    [Fact]
    public void Build_output_dependencies_and_hidden_folders_are_skipped()
    {
        _tree.Write("keep/index.html", Pages.Fragment);
        _tree.Write("bin/Debug/index.html", Pages.Fragment);
        _tree.Write("obj/index.html", Pages.Fragment);
        _tree.Write("node_modules/pkg/index.html", Pages.Fragment);
        _tree.Write(".git/index.html", Pages.Fragment);
        _tree.Write(".vs/index.html", Pages.Fragment);
        _tree.Write("src/Bin/index.html", Pages.Fragment);
        _tree.Write(".well-known.html", Pages.Fragment); // hidden files are fine; only folders are skipped

        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json });

        CheckedPaths(run).ShouldBe([".well-known.html", "keep/index.html"]);
    }

    [Fact]
    public void A_skipped_folder_named_on_the_command_line_is_checked()
    {
        _tree.Write("node_modules/pkg/index.html", Pages.Fragment);

        var run = CheckRun.Check(_tree, new CheckOptions { Paths = ["node_modules/pkg"], Format = ReportFormat.Json });

        CheckedPaths(run).ShouldBe(["node_modules/pkg/index.html"]);
    }

    [Fact]
    public void Files_and_folders_can_be_mixed_and_overlap_without_duplicates()
    {
        _tree.Write("site/a.html", Pages.Fragment);
        _tree.Write("site/b.html", Pages.Fragment);
        _tree.Write("other/c.html", Pages.Fragment);

        var run = CheckRun.Check(_tree, new CheckOptions { Paths = ["site/b.html", "site", "site/", "other/c.html"], Format = ReportFormat.Json });

        CheckedPaths(run).ShouldBe(["other/c.html", "site/a.html", "site/b.html"]);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_a_usage_error()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree, "index.html", "no/such/dir", "missing.html");

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("smolsp: error: no/such/dir: no such file or folder");
        run.Stderr.ShouldContain("smolsp: error: missing.html: no such file or folder");
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void A_named_file_that_is_not_a_template_is_skipped_with_a_note()
    {
        _tree.Write("README.md", "# hi");

        var run = CheckRun.Check(_tree, "README.md");

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldContain("README.md: skipped: not a template");
        run.SummaryLine.ShouldContain("0 files checked, 1 skipped");
    }

    [Fact]
    public void Symbolic_links_to_folders_are_not_followed_so_loops_cannot_hang()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _tree.Write("site/index.html", Pages.Fragment);
        Directory.CreateSymbolicLink(_tree.PathOf("site/loop"), _tree.PathOf("site"));
        Directory.CreateSymbolicLink(_tree.PathOf("alias"), _tree.PathOf("site"));

        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json });

        CheckedPaths(run).ShouldBe(["site/index.html"]);
    }

    [Fact]
    public void Include_and_exclude_globs_are_relative_to_the_configuration_folder()
    {
        _tree.Write("web/smolsp.json", """
            {
              "include": ["pages/**/*.html", "Views/**"],
              "exclude": ["**/drafts/**", "pages/legacy.html"]
            }
            """);
        _tree.Write("web/pages/index.html", Pages.Fragment);
        _tree.Write("web/pages/blog/post.html", Pages.Fragment);
        _tree.Write("web/pages/drafts/wip.html", Pages.Fragment);
        _tree.Write("web/pages/legacy.html", Pages.Fragment);
        _tree.Write("web/Views/Home/Index.cshtml", Pages.Fragment);
        _tree.Write("web/assets/template.html", Pages.Fragment);

        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json });

        CheckedPaths(run).ShouldBe(["web/Views/Home/Index.cshtml", "web/pages/blog/post.html", "web/pages/index.html"]);
    }

    [Fact]
    public void A_file_named_on_the_command_line_is_checked_even_when_excluded()
    {
        _tree.Write("smolsp.json", """{ "exclude": ["legacy/**"] }""");
        _tree.Write("legacy/old.html", Pages.Fragment);

        CheckedPaths(CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json })).ShouldBeEmpty();
        CheckedPaths(CheckRun.Check(_tree, new CheckOptions { Paths = ["legacy/old.html"], Format = ReportFormat.Json })).ShouldBe(["legacy/old.html"]);
    }

    [Fact]
    public void The_nearest_configuration_above_each_file_applies()
    {
        _tree.Write("smolsp.json", """{ "rules": { "SMO001": "error" } }""");
        _tree.Write("a/index.html", Pages.MissingOgTitle);
        _tree.Write("b/smolsp.json", """{ "rules": { "SMO001": "info" } }""");
        _tree.Write("b/c/index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree);

        run.ProblemLines.ShouldBe([
            "a/index.html:5:1: error SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
            "b/c/index.html:5:1: info SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
        ]);
        run.ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void The_config_option_applies_one_file_to_everything()
    {
        _tree.Write("strict.json", """{ "rules": { "SMO001": "error" } }""");
        _tree.Write("b/smolsp.json", """{ "rules": { "SMO001": "off" } }""");
        _tree.Write("b/index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree, new CheckOptions { ConfigFile = "strict.json" });

        run.ProblemLines.Single().ShouldContain(": error SMO001 ");
        run.ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void A_missing_config_file_is_a_usage_error()
    {
        var run = CheckRun.Check(_tree, new CheckOptions { ConfigFile = "nope.json" });

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("--config nope.json: no such file");
    }

    [Fact]
    public void An_unknown_setting_names_file_line_column_and_key_and_exits_2()
    {
        _tree.Write("smolsp.json", "{\n  \"siteUrl\": \"https://example.com\",\n  \"sitUrl\": \"x\"\n}\n");
        _tree.Write("index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.ShouldStartWith("smolsp.json:3:3: error: 'sitUrl': unknown setting");
    }

    [Fact]
    public void Malformed_json_and_bad_rule_values_are_located()
    {
        _tree.Write("a/smolsp.json", "{\n  \"rules\": { \"SMO001\": \"loud\" }\n}\n");
        _tree.Write("a/index.html", Pages.Fragment);
        _tree.Write("b/smolsp.json", "{\n  \"siteName\": \"Acme\"\n  \"siteUrl\": 1\n}\n");
        _tree.Write("b/index.html", Pages.Fragment);

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Error);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("a/smolsp.json:2:24: error: 'rules.SMO001': 'loud' is not a severity");
        lines[1].ShouldStartWith("b/smolsp.json:3:");
        lines[1].ShouldContain("invalid JSON");
    }

    [Fact]
    public void A_broken_configuration_fails_the_run_even_with_no_templates()
    {
        _tree.Write("smolsp.json", "{ \"rules\": 3 }");

        CheckRun.Check(_tree).ExitCode.ShouldBe(ExitCodes.Error);
    }

    [Fact]
    public void An_unreadable_folder_is_skipped_with_a_warning()
    {
        _tree.Write("ok/index.html", Pages.MissingOgTitle);
        _tree.Write("locked/index.html", Pages.MissingOgTitle);
        var locked = _tree.PathOf("locked");

        // Root reads any folder, so the permission failure is simulated at the listing seam (the real one is below).
        var run = CheckRun.Check(_tree, new CheckOptions(), dir =>
            dir == locked ? throw new UnauthorizedAccessException($"Access to the path '{dir}' is denied.") : RealListing(dir));

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldContain("locked: warning: cannot read folder (permission denied); skipped");
        run.ProblemLines.Single().ShouldStartWith("ok/index.html:");
    }

    [Fact]
    public void An_unreadable_folder_on_disk_is_skipped_with_a_warning()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            return; // covered by the seam test above; root ignores permission bits
        }

        _tree.Write("ok/index.html", Pages.MissingOgTitle);
        _tree.Write("locked/index.html", Pages.MissingOgTitle);
        File.SetUnixFileMode(_tree.PathOf("locked"), UnixFileMode.None);

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldContain("locked: warning: cannot read folder");
        run.ProblemLines.Single().ShouldStartWith("ok/index.html:");
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_on_stderr_and_exit_2()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree, new CheckOptions(), _ => throw new InvalidOperationException("boom"));

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldBe("smolsp: internal error: InvalidOperationException: boom\n");
    }

    private static IReadOnlyList<DirectoryEntry> RealListing(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Select(i => new DirectoryEntry(i.FullName, i.Name, i is DirectoryInfo, i.LinkTarget is not null))
            .ToList();
}
