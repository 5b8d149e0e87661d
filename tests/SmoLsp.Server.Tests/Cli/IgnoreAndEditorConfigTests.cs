using SmoLsp.Analysis.Configuration;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>.smolspignore (gitignore semantics) in the walk, and .editorconfig severities with Roslyn's precedence.</summary>
public sealed class IgnoreAndEditorConfigTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private List<string> CheckedFiles(params string[] paths) =>
        [.. CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json, Paths = paths }).Json.EnumerateArray().Select(f => f.GetProperty("filePath").GetString()!)];

    private void WriteTree(params string[] files)
    {
        foreach (var file in files)
        {
            _tree.Write(file, Pages.Clean);
        }
    }

    [Fact]
    public void Smolspignore_globs_negation_folders_and_comments()
    {
        _tree.Write(".git/HEAD", "ref: refs/heads/main\n");
        WriteTree("index.html", "drafts/a.html", "blog/drafts/b.html", "legacy/old.html", "legacy/keep.html", "x.tmp.html", "keep.tmp.html", "build/out.html", "docs/build.html");
        _tree.Write(".smolspignore", """
            # comments and blank lines are skipped

            drafts/
            /legacy/*.html
            !/legacy/keep.html
            *.tmp.html
            !keep.tmp.html
            build/
            """);

        CheckedFiles().ShouldBe(["docs/build.html", "index.html", "keep.tmp.html", "legacy/keep.html"]);
    }

    [Fact]
    public void Anchored_patterns_match_from_the_ignore_files_folder_and_unanchored_ones_at_any_depth()
    {
        WriteTree("a.html", "sub/a.html", "sub/deep/a.html", "b.html", "sub/b.html");
        _tree.Write(".git/HEAD", "x");
        _tree.Write(".smolspignore", "/a.html\nsub/**/b.html\n");

        CheckedFiles().ShouldBe(["b.html", "sub/a.html", "sub/deep/a.html"]);
    }

    [Fact]
    public void A_nested_ignore_file_adds_to_and_overrides_the_outer_one()
    {
        _tree.Write(".git/HEAD", "x");
        WriteTree("gen/a.html", "gen/b.html", "site/gen/c.html", "site/d.html");
        _tree.Write(".smolspignore", "gen/\n*.html\n!site/\n!site/*.html\n");
        _tree.Write("site/.smolspignore", "!gen/\n!gen/*.html\nd.html\n");

        CheckedFiles().ShouldBe(["site/gen/c.html"]);
    }

    [Fact]
    public void A_file_inside_an_ignored_folder_cannot_be_re_included()
    {
        _tree.Write(".git/HEAD", "x");
        WriteTree("vendor/a.html", "vendor/keep.html");
        _tree.Write(".smolspignore", "vendor/\n!vendor/keep.html\n");

        CheckedFiles().ShouldBeEmpty();
    }

    [Fact]
    public void Ignore_files_above_the_repository_root_do_not_apply()
    {
        _tree.Write(".smolspignore", "*.html\n");
        _tree.Write("repo/.git/HEAD", "x");
        WriteTree("repo/index.html");

        CheckedFiles("repo").ShouldBe(["repo/index.html"]);
    }

    [Fact]
    public void Files_named_on_the_command_line_are_checked_even_when_ignored()
    {
        _tree.Write(".git/HEAD", "x");
        WriteTree("drafts/a.html");
        _tree.Write(".smolspignore", "drafts/\n");

        CheckedFiles().ShouldBeEmpty();
        CheckedFiles("drafts/a.html").ShouldBe(["drafts/a.html"]);
    }

    [Theory]
    [InlineData("*.html", "a/b.html", true)]
    [InlineData("*.html", "a/b.cshtml", false)]
    [InlineData("*.{cshtml,razor}", "Views/Home/Index.cshtml", true)]
    [InlineData("*.{cshtml,razor}", "Pages/Index.razor", true)]
    [InlineData("*.{cshtml,razor}", "index.html", false)]
    [InlineData("legacy/*.html", "legacy/a.html", true)]
    [InlineData("legacy/*.html", "sub/legacy/a.html", false)]
    [InlineData("/legacy/**.html", "legacy/x/y.html", true)]
    [InlineData("**/legacy/*.html", "x/legacy/a.html", true)]
    [InlineData("**/legacy/*.html", "legacy/a.html", true)]
    [InlineData("page[0-9].html", "page7.html", true)]
    [InlineData("page[!0-9].html", "page7.html", false)]
    [InlineData("page{1..3}.html", "page2.html", true)]
    [InlineData("page{1..3}.html", "page4.html", false)]
    [InlineData("*", "any/thing.html", true)]
    public void Editorconfig_section_globs(string glob, string path, bool matches)
    {
        EditorConfigFile.CompileSection(glob).IsMatch(path).ShouldBe(matches);
    }

    [Fact]
    public void Editorconfig_severity_applies_by_section_and_the_closer_file_wins()
    {
        _tree.Write(".editorconfig", "root = true\n\n[*]\ndotnet_diagnostic.SMO001.severity = error\n\n[legacy/**]\ndotnet_diagnostic.SMO001.severity = none\n");
        _tree.Write("site/.editorconfig", "[*.html]\ndotnet_diagnostic.smo001.severity = suggestion\n");
        _tree.Write("index.html", Pages.MissingOgTitle);
        _tree.Write("legacy/old.html", Pages.MissingOgTitle);
        _tree.Write("site/page.html", Pages.MissingOgTitle);
        _tree.Write("site/page.cshtml", "<!DOCTYPE html>\n<html>\n<head><title>Acme</title></head>\n</html>\n");

        var run = CheckRun.Check(_tree, new CheckOptions());

        run.ProblemLines.ShouldBe([
            "index.html:5:1: error SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
            "site/page.cshtml:3:26: error SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
            "site/page.html:5:1: info SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
        ]);
    }

    [Fact]
    public void Editorconfig_root_true_stops_the_search_upward()
    {
        _tree.Write(".editorconfig", "[*]\ndotnet_diagnostic.SMO001.severity = none\n");
        _tree.Write("app/.editorconfig", "root = true\n[*.md]\nindent_size = 2\n");
        _tree.Write("app/index.html", Pages.MissingOgTitle);
        _tree.Write("other/index.html", Pages.MissingOgTitle);

        CheckRun.Check(_tree, new CheckOptions()).ProblemLines.ShouldBe([
            "app/index.html:5:1: warning SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
        ]);
    }

    [Fact]
    public void Smolsp_json_wins_over_editorconfig_and_the_command_line_over_both()
    {
        _tree.Write(".editorconfig", "root = true\n[*]\ndotnet_diagnostic.SMO001.severity = none\n");
        _tree.Write("a/smolsp.json", """{ "rules": { "SMO001": "error" } }""");
        _tree.Write("a/index.html", Pages.MissingOgTitle);
        _tree.Write("b/index.html", Pages.MissingOgTitle);

        CheckRun.Check(_tree, new CheckOptions()).ProblemLines.ShouldBe([
            "a/index.html:5:1: error SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title",
        ]);

        var cli = CheckRun.Check(_tree, new CheckOptions { RuleOverrides = [new("SMO001", Analysis.Configuration.RuleSeverity.Info)] });
        cli.ProblemLines.Count.ShouldBe(2);
        cli.ProblemLines.ShouldAllBe(l => l.Contains(": info SMO001 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Editorconfig_ignores_other_tools_keys_unknown_ids_and_default_undoes_a_farther_file()
    {
        _tree.Write(".editorconfig", "root = true\n[*]\nindent_style = space\ndotnet_diagnostic.CA1822.severity = none\ndotnet_diagnostic.SMO999.severity = none\ndotnet_diagnostic.SMO001.severity = none\n");
        _tree.Write("site/.editorconfig", "[*]\ndotnet_diagnostic.SMO001.severity = default\n");
        _tree.Write("site/index.html", Pages.MissingOgTitle);
        _tree.Write("index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree, new CheckOptions());

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stderr.ShouldBeEmpty();
        run.ProblemLines.ShouldBe(["site/index.html:5:1: warning SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title"]);
    }
}
