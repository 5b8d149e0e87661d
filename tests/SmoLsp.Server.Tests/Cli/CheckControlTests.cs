using System.Diagnostics;
using System.Text.Json;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>--max-warnings, --print-config, --stdin, --fix-dry-run and --shard.</summary>
public sealed class CheckControlTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Max_warnings_fails_only_above_the_count()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);
        _tree.Write("b.html", Pages.MissingOgTitle);

        CheckRun.Check(_tree, new CheckOptions { MaxWarnings = 2 }).ExitCode.ShouldBe(ExitCodes.Clean);
        var over = CheckRun.Check(_tree, new CheckOptions { MaxWarnings = 1 });
        over.ExitCode.ShouldBe(ExitCodes.Findings);
        over.Stderr.ShouldContain("2 warning(s), more than --max-warnings 1");

        // Quiet hides warnings from the report, not from the count.
        CheckRun.Check(_tree, new CheckOptions { MaxWarnings = 0, Quiet = true }).ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void Max_warnings_is_parsed_from_the_command_line()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);

        CheckRun.Cli("check", _tree.Root, "--rule", "SMO210=off", "--max-warnings", "0").ExitCode.ShouldBe(ExitCodes.Findings);
        CheckRun.Cli("check", _tree.Root, "--rule", "SMO210=off", "--max-warnings", "-1").ExitCode.ShouldBe(ExitCodes.Error);
        CheckRun.Cli("check", _tree.Root, "--max-warnings", "many").ExitCode.ShouldBe(ExitCodes.Error);
    }

    [Fact]
    public void Print_config_shows_each_setting_and_where_it_comes_from()
    {
        _tree.Write("smolsp.json", """{ "siteUrl": "https://acme.example", "rules": { "SMO203": { "severity": "error", "maxLength": 65 } } }""");
        _tree.Write(".editorconfig", "root = true\n[*.html]\ndotnet_diagnostic.SMO001.severity = suggestion\ndotnet_diagnostic.SMO203.severity = none\n");
        _tree.Write("site/index.html", Pages.Clean);

        var run = CheckRun.Cli("check", "--print-config", _tree.PathOf("site/index.html"), "--rule", "SMO204=off");

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        var config = JsonDocument.Parse(run.Stdout).RootElement;
        config.GetProperty("configFile").GetString()!.ShouldEndWith("smolsp.json");
        config.GetProperty("siteUrl").GetString().ShouldBe("https://acme.example");
        config.GetProperty("walk").GetProperty("ignored").GetBoolean().ShouldBeFalse();
        var rules = config.GetProperty("rules");

        // --rule > smolsp.json > .editorconfig > default.
        rules.GetProperty("SMO204").GetProperty("severity").GetString().ShouldBe("off");
        rules.GetProperty("SMO204").GetProperty("source").GetString().ShouldBe("--rule");
        rules.GetProperty("SMO203").GetProperty("severity").GetString().ShouldBe("error");
        rules.GetProperty("SMO203").GetProperty("source").GetString()!.ShouldEndWith("smolsp.json");
        rules.GetProperty("SMO203").GetProperty("thresholds").GetProperty("maxLength").GetProperty("value").GetDouble().ShouldBe(65);
        rules.GetProperty("SMO203").GetProperty("thresholds").GetProperty("maxLength").GetProperty("source").GetString()!.ShouldEndWith("smolsp.json");
        rules.GetProperty("SMO001").GetProperty("severity").GetString().ShouldBe("info");
        rules.GetProperty("SMO001").GetProperty("source").GetString()!.ShouldEndWith(".editorconfig:3 [*.html]");
        rules.GetProperty("SMO002").GetProperty("source").GetString().ShouldBe("default");
        rules.GetProperty("SMO210").GetProperty("severity").GetString().ShouldBe("warning");
    }

    [Fact]
    public void Print_config_reports_an_ignored_file_and_a_broken_configuration()
    {
        _tree.Write(".git/HEAD", "x"); // the repository is the site's root: its .smolspignore applies
        _tree.Write(".smolspignore", "legacy/\n");
        _tree.Write("legacy/old.html", Pages.Clean);

        var ignored = JsonDocument.Parse(CheckRun.Cli("check", "--print-config", _tree.PathOf("legacy/old.html")).Stdout).RootElement;
        ignored.GetProperty("walk").GetProperty("ignored").GetBoolean().ShouldBeTrue();
        ignored.GetProperty("walk").GetProperty("ignoredBy").GetString()!.ShouldEndWith(".smolspignore:1");

        _tree.Write("smolsp.json", "{ \"nope\": 1 }");
        var broken = CheckRun.Cli("check", "--print-config", _tree.PathOf("legacy/old.html"));
        broken.ExitCode.ShouldBe(ExitCodes.Error);
        broken.Stderr.ShouldContain("'nope'");
    }

    [Fact]
    public void Stdin_is_checked_under_the_given_name_with_that_folders_configuration()
    {
        _tree.Write("site/smolsp.json", """{ "rules": { "SMO001": "error" } }""");

        var run = CheckRun.Check(_tree, new CheckOptions { Stdin = true, StdinFilename = "site/page.html" }, stdin: Pages.MissingOgTitle);

        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.ProblemLines.ShouldBe(["site/page.html:5:1: error SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title"]);
        File.Exists(_tree.PathOf("site/page.html")).ShouldBeFalse();
    }

    [Fact]
    public void Stdin_without_a_name_is_html_reported_as_stdin()
    {
        var run = CheckRun.CliWithInput(Pages.MissingOgTitle, "check", "--stdin", "--rule", "SMO210=off", "--format", "json");

        var file = run.Json.EnumerateArray().Single();
        file.GetProperty("filePath").GetString().ShouldBe(CheckRunner.StdinDisplayName);
        file.GetProperty("messages").EnumerateArray().ShouldContain(m => m.GetProperty("ruleId").GetString() == "SMO001");
    }

    [Fact]
    public void Stdin_with_fix_prints_the_fixed_text_and_the_report_on_standard_error()
    {
        var run = CheckRun.Check(_tree, new CheckOptions { Stdin = true, StdinFilename = "index.html", Fix = true }, stdin: Pages.MissingOgTitle);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Stdout.ShouldContain("<meta property=\"og:title\" content=\"Acme Widgets\">");
        run.Stdout.ShouldStartWith("<!doctype html>");
        run.Stderr.ShouldContain("Fixed 1 problem in 1 file.");
        Directory.EnumerateFileSystemEntries(_tree.Root).ShouldBeEmpty();
    }

    [Fact]
    public void Stdin_and_paths_together_or_a_name_without_stdin_are_usage_errors()
    {
        _tree.Write("a.html", Pages.Clean);

        CheckRun.Check(_tree, new CheckOptions { Stdin = true, Paths = ["a.html"] }, stdin: "").ExitCode.ShouldBe(ExitCodes.Error);
        CheckRun.Check(_tree, new CheckOptions { StdinFilename = "a.html" }).ExitCode.ShouldBe(ExitCodes.Error);
    }

    [Fact]
    public void Fix_dry_run_prints_a_unified_diff_and_changes_nothing()
    {
        _tree.Write("site/index.html", Pages.MissingOgTitle);
        _tree.Write("site/clean.html", Pages.Clean);
        var before = _tree.ReadBytes("site/index.html");
        var writeTime = File.GetLastWriteTimeUtc(_tree.PathOf("site/index.html"));

        var run = CheckRun.Check(_tree, new CheckOptions { FixDryRun = true });

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        _tree.ReadBytes("site/index.html").ShouldBe(before);
        File.GetLastWriteTimeUtc(_tree.PathOf("site/index.html")).ShouldBe(writeTime);
        run.Stdout.ShouldBe("""
            --- a/site/index.html
            +++ b/site/index.html
            @@ -2,6 +2,7 @@
             <html>
             <head>
               <title>Acme Widgets</title>
            +  <meta property="og:title" content="Acme Widgets">
             </head>
             <body><h1>Widgets</h1></body>
             </html>

            """);
        run.Stderr.ShouldContain("Would fix 1 problem in 1 file.");
    }

    [Fact]
    public void Fix_dry_run_diff_applies_to_give_what_fix_writes()
    {
        // CRLF, no final newline, two files: the diff must reproduce --fix byte for byte.
        var crlf = Pages.MissingOgTitle.Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd();
        _tree.Write("a.html", crlf);
        _tree.Write("b/b.html", Pages.MissingOgTitle);
        using var copy = new TempTree();
        copy.Write("a.html", crlf);
        copy.Write("b/b.html", Pages.MissingOgTitle);

        var diff = CheckRun.Check(_tree, new CheckOptions { FixDryRun = true }).Stdout;
        CheckRun.Check(copy, new CheckOptions { Fix = true });
        File.WriteAllText(Path.Combine(_tree.Root, "fix.patch"), diff);
        var git = Process.Start(new ProcessStartInfo("git", ["apply", "fix.patch"]) { WorkingDirectory = _tree.Root, RedirectStandardError = true })!;
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, git.StandardError.ReadToEnd());

        _tree.ReadBytes("a.html").ShouldBe(copy.ReadBytes("a.html"));
        _tree.ReadBytes("b/b.html").ShouldBe(copy.ReadBytes("b/b.html"));
    }

    [Fact]
    public void Fix_and_fix_dry_run_together_are_a_usage_error()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);

        CheckRun.Check(_tree, new CheckOptions { Fix = true, FixDryRun = true }).ExitCode.ShouldBe(ExitCodes.Error);
        _tree.Read("a.html").ShouldBe(Pages.MissingOgTitle);
    }

    [Fact]
    public void Shards_partition_the_files_exactly()
    {
        var names = Enumerable.Range(0, 60).Select(i => $"d{i % 7}/page{i}.html").ToList();
        foreach (var name in names)
        {
            _tree.Write(name, Pages.MissingOgTitle);
        }

        var all = Files(null);
        all.Count.ShouldBe(names.Count);
        var shards = Enumerable.Range(1, 4).Select(i => Files(new Shard(i, 4))).ToList();
        shards.SelectMany(s => s).Order(StringComparer.Ordinal).ShouldBe(all.Order(StringComparer.Ordinal));
        shards.Sum(s => s.Count).ShouldBe(all.Count, "no file in two shards");
        shards.ShouldAllBe(s => s.Count > 0);
        Files(new Shard(2, 4)).ShouldBe(shards[1], "the same shard twice is the same files");

        List<string> Files(Shard? shard) =>
            [.. CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json, Shard = shard }).Json.EnumerateArray().Select(f => f.GetProperty("filePath").GetString()!)];
    }

    [Fact]
    public void Shard_hash_is_fixed_so_every_machine_agrees()
    {
        // FNV-1a (64-bit) of the UTF-8 path, mod N: these values (checked with an independent Python FNV-1a) are part of
        // the contract, since a CI matrix mixes machines and versions.
        Shard.Of("index.html", 4).ShouldBe(Shard.Of("index.html", 4));
        new[] { "a.html", "b/c.html", "Views/Home/Index.cshtml", "café/menu.html" }.Select(p => Shard.Of(p, 5)).ShouldBe([1, 3, 4, 2]);
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    public void Malformed_shard_is_a_usage_error(string shard)
    {
        _tree.Write("a.html", Pages.Clean);

        var run = CheckRun.Cli("check", _tree.Root, "--shard", shard);

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("--shard");
    }

    [Fact]
    public void Cross_page_findings_list_the_other_pages_and_count_in_the_verdict()
    {
        _tree.Write("a.html", Pages.Clean);
        _tree.Write("b/c.html", Pages.Clean);
        _tree.Write("d.html", Pages.Clean.Replace("Acme Widgets", "Other", StringComparison.Ordinal));
        var engine = CheckRun.EngineWith("SMO001", "SMO210");

        var run = CheckRun.Check(_tree, new CheckOptions { FailOn = Analysis.Rules.DiagnosticSeverity.Warning }, engine: engine);

        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.Stdout.ShouldNotContain("Cross-page findings"); // one group per file: a cross-page finding sits with the file's others
        run.ProblemLines.ShouldBe([
            "a.html:4:3: warning SMO210 The title \"Acme Widgets\" is also the title of b/c.html: search results and share cards cannot tell these pages apart. Give each page its own title",
            "b/c.html:4:3: warning SMO210 The title \"Acme Widgets\" is also the title of a.html: search results and share cards cannot tell these pages apart. Give each page its own title",
        ]);
        run.SummaryLine.ShouldStartWith("2 problems (2 warnings) in 2 files; 3 files checked");

        // Each shard compares only its own pages: the documented limitation.
        var sharded = Enumerable.Range(1, 8).Select(i => CheckRun.Check(_tree, new CheckOptions { Shard = new Shard(i, 8) }, engine: engine));
        sharded.Sum(s => s.ProblemLines.Count).ShouldBeLessThan(2);
    }

    [Fact]
    public void A_configuration_that_turns_a_site_rule_off_takes_its_pages_out()
    {
        _tree.Write("a.html", Pages.Clean);
        _tree.Write("b/c.html", Pages.Clean);
        _tree.Write("b/smolsp.json", """{ "rules": { "SMO210": "off" } }""");

        var run = CheckRun.Check(_tree, new CheckOptions(), engine: CheckRun.EngineWith("SMO210"));

        run.ProblemLines.ShouldBeEmpty();
    }

    [Fact]
    public void Rule_star_sets_every_rule_and_a_later_rule_wins()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);
        _tree.Write("b.html", Pages.MissingOgTitle);

        // The cross-page CI job: everything off, then the site rules back on.
        var run = CheckRun.Cli("check", _tree.Root, "--rule", "*=off", "--rule", "SMO210=warning", "--format", "json");

        var ids = run.Json.EnumerateArray().SelectMany(f => f.GetProperty("messages").EnumerateArray()).Select(m => m.GetProperty("ruleId").GetString()).Distinct();
        ids.ShouldBe(["SMO210"]);
    }
}
