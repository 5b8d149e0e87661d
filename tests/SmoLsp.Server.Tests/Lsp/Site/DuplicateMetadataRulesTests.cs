using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Workspace;

namespace SmoLsp.Server.Tests.Lsp.Site;

/// <summary>The local stand-in for SMO210/SMO211 (see <see cref="ISiteRules"/>): facts from real analyses in, site diagnostics out.</summary>
public sealed class DuplicateMetadataRulesTests
{
    private static readonly AnalysisEngine s_engine = new([]);
    private static readonly DuplicateMetadataRules s_rules = new();

    private static PageFacts? Facts(string path, string text, SmoLspConfiguration? configuration = null) =>
        s_rules.ExtractFacts(s_engine.Analyze(TemplateDocument.FromPath(path, text)), configuration ?? SmoLspConfiguration.Default);

    private static string Page(string title, string? description = null) =>
        $"<html><head><title>{title}</title>{(description is null ? string.Empty : $"<meta name=\"description\" content=\"{description}\">")}</head><body></body></html>";

    [Fact]
    public void The_same_static_title_on_two_pages_is_reported_on_both_with_the_other_as_related()
    {
        var a = Facts("/s/a.html", Page("Acme  widgets", "Hand-made"))!;
        var b = Facts("/s/b.html", Page("acme widgets", "Hand-made"))!;
        var c = Facts("/s/c.html", Page("Contact", "Other"))!;
        var result = s_rules.Analyze([a, b, c]);
        var titles = result.Where(d => d.Diagnostic.Id == "SMO210").ToList();
        titles.Select(d => d.Path).ShouldBe(["/s/a.html", "/s/b.html"]);
        titles[0].Diagnostic.Span.ShouldBe(a.Title!.Span);
        titles[0].Diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        titles[0].Diagnostic.RelatedLocations.Single().DocumentPath.ShouldBe("/s/b.html");
        titles[0].Diagnostic.RelatedLocations.Single().Span.ShouldBe(b.Title!.Span);
        titles[0].Diagnostic.Message.ShouldContain("1 other page");
        result.Where(d => d.Diagnostic.Id == "SMO211").Select(d => d.Path).ShouldBe(["/s/a.html", "/s/b.html"]);
    }

    [Fact]
    public void Dynamic_titles_fragments_configuration_and_suppressions_are_respected()
    {
        Facts("/s/a.cshtml", Page("@ViewData[\"Title\"]")).ShouldBeNull();
        Facts("/s/_Card.cshtml", "<div>Card</div>").ShouldBeNull();

        var off = SmoLspConfiguration.Default.WithRuleSeverity("SMO210", RuleSeverity.Off);
        var quiet = Facts("/s/a.html", Page("Acme"), off)!;
        var suppressed = Facts("/s/b.html", "<html><head>\n<!-- smolsp-disable-next-line SMO210 -->\n<title>Acme</title></head></html>")!;
        var reported = Facts("/s/c.html", Page("Acme"))!;
        var result = s_rules.Analyze([quiet, suppressed, reported]);
        var only = result.Single();
        only.Path.ShouldBe("/s/c.html");
        only.Diagnostic.RelatedLocations.Select(r => r.DocumentPath).ShouldBe(["/s/a.html", "/s/b.html"]);
    }
}
