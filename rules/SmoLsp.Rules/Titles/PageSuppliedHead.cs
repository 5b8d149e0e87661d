using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Whether pages add to this document's head: a Blazor <c>&lt;HeadOutlet&gt;</c> (pages supply <c>&lt;PageTitle&gt;</c>
/// and <c>&lt;HeadContent&gt;</c>), or a layout that renders a section or a partial inside <c>&lt;head&gt;</c>. Until
/// layout composition lands, "missing tag" rules cannot know what such a head ends up with, so they stay silent
/// rather than report every Blazor App.razor and every sectioned layout.
/// </summary>
internal static class PageSuppliedHead
{
    public static bool IsOpen(HeadModel head)
    {
        var syntax = head.Syntax;
        if (!syntax.Language.IsRazor())
        {
            return false;
        }

        var headSpan = head.Head is { } h ? h.Span : (TextSpan?)null;
        foreach (var e in syntax.Elements)
        {
            if (e.SourceName == "HeadOutlet")
            {
                return true;
            }

            if (e.Name == "partial" && headSpan is { } s && s.Contains(e.StartTagSpan.Start))
            {
                return true;
            }
        }

        if (headSpan is not { } span)
        {
            return false;
        }

        foreach (var code in syntax.Projection.CodeSpans)
        {
            if (code.End <= span.Start)
            {
                continue;
            }

            if (code.Start >= span.End)
            {
                break;
            }

            var text = syntax.Source.Text.AsSpan(code.Start, code.Length);
            if (text.Contains("RenderSection", StringComparison.Ordinal) || text.Contains("Partial", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
