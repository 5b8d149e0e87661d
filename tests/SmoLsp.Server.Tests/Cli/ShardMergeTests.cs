using System.Text.Json;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules;
using SmoLsp.Server.Cli;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>
/// A CI matrix of <c>check --shard I/N --site-facts FILE</c> jobs and one <c>smolsp merge</c> report exactly what one
/// unsharded run reports: the per-page findings from the shards, the cross-page findings (grouped by site, suppressions
/// kept) from the merge. The full-size version (50,000 files) is bench/shards.sh.
/// </summary>
public sealed class ShardMergeTests : IDisposable
{
    private static readonly AnalysisEngine s_engine = BuiltInRules.CreateEngine();
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string Page(string title, string description, bool suppressTitle = false) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          {(suppressTitle ? "<!-- smolsp-disable-next-line SMO210 -- generated archive pages -->\n  " : string.Empty)}<title>{title}</title>
          <meta name="description" content="{description}">
          <meta property="og:title" content="{title}">
        </head>
        <body><h1>{title}</h1></body>
        </html>
        """;

    /// <summary>Two apps and a loose folder; titles and descriptions shared within and across them.</summary>
    private void WriteSites()
    {
        _tree.Write(".git/HEAD", "x");
        _tree.Write("apps/shop/Shop.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
        _tree.Write("apps/blog/smolsp.json", "{}");
        for (var i = 0; i < 24; i++)
        {
            var title = $"Acme title {i % 5}";
            var description = $"Everything about Acme widgets, part {i % 7}, with enough words to be a real description.";
            _tree.Write($"apps/shop/wwwroot/p{i}/index.html", Page(title, description));
            _tree.Write($"apps/blog/posts/{i}.html", Page(title, description, suppressTitle: i % 6 == 0));
            _tree.Write($"loose/{i % 3}/page{i}.html", Page($"Loose {i % 4}", description));
        }
    }

    private CheckRun Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var options = new CheckOptions
        {
            Paths = ["."],
            Reports = [new ReportTarget(ReportFormat.Text), new ReportTarget(ReportFormat.Sarif, args[0])],
            Shard = args.Length > 1 && Shard.TryParse(args[1], out var shard) ? shard : null,
            SiteFactsFile = args.Length > 2 ? args[2] : null,
            WorkingDirectory = _tree.Root,
        };
        var code = new CheckRunner(stdout, stderr, s_engine).Run(options);
        return new CheckRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Each SARIF result in words: rule, place, message, suppression and fingerprint; sorted.</summary>
    private List<string> Results(string sarifFile)
    {
        using var sarif = JsonDocument.Parse(File.ReadAllText(_tree.PathOf(sarifFile)));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var results = new List<string>();
        foreach (var r in run.GetProperty("results").EnumerateArray())
        {
            var id = r.GetProperty("ruleId").GetString()!;
            rules[r.GetProperty("ruleIndex").GetInt32()].ShouldBe(id, "ruleIndex points at the result's rule");
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = location.GetProperty("region");
            results.Add(string.Join(" | ", id, location.GetProperty("artifactLocation").GetProperty("uri").GetString(),
                $"{region.GetProperty("startLine")}:{region.GetProperty("startColumn")}-{region.GetProperty("endLine")}:{region.GetProperty("endColumn")}",
                r.GetProperty("message").GetProperty("text").GetString(), r.GetProperty("level").GetString(),
                r.TryGetProperty("suppressions", out _) ? "suppressed" : "active",
                r.GetProperty("partialFingerprints").GetRawText(),
                r.TryGetProperty("relatedLocations", out var related) ? related.GetRawText() : "-"));
        }

        results.Sort(StringComparer.Ordinal);
        return results;
    }

    [Fact]
    public void Four_shards_and_a_merge_report_what_one_run_reports()
    {
        WriteSites();
        var whole = Run("whole.sarif");
        whole.Stderr.ShouldBeEmpty();
        var expected = Results("whole.sarif");
        expected.ShouldContain(r => r.StartsWith("SMO210 |", StringComparison.Ordinal) && r.Contains("suppressed", StringComparison.Ordinal));
        expected.Count(r => r.StartsWith("SMO210 |", StringComparison.Ordinal) || r.StartsWith("SMO211 |", StringComparison.Ordinal)).ShouldBeGreaterThan(40);

        var siteRules = BuiltInRules.All.OfType<SiteRule>().Select(r => $" {r.Descriptor.Id} ").ToList();
        var lines = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var shard = Run($"shard{i}.sarif", $"{i}/4", $"facts/shard{i}.json");
            shard.ExitCode.ShouldBeOneOf(ExitCodes.Clean, ExitCodes.Findings);
            shard.Stderr.ShouldBeEmpty();
            shard.ProblemLines.ShouldNotContain(l => siteRules.Any(id => l.Contains(id, StringComparison.Ordinal)), "with --site-facts the cross-page rules are the merge's");
            lines.AddRange(shard.ProblemLines);
        }

        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = MergeCommand.Run([.. Enumerable.Range(1, 4).Select(i => $"facts/shard{i}.json")], [.. Enumerable.Range(1, 4).Select(i => $"shard{i}.sarif")],
            "merged.sarif", DiagnosticSeverity.Error, _tree.Root, stdout, stderr);
        stderr.ToString().ShouldBeEmpty();
        code.ShouldBe(whole.ExitCode);

        Results("merged.sarif").ShouldBe(expected);

        // The shards' text reports and the merge's hold exactly the whole run's lines.
        var merged = new CheckRun(code, stdout.ToString(), stderr.ToString());
        merged.ProblemLines.ShouldNotBeEmpty();
        merged.ProblemLines.ShouldAllBe(l => siteRules.Any(id => l.Contains(id, StringComparison.Ordinal)));
        lines.AddRange(merged.ProblemLines);
        lines.Order(StringComparer.Ordinal).ShouldBe(whole.ProblemLines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Overlapping_shards_are_an_error()
    {
        WriteSites();
        Run("a.sarif", "1/2", "a.json").Stderr.ShouldBeEmpty();
        var stderr = new StringWriter();
        MergeCommand.Run(["a.json", "a.json"], [], null, DiagnosticSeverity.Error, _tree.Root, new StringWriter(), stderr).ShouldBe(ExitCodes.Error);
        stderr.ToString().ShouldContain("is in more than one facts file");
    }

    /// <summary>A facts file as a shard writes it, with <paramref name="fact"/> as its one page's one fact ('...' for "...").</summary>
    private static string FactsFile(string fact = "{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning'}") =>
        "{'version':1,'tool':'smolsp 1','pages':[{'path':'a.html','site':'.','facts':[" + fact + "]}]}";

    [Fact]
    public void A_well_formed_facts_file_merges()
    {
        _tree.Write("facts.json", FactsFile().Replace('\'', '"'));
        var stderr = new StringWriter();
        MergeCommand.Run(["facts.json"], [], null, DiagnosticSeverity.Error, _tree.Root, new StringWriter(), stderr).ShouldBe(ExitCodes.Clean);
        stderr.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void A_facts_file_of_another_version_says_so_whatever_its_shape()
    {
        _tree.Write("facts.json", "{\"version\":2,\"pages\":\"elsewhere\"}");
        var stderr = new StringWriter();
        MergeCommand.Run(["facts.json"], [], null, DiagnosticSeverity.Error, _tree.Root, new StringWriter(), stderr).ShouldBe(ExitCodes.Error);
        stderr.ToString().ShouldBe($"smolsp merge: error: facts.json: site-facts version 2 is not 1: write every shard with the same smolsp{Environment.NewLine}");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{'version':'1','pages':[]}")]
    [InlineData("{'version':1}")]
    [InlineData("{'version':1,'pages':null}")]
    [InlineData("{'version':1,'pages':{}}")]
    [InlineData("{'version':1,'pages':[null]}")]
    [InlineData("{'version':1,'pages':[{'path':7,'site':'.','facts':[]}]}")]
    [InlineData("{'version':1,'pages':[{'path':null,'site':'.','facts':[]}]}")]
    [InlineData("{'version':1,'pages':[{'path':'','site':'.','facts':[]}]}")]
    [InlineData("{'version':1,'pages':[{'path':'a.html','facts':[]}]}")]
    [InlineData("{'version':1,'pages':[{'path':'a.html','site':'.','facts':null}]}")]
    [InlineData("{'version':1,'pages':[{'path':'a.html','site':'.','facts':{}}]}")]
    [InlineData("{'version':1,'pages':[{'path':'a.html','site':'.','facts':[null]}]}")]
    [InlineData("{'rule':null,'key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO001','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':null,'text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':5,'text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':['Acme'],'start':10,'length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':-1,'length':4,'range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':'4','range':[1,2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,null,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':{'line':1},'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,-2,1,6],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1],'severity':'Warning'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'7'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning, Error'}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning','suppression':{'kind':'Sometimes','rules':[],'start':0,'length':3}}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning','suppression':{'kind':'DisableLine','rules':null,'start':0,'length':3}}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning','suppression':{'kind':'DisableLine','rules':[null],'start':0,'length':3}}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning','suppression':{'kind':'DisableLine','rules':'SMO210','start':0,'length':3}}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning','suppression':{'kind':'DisableLine','rules':[],'start':0,'length':-3}}")]
    [InlineData("{'rule':'SMO210','key':'acme','text':'Acme','start':10,'length':4,'range':[1,2,1,6],'severity':'Warning','suppression':[]}")]
    public void A_facts_file_with_wrongly_typed_fields_is_an_input_error_that_names_the_file(string json)
    {
        // A whole document, or one fact of a page.
        _tree.Write("facts.json", (json.StartsWith("{'rule'", StringComparison.Ordinal) ? FactsFile(json) : json).Replace('\'', '"'));
        var stderr = new StringWriter();
        MergeCommand.Run(["facts.json"], [], null, DiagnosticSeverity.Error, _tree.Root, new StringWriter(), stderr).ShouldBe(ExitCodes.Error);
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem().ShouldStartWith("smolsp merge: error: facts.json: ");
    }

    [Theory]
    [InlineData("{\"runs\":[5]}", "an item of 'runs' is not an object")]
    [InlineData("{\"runs\":[{\"tool\":\"smolsp\"}]}", "'tool' is not an object")]
    [InlineData("{\"runs\":[{\"tool\":{\"driver\":{\"rules\":[{\"id\":7}]}}}]}", "'id' is not a string")]
    [InlineData("{\"runs\":[{\"results\":\"none\"}]}", "'results' is not an array")]
    [InlineData("{\"runs\":[{\"results\":[{\"level\":3}]}]}", "'level' is not a string")]
    [InlineData("{\"runs\":[{\"invocations\":[true]}]}", "an item of 'invocations' is not an object")]
    [InlineData("{\"runs\":[{}, {\"results\":[[]]}]}", "an item of 'results' is not an object")]
    public void A_sarif_file_with_wrongly_typed_fields_is_an_input_error_that_names_the_file(string sarif, string why)
    {
        _tree.Write("shard.sarif", sarif);
        var stderr = new StringWriter();
        MergeCommand.Run([], ["shard.sarif"], "merged.sarif", DiagnosticSeverity.Error, _tree.Root, new StringWriter(), stderr).ShouldBe(ExitCodes.Error);
        stderr.ToString().ShouldBe($"smolsp merge: error: shard.sarif: not a SARIF log: {why}{Environment.NewLine}");
    }
}
