using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Workspace;

/// <summary>One known value of a page (its static title, its static meta description) and where it is.</summary>
/// <param name="SuppressedRuleIds">Site rules an inline <c>smolsp-disable</c> turns off at <paramref name="Span"/>, decided while the parse tree was at hand.</param>
public sealed record SiteFact(string Text, TextSpan Span, IReadOnlyList<string> SuppressedRuleIds)
{
    // By value, lists included: hosts skip the site-wide pass when a page's facts did not change.
    public bool Equals(SiteFact? other) =>
        other is not null && Text == other.Text && Span == other.Span && SuppressedRuleIds.SequenceEqual(other.SuppressedRuleIds, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Text, Span, SuppressedRuleIds.Count);
}

/// <summary>
/// What the site-wide rules need of one page, kept for every indexed page instead of its parse tree. Spans are
/// offsets into the text the facts were taken from; hosts convert them with positions they computed at that time.
/// </summary>
public sealed record PageFacts(string Path, SiteFact? Title, SiteFact? Description, SmoLspConfiguration Configuration)
{
    /// <summary>The core's facts for this page, which <see cref="CoreSiteRules"/> hands to the core's site analysis.</summary>
    public Analysis.Site.PageFacts? Core { get; init; }

    // By value over what the hosts compare (a page whose title and description did not change needs no site pass);
    // the core facts follow from those.
    public bool Equals(PageFacts? other) =>
        other is not null && Path == other.Path && Equals(Title, other.Title) && Equals(Description, other.Description) && ReferenceEquals(Configuration, other.Configuration);

    public override int GetHashCode() => HashCode.Combine(Path, Title, Description);

    /// <summary>Every span a site diagnostic may point at, so a host can convert them while it has the text.</summary>
    public IEnumerable<TextSpan> Spans()
    {
        if (Title is not null)
        {
            yield return Title.Span;
        }

        if (Description is not null)
        {
            yield return Description.Span;
        }
    }
}

/// <summary>A site-wide finding on one page; <see cref="Diagnostic.RelatedLocations"/> name the other pages by path.</summary>
public sealed record SiteDiagnostic(string Path, Diagnostic Diagnostic);

/// <summary>
/// Rules over the whole site rather than one page (SMO210 same title on several pages, SMO211 same description).
/// Pure: facts in, diagnostics out; the hosts keep the facts in their index and call <see cref="Analyze"/> after
/// every batch of changes, then merge the result into each page's report.
/// <see cref="CoreSiteRules"/> implements it over the core's <see cref="Analysis.Site.SiteAnalysis"/>, the same analysis
/// <c>smolsp check</c> runs, so the editor, <c>--watch</c> and CI never disagree.
/// </summary>
public interface ISiteRules
{
    /// <summary>The rules this reports, so configuration files may name them.</summary>
    IReadOnlyList<RuleDescriptor> Descriptors { get; }

    /// <summary>The facts of one analyzed page; null when it takes no part (a fragment, a page with nothing static).</summary>
    PageFacts? ExtractFacts(AnalysisResult analysis, SmoLspConfiguration configuration);

    /// <summary>Site-wide diagnostics over every page's facts. Must be cheap (it runs after each batch of changes) and thread-safe.</summary>
    IReadOnlyList<SiteDiagnostic> Analyze(IReadOnlyCollection<PageFacts> pages);
}

/// <summary>No site-wide rules: for hosts and tests that check pages one by one.</summary>
public sealed class NoSiteRules : ISiteRules
{
    public static readonly NoSiteRules Instance = new();

    public IReadOnlyList<RuleDescriptor> Descriptors => [];

    public PageFacts? ExtractFacts(AnalysisResult analysis, SmoLspConfiguration configuration) => null;

    public IReadOnlyList<SiteDiagnostic> Analyze(IReadOnlyCollection<PageFacts> pages) => [];
}
