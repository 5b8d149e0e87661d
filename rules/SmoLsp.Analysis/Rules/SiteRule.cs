using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Rules;

/// <summary>What one page contributes to a cross-page comparison: the comparison key, the text to quote, and where it is.</summary>
public sealed record PageValue(string Key, string Text, TextSpan Span);

/// <summary>
/// A rule over the whole site: it reports every page whose value (a title, a description) another page shares.
/// It cannot judge one document alone, so the engine only asks it, per document, for the small
/// <see cref="PageValue"/> it compares; the engine keeps that in <see cref="Engine.AnalysisResult.SiteFacts"/>, a host
/// collects those facts while it streams files (dropping each parse tree as it goes) and hands them to
/// <see cref="Site.SiteAnalysis"/> once every page is read.
/// </summary>
/// <remarks>
/// The message format takes <c>{0}</c> the shared text, <c>{1}</c> the other pages (a short list), <c>{2}</c> how many
/// other pages there are.
/// </remarks>
public abstract class SiteRule : Rule
{
    /// <summary>Nothing runs per document: <see cref="Collect"/> is all a site rule needs from one.</summary>
    public sealed override void Initialize(RuleRegistration registration)
    {
    }

    /// <summary>The value this page takes part with, or null when it has none to compare (a fragment, a dynamic value, none at all).</summary>
    public abstract PageValue? Collect(HeadModel head);
}
