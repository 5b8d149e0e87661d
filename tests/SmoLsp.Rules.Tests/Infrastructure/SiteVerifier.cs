using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;

namespace SmoLsp.Rules.Tests.Infrastructure;

/// <summary>
/// <see cref="RuleVerifier"/> for site rules: several pages, each with its own markup. Every page is analyzed alone
/// (as <c>smolsp check</c> streams them), its facts kept, then <see cref="SiteAnalysis"/> runs over all of them.
/// <c>[|...|]</c> marks where the rule under test must report on that page; no markup, no finding.
/// </summary>
public static class SiteVerifier
{
    public static IReadOnlyList<SiteDiagnostic> Verify<TRule>(params (string Path, string Markup)[] pages)
        where TRule : SiteRule, new() => Verify<TRule>(null, pages);

    public static IReadOnlyList<SiteDiagnostic> Verify<TRule>(SmoLspConfiguration? configuration, params (string Path, string Markup)[] pages)
        where TRule : SiteRule, new()
    {
        var id = new TRule().Descriptor.Id;
        var expected = new List<string>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var facts = new List<PageFacts>();
        var engine = RuleVerifier.EngineFor(id);
        foreach (var (path, markup) in pages)
        {
            var (text, spans) = TestMarkup.Parse(markup, id);
            texts[path] = text;
            expected.AddRange(spans.Select(s => $"{path} {s.Id} {s.Span}"));
            var result = engine.Analyze(TemplateDocument.FromPath(path, text), configuration);
            result.Diagnostics.ShouldNotContain(d => d.Id == EngineRules.RuleFailure.Id);
            facts.Add(result.SiteFacts);
        }

        var found = Run(facts);
        var active = found.Where(d => d.Suppression is null).ToList();
        active.Select(d => $"{d.Path} {d.Diagnostic.Id} {d.Diagnostic.Span}").Order(StringComparer.Ordinal)
            .ShouldBe(expected.Order(StringComparer.Ordinal), "Actual:\n" + string.Join("\n", found.Select(d => $"  {d.Path} {d.Diagnostic.Span} {d.Diagnostic.Message}")));
        foreach (var d in found)
        {
            d.Diagnostic.Message.ShouldNotContain("{");
            // The range was computed while the page was analyzed; it must still describe the span.
            d.Range.ShouldBe(Analysis.Text.LineMap.Create(texts[d.Path]).GetPositionSpan(d.Diagnostic.Span));
        }

        return found;
    }

    /// <summary>The site analysis of pages already analyzed: what a host does once every file is read.</summary>
    public static IReadOnlyList<SiteDiagnostic> Run(IEnumerable<PageFacts> facts) => [.. SiteAnalysis.Analyze(facts)];

    public static IReadOnlyList<SiteDiagnostic> Analyze(AnalysisEngine engine, IEnumerable<(string Path, string Text)> pages, SmoLspConfiguration? configuration = null) =>
        Run(pages.Select(p => engine.Analyze(TemplateDocument.FromPath(p.Path, p.Text), configuration).SiteFacts));
}
