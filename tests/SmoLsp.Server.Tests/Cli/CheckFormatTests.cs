using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Infrastructure;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>The report formats: each one's shape, parsed the way its consumer parses it.</summary>
public sealed class CheckFormatTests : IDisposable
{
    private const string DuplicateTitles = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Widgets</title>
          <title>Acme</title>
          <meta property="og:title" content="Acme Widgets">
        </head>
        </html>

        """;

    private static readonly Lazy<JsonSchemaValidator> s_sarifSchema = new(() =>
        JsonSchemaValidator.Load(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")));

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>A small site with every kind of finding: a warning, an error with a related location, a suppressed one, and (with SMO210) a cross-page one.</summary>
    private void WriteSite()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);
        _tree.Write("my pages/about.html", Pages.Clean);
        _tree.Write("blog/dup.html", DuplicateTitles.Replace("Acme Widgets", "Acme blog", StringComparison.Ordinal));
        _tree.Write("blog/quiet.html", """
            <!doctype html>
            <html>
            <!-- smolsp-disable-next-line SMO001 -- og:title comes from the CMS -->
            <head>
              <title>Quiet, page</title>
            </head>
            </html>

            """);
    }

    private CheckRun Run(ReportFormat format, params string[] ids) =>
        CheckRun.Check(_tree, new CheckOptions { Format = format }, engine: CheckRun.EngineWith(ids.Length > 0 ? ids : ["SMO001", "SMO206"]));

    [Fact]
    public void Sarif_is_valid_against_the_2_1_0_schema()
    {
        WriteSite();

        var run = Run(ReportFormat.Sarif, "SMO001", "SMO206", "SMO210");

        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.Stdout.ShouldContain("\"SMO210\"");
        var sarif = JsonDocument.Parse(run.Stdout).RootElement;
        s_sarifSchema.Value.Validate(sarif).ShouldBeEmpty();
    }

    [Fact]
    public void Sarif_with_the_whole_catalog_is_valid_against_the_schema()
    {
        WriteSite();

        var run = CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Sarif }, engine: SmoLsp.Rules.BuiltInRules.CreateEngine());

        var sarif = JsonDocument.Parse(run.Stdout).RootElement;
        s_sarifSchema.Value.Validate(sarif).ShouldBeEmpty();
        var rules = sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        rules.GetArrayLength().ShouldBe(SmoLsp.Rules.BuiltInRules.CreateEngine().Descriptors.Count);
    }

    [Fact]
    public void The_validator_rejects_what_the_schema_forbids()
    {
        // Proof the validator checks something: a wrong version, a level outside the enum, a 0 line, an unknown property.
        var broken = JsonDocument.Parse("""
            {"version":"2.0.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[
              {"message":{"text":"m"},"level":"fatal","locations":[{"physicalLocation":{"region":{"startLine":0}}}],"colour":1}]}]}
            """).RootElement;

        var errors = s_sarifSchema.Value.Validate(broken);

        errors.ShouldContain(e => e.StartsWith("$.version", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("\"fatal\"", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("below the minimum", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("'colour' is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Sarif_has_rule_metadata_relative_uris_regions_fingerprints_and_suppressions()
    {
        WriteSite();
        _tree.Write("my pages/news.html", Pages.MissingOgTitle.Replace("Acme Widgets", "Acme news", StringComparison.Ordinal));

        var run = JsonDocument.Parse(Run(ReportFormat.Sarif).Stdout).RootElement.GetProperty("runs")[0];

        run.GetProperty("columnKind").GetString().ShouldBe("utf16CodeUnits");
        run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString().ShouldBe(new Uri(_tree.Root + "/").AbsoluteUri);
        var driver = run.GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().ShouldBe("smolsp");
        driver.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        driver.GetProperty("informationUri").GetString().ShouldStartWith("https://");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var smo001 = rules.Single(r => r.GetProperty("id").GetString() == "SMO001");
        smo001.GetProperty("name").GetString().ShouldBe("MissingOgTitle");
        smo001.GetProperty("shortDescription").GetProperty("text").GetString().ShouldBe("Missing og:title");
        smo001.GetProperty("helpUri").GetString().ShouldBe(RuleDocs.BaseUrl + "SMO001.md");
        smo001.GetProperty("defaultConfiguration").GetProperty("level").GetString().ShouldBe("warning");
        smo001.GetProperty("properties").GetProperty("category").GetString().ShouldBe("open-graph");
        smo001.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldContain("open-graph");

        var results = run.GetProperty("results").EnumerateArray().ToList();
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            rules[index].GetProperty("id").GetString().ShouldBe(result.GetProperty("ruleId").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            uri.ShouldNotContain("\\");
            uri.ShouldNotStartWith("/");
            location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString().ShouldBe("%SRCROOT%");
            location.GetProperty("region").GetProperty("startLine").GetInt32().ShouldBeGreaterThan(0);
            location.GetProperty("region").GetProperty("startColumn").GetInt32().ShouldBeGreaterThan(0);
            result.GetProperty("partialFingerprints").GetProperty(SarifReportWriter.FingerprintKey).GetString()!.Length.ShouldBe(32);
        }

        // A space in a folder name is percent-encoded; the region is 1-based (</head> on line 5, column 1).
        var missing = results.Where(r => r.GetProperty("ruleId").GetString() == "SMO001" && !r.TryGetProperty("suppressions", out _)).ToList();
        missing.Select(m => m.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .ShouldBe(["index.html", "my%20pages/news.html"]);
        var region = missing[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endColumn").GetInt32()).ShouldBe((5, 1, 8));

        var suppressed = results.Single(r => r.TryGetProperty("suppressions", out _));
        suppressed.GetProperty("ruleId").GetString().ShouldBe("SMO001");
        suppressed.GetProperty("suppressions")[0].GetProperty("kind").GetString().ShouldBe("inSource");
        suppressed.GetProperty("suppressions")[0].GetProperty("justification").GetString().ShouldBe("og:title comes from the CMS");

        var duplicate = results.Single(r => r.GetProperty("ruleId").GetString() == "SMO206");
        duplicate.GetProperty("level").GetString().ShouldBe("error");
        var related = duplicate.GetProperty("relatedLocations")[0];
        related.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32().ShouldBe(4);
    }

    [Fact]
    public void Sarif_cross_page_results_point_at_the_other_pages()
    {
        _tree.Write("a.html", Pages.Clean);
        _tree.Write("b/c.html", Pages.Clean);

        var results = JsonDocument.Parse(Run(ReportFormat.Sarif, "SMO210").Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        results.Count.ShouldBe(2);
        var first = results[0];
        first.GetProperty("ruleId").GetString().ShouldBe("SMO210");
        first.GetProperty("message").GetProperty("text").GetString()!.ShouldContain("b/c.html");
        var related = first.GetProperty("relatedLocations")[0].GetProperty("physicalLocation");
        related.GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe("b/c.html");
        related.GetProperty("region").GetProperty("startLine").GetInt32().ShouldBe(4);
    }

    [Fact]
    public void Github_annotations_escape_data_and_properties()
    {
        GithubReportWriter.EscapeData("100% done\r\nnext").ShouldBe("100%25 done%0D%0Anext");
        GithubReportWriter.EscapeProperty("a:b,c%\n").ShouldBe("a%3Ab%2Cc%25%0A");
    }

    [Fact]
    public void Github_annotations_have_file_position_title_and_severity()
    {
        _tree.Write("a,b:c.html", Pages.MissingOgTitle);
        _tree.Write("dup.html", DuplicateTitles.Replace("Acme Widgets", "100% Acme", StringComparison.Ordinal));

        var lines = Run(ReportFormat.Github).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.ShouldContain("::warning file=a%2Cb%3Ac.html,line=5,col=1,endLine=5,endColumn=8,title=SMO001 Missing og%3Atitle::The page has no og:title: share cards on Facebook, LinkedIn and X will guess a title");
        lines.ShouldContain(l => l.StartsWith("::error file=dup.html,line=5,col=3,", StringComparison.Ordinal) && l.Contains(",title=SMO206 More than one title::", StringComparison.Ordinal));
        lines.ShouldAllBe(l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public void Github_maps_info_and_hint_to_notice()
    {
        GithubReportWriter.Command(Analysis.Rules.DiagnosticSeverity.Error).ShouldBe("error");
        GithubReportWriter.Command(Analysis.Rules.DiagnosticSeverity.Warning).ShouldBe("warning");
        GithubReportWriter.Command(Analysis.Rules.DiagnosticSeverity.Info).ShouldBe("notice");
        GithubReportWriter.Command(Analysis.Rules.DiagnosticSeverity.Hint).ShouldBe("notice");
    }

    [Fact]
    public void Junit_has_a_suite_per_file_and_a_failing_case_per_problem()
    {
        WriteSite();

        var xml = XDocument.Parse(Run(ReportFormat.Junit).Stdout);

        xml.Root!.Name.LocalName.ShouldBe("testsuites");
        var suites = xml.Root.Elements("testsuite").ToList();
        suites.Select(s => (string)s.Attribute("name")!).ShouldBe(["blog/dup.html", "blog/quiet.html", "index.html", "my pages/about.html"]);
        var index = suites.Single(s => (string)s.Attribute("name")! == "index.html");
        ((int)index.Attribute("failures")!).ShouldBe(1);
        var failure = index.Element("testcase")!.Element("failure")!;
        ((string)failure.Attribute("type")!).ShouldBe("warning");
        ((string)failure.Attribute("message")!).ShouldStartWith("The page has no og:title");
        var clean = suites.Single(s => (string)s.Attribute("name")! == "my pages/about.html");
        ((int)clean.Attribute("failures")!).ShouldBe(0);
        clean.Elements("testcase").Single().Element("failure").ShouldBeNull();
    }

    [Fact]
    public void Checkstyle_has_a_file_element_per_file_and_an_error_per_problem()
    {
        WriteSite();

        var xml = XDocument.Parse(Run(ReportFormat.Checkstyle).Stdout);

        xml.Root!.Name.LocalName.ShouldBe("checkstyle");
        var files = xml.Root.Elements("file").ToList();
        files.Select(f => (string)f.Attribute("name")!).ShouldBe(["blog/dup.html", "blog/quiet.html", "index.html", "my pages/about.html"]);
        var error = files.Single(f => (string)f.Attribute("name")! == "blog/dup.html").Elements("error").Single();
        ((int)error.Attribute("line")!).ShouldBe(5);
        ((int)error.Attribute("column")!).ShouldBe(3);
        ((string)error.Attribute("severity")!).ShouldBe("error");
        ((string)error.Attribute("source")!).ShouldBe("smolsp.SMO206");
    }

    [Fact]
    public void Xml_reports_survive_control_characters_and_markup_in_messages()
    {
        _tree.Write("x.html", "<!doctype html><html><head><title>A \u0001 <b> & \"q\"</title><title>B</title></head></html>");

        foreach (var format in new[] { ReportFormat.Junit, ReportFormat.Checkstyle })
        {
            var doc = XDocument.Parse(Run(format).Stdout);
            doc.Root.ShouldNotBeNull();
        }
    }

    [Fact]
    public void Gitlab_code_quality_issues_have_the_required_fields()
    {
        WriteSite();

        var issues = JsonDocument.Parse(Run(ReportFormat.Gitlab).Stdout).RootElement.EnumerateArray().ToList();

        issues.Count.ShouldBe(2);
        foreach (var issue in issues)
        {
            issue.GetProperty("description").GetString().ShouldNotBeNullOrEmpty();
            issue.GetProperty("check_name").GetString()!.ShouldStartWith("SMO");
            issue.GetProperty("fingerprint").GetString()!.Length.ShouldBe(32);
            issue.GetProperty("severity").GetString().ShouldBeOneOf("info", "minor", "major", "critical", "blocker");
            issue.GetProperty("location").GetProperty("path").GetString().ShouldNotBeNullOrEmpty();
            issue.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32().ShouldBeGreaterThan(0);
        }

        issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count().ShouldBe(issues.Count);
        var index = issues.Single(i => i.GetProperty("location").GetProperty("path").GetString() == "index.html");
        index.GetProperty("severity").GetString().ShouldBe("major");
        index.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32().ShouldBe(5);
    }

    // Baselines and code scanning hold earlier fingerprints: the spelling is the first 16 bytes of the SHA-256 of
    // "smolsp/v1\0path\0rule\0collapsed text\0occurrence" as lower-case hex, whatever form the run keeps it in.
    [Fact]
    public void A_fingerprint_is_spelled_as_the_first_half_of_its_hash_in_lower_case_hex()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("smolsp/v1\0a.html\0SMO001\0<title> x </title>\02")).AsSpan(0, 16));

        Fingerprints.Format(Fingerprints.Compute("a.html", "SMO001", "  <title>\n x\t</title> ", 2)).ShouldBe(expected);
        Fingerprints.Format(Fingerprints.Compute("a.html", "SMO001", "", 0)).Length.ShouldBe(32);
        new ReportMessage("SMO001", default, "m", 1, 1, 1, 1).Fingerprint.ShouldBeEmpty();
    }

    [Fact]
    public void Gitlab_fingerprints_stay_the_same_when_lines_move()
    {
        _tree.Write("a.html", DuplicateTitles.Replace("<title>Acme</title>", "<title>Acme</title>\n  <title>Acme</title>", StringComparison.Ordinal));
        _tree.Write("b.html", Pages.MissingOgTitle);
        var before = Issues();

        // Lines inserted above every problem, and the indentation of a flagged tag changed.
        _tree.Write("a.html", "<!-- a new comment -->\n\n" + DuplicateTitles.Replace("<title>Acme</title>", "<title>Acme</title>\n      <title>Acme</title>", StringComparison.Ordinal));
        _tree.Write("b.html", "\n\n\n" + Pages.MissingOgTitle);
        var after = Issues();

        after.Select(i => i.Line).ShouldNotBe(before.Select(i => i.Line));
        after.Select(i => i.Fingerprint).Order().ShouldBe(before.Select(i => i.Fingerprint).Order());
        before.Select(i => i.Fingerprint).Distinct().Count().ShouldBe(before.Count, "two copies of one tag still get two fingerprints");

        // A fix changes the flagged text: that problem's fingerprint is gone, the other one stays.
        _tree.Write("a.html", DuplicateTitles.Replace("<title>Acme</title>", "<title>Acme</title>\n  <title>Acme Two</title>", StringComparison.Ordinal));
        Issues().Select(i => i.Fingerprint).Intersect(before.Select(i => i.Fingerprint)).Count().ShouldBe(2);

        List<(string Fingerprint, int Line)> Issues() => [.. JsonDocument.Parse(Run(ReportFormat.Gitlab).Stdout).RootElement.EnumerateArray()
            .Select(i => (i.GetProperty("fingerprint").GetString()!, i.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32()))];
    }

    [Fact]
    public void Json_lists_inline_suppressed_problems_separately()
    {
        WriteSite();

        var files = Run(ReportFormat.Json).Json.EnumerateArray().ToList();

        var quiet = files.Single(f => f.GetProperty("filePath").GetString() == "blog/quiet.html");
        quiet.GetProperty("messages").GetArrayLength().ShouldBe(0);
        var suppressed = quiet.GetProperty("suppressedMessages").EnumerateArray().Single();
        suppressed.GetProperty("ruleId").GetString().ShouldBe("SMO001");
        suppressed.GetProperty("suppressions")[0].GetProperty("justification").GetString().ShouldBe("og:title comes from the CMS");
    }

    [Fact]
    public void Several_formats_in_one_run_each_go_where_asked_as_utf8_without_bom()
    {
        WriteSite();
        var names = new[] { "text", "json", "sarif", "github", "junit", "checkstyle", "gitlab" };

        var run = CheckRun.Cli(["check", _tree.Root, "--format", "text", .. names.Select(n => $"--format={n}={Path.Combine(_tree.Root, "reports", n + ".out")}")]);

        run.ExitCode.ShouldBe(ExitCodes.Findings);
        run.Stdout.ShouldContain("index.html:5:1: warning SMO001");
        foreach (var name in names)
        {
            var bytes = File.ReadAllBytes(Path.Combine(_tree.Root, "reports", name + ".out"));
            bytes.Length.ShouldBeGreaterThan(0);
            bytes.AsSpan(0, 3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }).ShouldBeFalse($"{name} starts with a BOM");
            var text = new UTF8Encoding(false, true).GetString(bytes);
            switch (name)
            {
                case "json" or "sarif" or "gitlab":
                    JsonDocument.Parse(text);
                    break;
                case "junit" or "checkstyle":
                    XDocument.Parse(text);
                    break;
            }
        }
    }

    [Fact]
    public void Two_reports_on_standard_output_or_an_unknown_format_are_usage_errors()
    {
        _tree.Write("index.html", Pages.Clean);

        var two = CheckRun.Cli("check", _tree.Root, "--format", "text", "--format", "json");
        two.ExitCode.ShouldBe(ExitCodes.Error);
        two.Stderr.ShouldContain("only one --format can write to standard output");

        CheckRun.Cli("check", _tree.Root, "--format", "yaml=out.yaml").ExitCode.ShouldBe(ExitCodes.Error);
        CheckRun.Cli("check", _tree.Root, "--format", "sarif=").ExitCode.ShouldBe(ExitCodes.Error);
    }

    [Fact]
    public void Text_groups_problems_by_file_and_counts_them_by_rule()
    {
        WriteSite();

        var run = Run(ReportFormat.Text);

        var lines = run.Stdout.Split('\n');
        var dup = Array.FindIndex(lines, l => l.StartsWith("blog/dup.html:", StringComparison.Ordinal));
        lines[dup + 1].ShouldBeEmpty("a blank line closes each file's group");
        run.Stdout.ShouldContain("     1  SMO001  Missing og:title\n");
        run.Stdout.ShouldContain("     1  SMO206  More than one title\n");
        run.SummaryLine.ShouldStartWith("2 problems (1 error, 1 warning) in 2 files; 4 files checked, 1 suppressed inline in ");
        run.Stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void Colour_only_on_a_terminal_and_never_with_no_color()
    {
        _tree.Write("index.html", Pages.MissingOgTitle);

        string Stdout(TerminalInfo terminal, params string[] extra)
        {
            var stdout = new StringWriter();
            Program.Run(["check", _tree.Root, .. extra], stdout, new StringWriter(), null, terminal);
            return stdout.ToString();
        }

        Stdout(new TerminalInfo(StdoutIsTerminal: true, StderrIsTerminal: false, NoColor: false)).ShouldContain("\u001b[33mwarning\u001b[0m");
        Stdout(new TerminalInfo(StdoutIsTerminal: true, StderrIsTerminal: false, NoColor: true)).ShouldNotContain("\u001b[");
        Stdout(new TerminalInfo(StdoutIsTerminal: true, StderrIsTerminal: false, NoColor: false), "--no-color").ShouldNotContain("\u001b[");
        Stdout(new TerminalInfo(StdoutIsTerminal: false, StderrIsTerminal: false, NoColor: false)).ShouldNotContain("\u001b[");
        Stdout(new TerminalInfo(StdoutIsTerminal: true, StderrIsTerminal: true, NoColor: false), "--format", "json").ShouldNotContain("\u001b[");
    }

    [Fact]
    public void No_progress_line_when_standard_error_is_not_a_terminal_or_the_run_is_short()
    {
        _tree.Write("a.html", Pages.Clean);
        _tree.Write("b.html", Pages.MissingOgTitle);

        var stderr = new StringWriter();
        Program.Run(["check", _tree.Root], new StringWriter(), stderr, null, new TerminalInfo(true, true, false));

        // A terminal, but well under a second: nothing drawn.
        stderr.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Progress_line_is_drawn_on_standard_error_and_cleared_when_the_run_is_long()
    {
        var stderr = new StringWriter();
        var gate = new object();
        using (var progress = new ProgressIndicator(stderr, gate, 10, Timeout.InfiniteTimeSpan))
        {
            progress.Advance();
            progress.Draw();
        }

        var text = stderr.ToString();
        text.ShouldContain("smolsp: 1/10 files");
        text.ShouldEndWith("\r\u001b[2K", Case.Sensitive, "the line is cleared at the end");
    }
}
