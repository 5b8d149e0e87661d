using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Model;

/// <summary>
/// Documents that have markup but are no page anyone shares, recognised from their own text (see
/// <see cref="DocumentRole.NotAPage"/>); the site conventions that say so by path (error templates) live with the engines.
/// </summary>
internal static class NotAPage
{
    /// <summary>Why the document is not a page, or null when it is one.</summary>
    public static string? Reason(HeadModel head)
    {
        var syntax = head.Syntax;
        if (syntax.Language == TemplateLanguage.Cshtml && HasNoMarkup(syntax))
        {
            return "a Razor page with no markup (an endpoint)";
        }

        foreach (var e in head.MetaElements)
        {
            if (e.GetAttributeValue("http-equiv") is { IsStatic: true } equiv && equiv.NormalizedText.Equals("refresh", StringComparison.OrdinalIgnoreCase)
                && e.GetAttributeValue("content") is { IsEmpty: false } content && IsRedirect(content) && !IsConditional(syntax, e))
            {
                return "a redirect (<meta http-equiv=\"refresh\">)";
            }

            if (e.GetAttributeValue("name") is { IsStatic: true } name && name.NormalizedText.Equals("robots", StringComparison.OrdinalIgnoreCase)
                && e.GetAttributeValue("content") is { IsStatic: true } robots
                && robots.NormalizedText.Contains("noindex", StringComparison.OrdinalIgnoreCase) && e.HasAncestorOrSelf("head") && !IsConditional(syntax, e))
            {
                return "a page that opts out of indexing (robots noindex)";
            }
        }

        return null;
    }

    /// <summary>"0; url=/new/", or a template-made URL: a redirect. A bare delay ("30") only reloads the page.</summary>
    private static bool IsRedirect(TemplateValue content) =>
        content.IsDynamic || content.NormalizedText.Contains("url=", StringComparison.OrdinalIgnoreCase);

    private static bool IsConditional(ParsedTemplate syntax, HtmlElement e)
    {
        foreach (var b in syntax.Projection.Branches)
        {
            if (b.Body.Contains(e.StartTagSpan.Start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A Razor Page that is only <c>@page</c>, code and comments (a form-post or API endpoint) renders no document.</summary>
    private static bool HasNoMarkup(ParsedTemplate syntax)
    {
        if (syntax.Elements.Count > 0 || !syntax.Projection.Directives.Any(d => d.Name == "page"))
        {
            return false;
        }

        return syntax.Projection.ProjectedText.AsSpan().IsWhiteSpace();
    }
}
