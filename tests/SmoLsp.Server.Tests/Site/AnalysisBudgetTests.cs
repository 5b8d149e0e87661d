using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Tests.Images;

namespace SmoLsp.Server.Tests.Site;

/// <summary>The hosts' side of the per-file budgets: the session passes its time budget, and reports carry the cap's note.</summary>
public sealed class AnalysisBudgetTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_session_gives_every_analysis_its_time_budget()
    {
        var page = _tree.Write("index.html", "<html><head><title>Hello</title></head></html>");
        new SiteOptions().AnalysisTimeBudget.ShouldBe(TimeSpan.FromSeconds(10));

        var spent = new SiteSession(CheckRun.SingleRuleEngine, new SiteOptions { Folders = [_tree.Root], AnalysisTimeBudget = TimeSpan.Zero }).Analyze(page);
        var stopped = spent.Result.ShouldNotBeNull().Diagnostics.ShouldHaveSingleItem();
        stopped.Id.ShouldBe("SMO900");
        stopped.Message.ShouldStartWith("Analysis stopped after its time budget of 0 ms");

        var normal = new SiteSession(CheckRun.SingleRuleEngine, new SiteOptions { Folders = [_tree.Root] }).Analyze(page);
        normal.Result.ShouldNotBeNull().Diagnostics.ShouldNotContain(d => d.Id == "SMO900");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rule_that_ignores_the_budget_costs_its_page_not_the_run()
    {
        var pages = new[] { "a.html", "stuck.html", "b.html" }.Select(name => _tree.Write(name, $"<html><head><title>{name}</title></head></html>")).ToArray();
        using var release = new ManualResetEventSlim();
        var engine = new AnalysisEngine([new StuckRule(release), .. CheckRun.SingleRuleEngine.Rules]);
        var session = new SiteSession(engine, new SiteOptions { Folders = [_tree.Root], AnalysisTimeBudget = TimeSpan.FromMilliseconds(200) });
        try
        {
            var analyses = await Task.Run(() => session.AnalyzeAll(pages, 2, analysis => analysis));

            analyses.Select(a => Path.GetFileName(a.Path)).ShouldBe(["a.html", "stuck.html", "b.html"]);
            var stuck = analyses[1].Diagnostics.ShouldHaveSingleItem();
            stuck.Id.ShouldBe("SMO900");
            stuck.Message.ShouldBe("SmoLsp could not analyze this file: it ran past its time budget of 200 ms and was given up, so no problems are reported for it");
            analyses[0].Diagnostics.Select(d => d.Id).ShouldBe(["SMO001"]);
            analyses[2].Diagnostics.Select(d => d.Id).ShouldBe(["SMO001"]);

            // One page at a time (an editor's buffer, a fix's second look) is given up the same way.
            var alone = await Task.Run(() => session.Analyze(TemplateDocument.FromPath(pages[1], "<html><head><title>x</title></head></html>")));
            alone.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe(stuck.Message);
        }
        finally
        {
            release.Set(); // the given-up thread returns; its late answer is dropped
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_page_of_a_hundred_thousand_local_share_images_is_checked_in_linear_time()
    {
        // Each og:image group once looked for its file by scanning every image of the page: minutes on this page.
        _tree.Write("smolsp.json", """{ "webRoot": "wwwroot" }""");
        _tree.WriteBytes("wwwroot/card.png", TestImageFiles.Png(1200, 630));
        _tree.Write("index.html", "<!DOCTYPE html>\n<html>\n<head>\n" + string.Concat(Enumerable.Repeat("<meta property=\"og:image\" content=\"/card.png\">\n", 100_000)) + "</head>\n</html>\n");
        var run = await Task.Run(() => CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json }, engine: CheckRun.EngineWith("SMO402", "SMO403", "SMO409")));

        var messages = run.Json.EnumerateArray().Single().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("message").GetString()!).ToList();
        messages.Count.ShouldBe(100);
        messages[^1].ShouldContain("(and 99,900 more like this in this file");
    }

    [Theory(Timeout = 120_000)]
    [InlineData("chain")]
    [InlineData("nested")]
    public async Task Twenty_thousand_alternatives_are_compared_in_linear_time(string shape)
    {
        // SMO009 compared each copy with every earlier one, and each comparison walked every branch around both.
        var body = shape == "chain"
            ? "@if (a0) { <meta property=\"og:title\" content=\"t\"><title>t</title> }\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"else if (a{i}) {{ <meta property=\"og:title\" content=\"t\"><title>t</title> }}\n"))
            : string.Concat(Enumerable.Repeat("@if (a) { <meta property=\"og:title\" content=\"t\"><title>t</title>\n", 5_000)) + new string('}', 5_000);
        _tree.Write("Pages/Index.cshtml", "@page\n<!DOCTYPE html>\n<html>\n<head>\n" + body + "\n</head>\n</html>\n");
        var run = await Task.Run(() => CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json }, engine: CheckRun.EngineWith("SMO009", "SMO206")));

        var rules = run.Json.EnumerateArray().Single().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("ruleId").GetString()).ToList();
        rules.ShouldNotContain("SMO900");
        if (shape == "chain")
        {
            rules.ShouldBeEmpty(); // alternatives, never rendered together
        }
        else
        {
            rules.Count(r => r == "SMO009").ShouldBe(100); // nested: all render together, capped per rule
        }
    }

    /// <summary>A rule that waits on one page until the test releases it, looking at no budget: a hang in a rule's own loop.</summary>
    private sealed class StuckRule(ManualResetEventSlim release) : Rule
    {
        private static readonly RuleDescriptor s_rule = new("SMO997", "Stuck", "never reported", RuleCategory.Engine, DiagnosticSeverity.Warning);

        public override RuleDescriptor Descriptor => s_rule;

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
        {
            if (context.Document.Path.EndsWith("stuck.html", StringComparison.Ordinal))
            {
                release.Wait();
            }
        });
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_on_a_page_of_fifty_thousand_titles_reports_each_rule_a_hundred_times_and_says_how_many_more()
    {
        _tree.Write("titles.html", "<!DOCTYPE html>\n<html>\n<head>\n" + string.Concat(Enumerable.Repeat("<title>x</title>\n", 50_000)) + "</head>\n<body></body>\n</html>\n");
        var run = await Task.Run(() => CheckRun.Check(_tree, new CheckOptions { Format = ReportFormat.Json }, engine: CheckRun.EngineWith("SMO204", "SMO206")));

        var messages = run.Json.EnumerateArray().Single().GetProperty("messages").EnumerateArray()
            .Select(m => (Rule: m.GetProperty("ruleId").GetString(), Text: m.GetProperty("message").GetString()!)).ToList();
        foreach (var rule in new[] { "SMO204", "SMO206" })
        {
            var own = messages.Where(m => m.Rule == rule).ToList();
            own.Count.ShouldBe(100);
            own.Count(m => m.Text.Contains("more like this in this file", StringComparison.Ordinal)).ShouldBe(1);
        }

        messages.ShouldContain(m => m.Text.Contains("(and 49,900 more like this in this file", StringComparison.Ordinal));
    }
}
