using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Tests.Composition;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Tests.Engine;

/// <summary>What bounds one file's analysis: findings per rule, the time budget, and linear suppression matching.</summary>
public sealed class BudgetTests
{
    private static string Metas(int count) => "<html><head>\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"<meta name=m{i}>\n")) + "</head></html>";

    private static AnalysisResult Analyze(AnalysisEngine engine, string text, AnalysisBudget budget = default, string path = "index.html") =>
        engine.Analyze(TemplateDocument.FromPath(path, text), null, null, budget);

    [Fact]
    public void A_rule_keeps_at_most_the_cap_per_file_and_the_last_kept_finding_says_how_many_more()
    {
        var result = Analyze(new AnalysisEngine([new ReportEveryMetaRule(), new HeadRule()]), Metas(1_000));
        var kept = result.Diagnostics.Where(d => d.Id == "SMO990").ToList();
        kept.Count.ShouldBe(AnalysisEngine.MaxFindingsPerRule);
        kept.Select(d => d.Message).Take(3).ShouldBe(["meta m0", "meta m1", "meta m2"]);
        kept[^1].Message.ShouldStartWith("meta m99 (and 900 more like this in this file, not listed");
        kept.Take(kept.Count - 1).ShouldAllBe(d => !d.Message.Contains("more like this", StringComparison.Ordinal));
        result.Diagnostics.Count(d => d.Id == "SMO992").ShouldBe(1);
    }

    [Fact]
    public void A_rule_at_the_cap_exactly_gets_no_note()
    {
        var result = Analyze(new AnalysisEngine([new ReportEveryMetaRule()]), Metas(AnalysisEngine.MaxFindingsPerRule));
        result.Diagnostics.Count(d => d.Id == "SMO990").ShouldBe(AnalysisEngine.MaxFindingsPerRule);
        result.Diagnostics.ShouldAllBe(d => !d.Message.Contains("more like this", StringComparison.Ordinal));
    }

    [Fact]
    public void Thousands_separators_say_a_large_count_plainly()
    {
        var result = Analyze(new AnalysisEngine([new ReportEveryMetaRule()]), Metas(1_100));
        result.Diagnostics.Last(d => d.Id == "SMO990").Message.ShouldContain("(and 1,000 more like this in this file");
    }

    [Fact]
    public void Unused_suppressions_are_capped_too()
    {
        var text = string.Concat(Enumerable.Range(0, 250).Select(i => $"<!-- smolsp-disable-next-line SMO990 -->\n<p>{i}</p>\n"));
        var unused = Analyze(new AnalysisEngine([new ReportEveryMetaRule()]), text).Diagnostics.Where(d => d.Id == "SMO901").ToList();
        unused.Count.ShouldBe(AnalysisEngine.MaxFindingsPerRule);
        unused[^1].Message.ShouldContain("(and 150 more like this in this file");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hundred_thousand_if_else_blocks_are_parsed_in_linear_time()
    {
        // Each if body against each else body once cost 10 billion comparisons here, past every cap (about a minute).
        var text = "<html><head>\n" + string.Concat(Enumerable.Repeat("{% if a %}<meta property=\"og:image\" content=\"/a.png\">{% else %}<meta property=\"og:image\" content=\"{{ b }}\">{% endif %}\n", 100_000)) + "</head></html>";
        var result = await Task.Run(() => Analyze(new AnalysisEngine([new HeadRule()]), text, path: "page.liquid"));
        result.Syntax.Elements.Count(e => e.Name == "meta").ShouldBe(200_000);
    }

    [Fact]
    public void A_cancelled_budget_becomes_one_SMO900_with_the_budget_and_no_exception()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = Analyze(new AnalysisEngine([new ReportEveryMetaRule(), new HeadRule()]), Metas(3), new AnalysisBudget(TimeSpan.FromSeconds(10), cancelled.Token));
        var stopped = result.Diagnostics.ShouldHaveSingleItem();
        stopped.Id.ShouldBe("SMO900");
        stopped.Message.ShouldBe("Analysis stopped after its time budget of 10 s: the file is too large or too complex to check in time, so no other problems are reported for it");
        result.Syntax.Elements.Count(e => e.Name == "meta").ShouldBe(3);
        result.Suppressed.ShouldBeEmpty();
    }

    [Fact]
    public void The_stop_is_checked_between_rules()
    {
        using var budget = new CancellationTokenSource();
        var after = new CountingRule("SMO981");
        var engine = new AnalysisEngine([new CancellingRule("SMO980", budget), after]);
        var result = Analyze(engine, Metas(1), new AnalysisBudget(TimeSpan.FromMilliseconds(500), budget.Token));
        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldStartWith("Analysis stopped after its time budget of 500 ms");
        after.Calls.ShouldBe(0);
    }

    [Fact]
    public void The_stop_is_checked_while_elements_are_dispatched()
    {
        using var budget = new CancellationTokenSource();
        var rule = new CancelOnFirstElementRule(budget);
        var result = Analyze(new AnalysisEngine([rule]), Metas(10_000), new AnalysisBudget(TimeSpan.FromSeconds(1), budget.Token));
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("SMO900");
        rule.Calls.ShouldBeLessThanOrEqualTo(AnalysisEngine.ElementsBetweenChecks);
    }

    [Fact]
    public void A_rule_that_reports_in_a_long_loop_stops_at_its_next_report()
    {
        using var budget = new CancellationTokenSource();
        var rule = new ReportForeverRule(budget);
        var result = Analyze(new AnalysisEngine([rule]), Metas(1), new AnalysisBudget(TimeSpan.FromSeconds(1), budget.Token));
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("SMO900");
        rule.Reports.ShouldBe(1_001);
    }

    [Fact]
    public void SMO900_off_silences_the_stop_too()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var engine = new AnalysisEngine([new ReportEveryMetaRule()]);
        var result = engine.Analyze(TemplateDocument.FromPath("a.html", Metas(1)), SmoLspConfiguration.Default.WithRuleSeverity("SMO900", RuleSeverity.Off), null, new AnalysisBudget(TimeSpan.FromSeconds(1), cancelled.Token));
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_layout_analysis_cut_short_by_a_pages_budget_is_not_cached()
    {
        var site = Sites.Mvc(("/app/Views/Home/Index.cshtml", "@{ ViewData[\"Title\"] = \"Home\"; }\n<p>Hi</p>"));
        using var budget = new CancellationTokenSource();
        var engine = new AnalysisEngine([new CancelOnLayoutOnceRule(budget), new ReportEveryMetaRule(), new HeadRule()]);
        var page = site.Document("/app/Views/Home/Index.cshtml");

        var stopped = engine.Analyze(page, null, site, new AnalysisBudget(TimeSpan.FromSeconds(1), budget.Token));
        stopped.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("SMO900");

        var again = engine.Analyze(page, null, site);
        var fresh = new AnalysisEngine([new CancelOnLayoutOnceRule(null), new ReportEveryMetaRule(), new HeadRule()]).Analyze(page, null, site);
        again.Diagnostics.Select(d => (d.Id, d.Span, d.Message)).ShouldBe(fresh.Diagnostics.Select(d => (d.Id, d.Span, d.Message)));
        again.Diagnostics.ShouldNotContain(d => d.Id == "SMO900");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_page_of_a_hundred_thousand_titles_and_directives_is_analyzed_in_linear_time_with_capped_findings()
    {
        // Every title on a line of its own under a disable-next-line aimed at another rule, plus disable/enable regions:
        // each finding is matched against 200,000 directives. A scan per finding (and per region, of every later
        // directive) made this quadratic.
        var text = "<html><head>\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i =>
            $"<!-- smolsp-disable-next-line SMO992 -->\n<meta name=t{i}>\n<!-- smolsp-disable SMO992 -->\n<!-- smolsp-enable SMO992 -->\n")) + "</head></html>";
        var result = await Task.Run(() => Analyze(new AnalysisEngine([new ReportEveryMetaRule(), new HeadRule()]), text));
        result.Diagnostics.Count(d => d.Id == "SMO990").ShouldBe(AnalysisEngine.MaxFindingsPerRule);
        result.Diagnostics.Count(d => d.Id == "SMO901").ShouldBe(AnalysisEngine.MaxFindingsPerRule);
    }

    /// <summary>Cancels the analysis's budget from inside a document action, as the host's timer would.</summary>
    private sealed class CancellingRule(string id, CancellationTokenSource budget) : Rule
    {
        public override RuleDescriptor Descriptor { get; } = new(id, "Cancels", "cancel", RuleCategory.Engine, DiagnosticSeverity.Info);

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(_ => budget.Cancel(), includeFragments: true);
    }

    private sealed class CountingRule(string id) : Rule
    {
        public int Calls;

        public override RuleDescriptor Descriptor { get; } = new(id, "Counts", "count", RuleCategory.Engine, DiagnosticSeverity.Info);

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(_ => Calls++, includeFragments: true);
    }

    private sealed class CancelOnFirstElementRule(CancellationTokenSource budget) : Rule
    {
        public int Calls;

        public override RuleDescriptor Descriptor { get; } = new("SMO982", "Cancels on an element", "x", RuleCategory.Engine, DiagnosticSeverity.Info);

        public override void Initialize(RuleRegistration registration) => registration.RegisterElementAction((_, _) =>
        {
            Calls++;
            budget.Cancel();
        }, "meta");
    }

    private sealed class ReportForeverRule(CancellationTokenSource budget) : Rule
    {
        public int Reports;

        public override RuleDescriptor Descriptor { get; } = new("SMO983", "Reports forever", "x", RuleCategory.Engine, DiagnosticSeverity.Info);

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
        {
            while (true)
            {
                Reports++;
                if (Reports == 1_001)
                {
                    budget.Cancel();
                }

                context.Report(new TextSpan(0, 0));
            }
        });
    }

    /// <summary>Cancels the budget the first time it runs on the layout (null: never).</summary>
    private sealed class CancelOnLayoutOnceRule(CancellationTokenSource? budget) : Rule
    {
        private int _done;

        public override RuleDescriptor Descriptor { get; } = new("SMO984", "Cancels on the layout", "x", RuleCategory.Engine, DiagnosticSeverity.Info);

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
        {
            if (budget is not null && context.Document.Path.EndsWith("_Layout.cshtml", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
            {
                budget.Cancel();
            }
        });
    }
}
