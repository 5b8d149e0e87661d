using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using CorePageFacts = SmoLsp.Analysis.Site.PageFacts;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// The site-wide rules (SMO210 same title, SMO211 same description) for the editor and <c>check --watch</c>, over the
/// core's <see cref="SiteAnalysis"/>: the per-page facts come from <see cref="AnalysisResult.SiteFacts"/>, recorded
/// by the engine's site rules, exactly as <c>smolsp check</c> collects them.
/// </summary>
public sealed class CoreSiteRules : ISiteRules
{
    // The site rules are ordinary catalog rules, already among the engine's descriptors.
    public IReadOnlyList<RuleDescriptor> Descriptors => [];

    public PageFacts? ExtractFacts(AnalysisResult analysis, SmoLspConfiguration configuration)
    {
        var core = analysis.SiteFacts;
        if (core.IsEmpty)
        {
            return null;
        }

        // The host's view (title/description with spans) drives its change detection and position conversion.
        SiteFact? Fact(string ruleId) => core.Facts.FirstOrDefault(f => f.Descriptor.Id == ruleId) is { } f
            ? new SiteFact(f.Value.Key, f.Value.Span, f.Suppression is null ? [] : [ruleId])
            : null;

        return new PageFacts(analysis.Document.Path, Fact("SMO210"), Fact("SMO211"), configuration) { Core = core with { Path = analysis.Document.Path } };
    }

    public IReadOnlyList<SiteDiagnostic> Analyze(IReadOnlyCollection<PageFacts> pages)
    {
        var facts = new List<CorePageFacts>(pages.Count);
        foreach (var page in pages)
        {
            if (page.Core is { } core)
            {
                facts.Add(core);
            }
        }

        var result = new List<SiteDiagnostic>();
        foreach (var d in SiteAnalysis.Analyze(facts))
        {
            // An inline suppression hides the finding in the editor; check reports it as suppressed (SARIF).
            if (d.Suppression is null)
            {
                var related = d.Related.Select(r => new RelatedLocation(r.Path, r.Span, r.Message)).ToList();
                result.Add(new SiteDiagnostic(d.Path, d.Diagnostic with { RelatedLocations = related }));
            }
        }

        return result;
    }
}
