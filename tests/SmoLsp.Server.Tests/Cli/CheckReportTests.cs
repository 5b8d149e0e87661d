using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

public sealed class CheckReportTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Clean_tree_exits_0_with_a_summary_only()
    {
        _tree.Write("index.html", Pages.Clean);
        _tree.Write("partial.html", Pages.Fragment);

        var run = CheckRun.Check(_tree);

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.ProblemLines.ShouldBeEmpty();
        run.SummaryLine.ShouldStartWith("No problems; 2 files checked in ");
        run.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void Text_lines_are_path_line_column_severity_id_message()
    {
        _tree.Write("site/index.html", Pages.MissingOgTitle);

        var run = CheckRun.Check(_tree);

        run.ProblemLines.ShouldBe(["site/index.html:5:1: warning SMO001 The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title"]);
        run.SummaryLine.ShouldStartWith("1 problem (1 warning) in 1 file; 1 file checked in ");
    }

    [Fact]
    public void Warnings_pass_by_default_and_fail_with_fail_on_warning()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        CheckRun.Check(_tree).ExitCode.ShouldBe(ExitCodes.Clean);
        CheckRun.Check(_tree, new CheckOptions { FailOn = Analysis.Rules.DiagnosticSeverity.Warning }).ExitCode.ShouldBe(ExitCodes.Findings);
        CheckRun.Check(_tree, new CheckOptions { FailOn = Analysis.Rules.DiagnosticSeverity.Hint }).ExitCode.ShouldBe(ExitCodes.Findings);
    }

    [Fact]
    public void Fail_on_is_parsed_from_the_command_line()
    {
        var page = _tree.Write("index.html", Pages.MissingOgTitle);

        CheckRun.Cli("check", page).ExitCode.ShouldBe(ExitCodes.Clean);
        CheckRun.Cli("check", "--fail-on", "warning", page).ExitCode.ShouldBe(ExitCodes.Findings);
        CheckRun.Cli("check", "--fail-on", "info", page).ExitCode.ShouldBe(ExitCodes.Findings);
        CheckRun.Cli("check", "--fail-on", "severe", page).ExitCode.ShouldBe(ExitCodes.Error);
    }

    [Fact]
    public void Rule_option_raises_lowers_or_silences_a_rule()
    {
        var page = _tree.Write("index.html", Pages.MissingOgTitle);

        var error = CheckRun.Cli("check", "--rule", "SMO001=error", page);
        error.ExitCode.ShouldBe(ExitCodes.Findings);
        error.Stdout.ShouldContain(": error SMO001 ");

        // Other rules still judge the page; only SMO001 must be gone.
        var off = CheckRun.Cli("check", "--rule", "smo001=off", "--fail-on", "hint", page);
        off.ExitCode.ShouldNotBe(ExitCodes.Error);
        off.Stdout.ShouldNotContain("SMO001");

        var repeated = CheckRun.Cli("check", "--rule", "SMO001=error", "--rule", "SMO001=info", page);
        repeated.Stdout.ShouldContain(": info SMO001 ");
    }

    [Fact]
    public void Rule_option_overrides_the_configuration_file()
    {
        _tree.Write("smolsp.json", """{ "rules": { "SMO001": "error" } }""");
        _tree.Write("index.html", Pages.MissingOgTitle);

        CheckRun.Check(_tree).ExitCode.ShouldBe(ExitCodes.Findings);
        CheckRun.Check(_tree, new CheckOptions { RuleOverrides = [new("SMO001", Analysis.Configuration.RuleSeverity.Warning)] }).ExitCode.ShouldBe(ExitCodes.Clean);
    }

    [Fact]
    public void Malformed_or_unknown_rule_option_is_a_usage_error()
    {
        var page = _tree.Write("index.html", Pages.MissingOgTitle);

        var malformed = CheckRun.Cli("check", "--rule", "SMO001", page);
        malformed.ExitCode.ShouldBe(ExitCodes.Error);
        malformed.Stderr.ShouldContain("expected ID=severity");

        var unknown = CheckRun.Cli("check", "--rule", "SMO999=off", page);
        unknown.ExitCode.ShouldBe(ExitCodes.Error);
        unknown.Stderr.ShouldContain("SMO999: unknown rule id");
        unknown.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Quiet_prints_errors_only_but_the_verdict_still_counts_warnings()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        var quiet = CheckRun.Check(_tree, new CheckOptions { Quiet = true, FailOn = Analysis.Rules.DiagnosticSeverity.Warning });
        quiet.ProblemLines.ShouldBeEmpty();
        quiet.SummaryLine.ShouldStartWith("No errors; 1 file checked");
        quiet.ExitCode.ShouldBe(ExitCodes.Findings);

        var errors = CheckRun.Check(_tree, new CheckOptions { Quiet = true, RuleOverrides = [new("SMO001", Analysis.Configuration.RuleSeverity.Error)] });
        errors.ProblemLines.Count.ShouldBe(1);
    }

    [Fact]
    public void Json_has_one_object_per_file_with_one_based_utf16_positions()
    {
        // An astral character before the problem: UTF-16 columns count it as 2.
        _tree.Write("b/page.html", "<!doctype html>\n<html>\U0001F600<head><title>T</title></head></html>\n");
        _tree.Write("a/clean.html", Pages.Clean);

        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json });

        var files = run.Json.EnumerateArray().ToList();
        files.Select(f => f.GetProperty("filePath").GetString()).ShouldBe(["a/clean.html", "b/page.html"]);
        files[0].GetProperty("messages").GetArrayLength().ShouldBe(0);
        var message = files[1].GetProperty("messages").EnumerateArray().Single();
        message.GetProperty("ruleId").GetString().ShouldBe("SMO001");
        message.GetProperty("severity").GetString().ShouldBe("warning");
        message.GetProperty("message").GetString()!.ShouldStartWith("The page has no og:title");
        message.GetProperty("line").GetInt32().ShouldBe(2);
        message.GetProperty("column").GetInt32().ShouldBe(31); // "<html>" (6) + surrogate pair (2) + "<head><title>T</title>" (22) + 1
        message.GetProperty("endLine").GetInt32().ShouldBe(2);
        message.GetProperty("endColumn").GetInt32().ShouldBe(38); // after "</head>"
        message.EnumerateObject().Select(p => p.Name).ShouldBe(["ruleId", "severity", "message", "line", "column", "endLine", "endColumn"]);
    }

    [Fact]
    public void Json_of_an_empty_run_is_an_empty_array()
    {
        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json });

        run.ExitCode.ShouldBe(ExitCodes.Clean);
        run.Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Output_is_sorted_by_path_and_identical_whatever_the_parallelism()
    {
        var names = new[] { "z.html", "a.html", "m/b.html", "m/a.cshtml", "A.htm", "k/l/m/n.razor", "b.html" };
        foreach (var name in names)
        {
            _tree.Write(name, name.EndsWith(".razor", StringComparison.Ordinal) ? "<html><head><title>T</title></head></html>" : Pages.MissingOgTitle);
        }

        var text1 = CheckRun.Check(_tree, new CheckOptions { Parallelism = 1 });
        var text8 = CheckRun.Check(_tree, new CheckOptions { Parallelism = 8 });
        var json1 = CheckRun.Check(_tree, new CheckOptions { Parallelism = 1, Format = ReportFormat.Json });
        var json8 = CheckRun.Check(_tree, new CheckOptions { Parallelism = 8, Format = ReportFormat.Json });

        text1.ProblemLines.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)])
            .ShouldBe(["A.htm", "a.html", "b.html", "k/l/m/n.razor", "m/a.cshtml", "m/b.html", "z.html"]);
        text8.ProblemLines.ShouldBe(text1.ProblemLines);
        json8.Stdout.ShouldBe(json1.Stdout);
    }

    [Fact]
    public void Problems_within_a_file_are_in_position_order()
    {
        // Two unused suppressions (SMO901) and SMO001 on <head> between them.
        _tree.Write("index.html", """
            <!-- smolsp-disable-next-line SMO001 -->
            <html>
            <head>
              <title>T</title>
              <!-- smolsp-disable-next-line SMO002 -->
            </head>
            </html>
            """);

        var run = CheckRun.Check(_tree, new CheckOptions { FailOn = Analysis.Rules.DiagnosticSeverity.Hint });

        run.ProblemLines.Select(l => string.Join(':', l.Split(':')[1..3])).ShouldBe(["1:1", "5:3", "6:1"]);
    }

    [Fact]
    public void Paths_are_relative_to_the_working_directory_with_forward_slashes()
    {
        _tree.Write("site/deep/er/page.html", Pages.MissingOgTitle);

        var fromSite = CheckRun.Check(_tree, new CheckOptions { WorkingDirectory = _tree.PathOf("site"), Paths = ["."] });
        fromSite.ProblemLines.Single().ShouldStartWith("deep/er/page.html:5:1:");

        var fromBelow = CheckRun.Check(_tree, new CheckOptions { WorkingDirectory = _tree.PathOf("site/deep"), Paths = [".."] });
        fromBelow.ProblemLines.Single().ShouldStartWith("er/page.html:5:1:");

        var explicitFile = CheckRun.Check(_tree, new CheckOptions { WorkingDirectory = _tree.PathOf("site/deep/er"), Paths = [_tree.PathOf("site/deep/er/page.html")] });
        explicitFile.ProblemLines.Single().ShouldStartWith("page.html:5:1:");
    }

    [Fact]
    public void Summary_counts_problems_files_and_skips()
    {
        _tree.Write("a.html", Pages.MissingOgTitle);
        _tree.Write("b.html", Pages.MissingOgTitle);
        _tree.Write("c.html", Pages.Clean);
        _tree.WriteBytes("d.html", [0x3C, 0x00, 0x01, 0x02]);

        var run = CheckRun.Check(_tree);

        run.SummaryLine.ShouldMatch(@"^2 problems \(2 warnings\) in 2 files; 3 files checked, 1 skipped in \d+\.\d\ds$");
    }
}
