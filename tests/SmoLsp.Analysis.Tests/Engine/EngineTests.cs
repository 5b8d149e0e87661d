using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Tests.Engine;

public sealed class EngineTests
{
    private static readonly AnalysisEngine s_engine = new([new ReportEveryMetaRule(), new ThrowingRule(), new HeadRule()]);

    private static AnalysisResult Analyze(string text, string path = "index.html", SmoLspConfiguration? config = null) =>
        s_engine.Analyze(TemplateDocument.FromPath(path, text), config);

    [Fact]
    public void A_throwing_rule_becomes_SMO900_and_keeps_nothing_it_reported()
    {
        var result = Analyze("<html><head><meta name=a></head></html>");
        var failure = result.Diagnostics.Single(d => d.Id == "SMO900");
        failure.Message.ShouldContain("SMO991");
        failure.Message.ShouldContain("boom");
        result.Diagnostics.ShouldNotContain(d => d.Id == "SMO991");
        result.Diagnostics.Count(d => d.Id == "SMO990").ShouldBe(1);
    }

    [Fact]
    public void Document_actions_skip_fragments_but_element_actions_do_not()
    {
        var result = Analyze("<div><meta name=a></div>", "_Partial.cshtml");
        result.Head.IsFragment.ShouldBeTrue();
        result.Diagnostics.ShouldNotContain(d => d.Id == "SMO992");
        result.Diagnostics.ShouldContain(d => d.Id == "SMO990");
    }

    [Fact]
    public void Configured_severity_and_off_apply_after_rules_run()
    {
        var config = SmoLspConfiguration.Default.WithRuleSeverity("SMO990", RuleSeverity.Error).WithRuleSeverity("SMO992", RuleSeverity.Off);
        var result = Analyze("<html><head><meta name=a></head></html>", config: config);
        result.Diagnostics.Single(d => d.Id == "SMO990").Severity.ShouldBe(DiagnosticSeverity.Error);
        result.Diagnostics.ShouldNotContain(d => d.Id == "SMO992");
    }

    [Fact]
    public void Thresholds_come_from_configuration_or_the_descriptor()
    {
        Analyze("<html><head></head></html>").Diagnostics.Single(d => d.Id == "SMO992").Message.ShouldBe("document");
        var parsed = ConfigurationParser.Parse("{\"rules\":{\"SMO992\":{\"limit\":7}}}", "smolsp.json", s_engine.Descriptors);
        parsed.Errors.ShouldBeEmpty();
        parsed.Configuration.GetRuleOptions("SMO992").Thresholds["limit"].ShouldBe(7);
    }

    [Fact]
    public void Diagnostics_are_sorted_by_position_then_id()
    {
        var result = Analyze("<html><head><meta name=b><meta name=a></head></html>");
        result.Diagnostics.Select(d => d.Span.Start).ShouldBeInOrder();
    }

    [Fact]
    public void Duplicate_rule_ids_are_rejected()
    {
        Should.Throw<ArgumentException>(() => new AnalysisEngine([new HeadRule(), new HeadRule()]));
    }
}
