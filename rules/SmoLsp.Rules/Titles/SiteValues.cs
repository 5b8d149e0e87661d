using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Titles;

/// <summary>How SMO210 and SMO211 compare text across pages.</summary>
internal static class SiteValues
{
    /// <summary>
    /// Static text only (what a Razor expression renders is unknown, and two pages writing <c>@ViewData["Title"]</c>
    /// are not duplicates), with whitespace collapsed and case ignored, as a reader would see the two titles.
    /// Empty text is SMO202/SMO208's business.
    /// </summary>
    public static PageValue? Of(TemplateValue value, TextSpan span)
    {
        if (!value.IsStatic)
        {
            return null;
        }

        var text = value.NormalizedText;
        return text.Length == 0 ? null : new PageValue(text.ToUpperInvariant(), text, span);
    }
}
