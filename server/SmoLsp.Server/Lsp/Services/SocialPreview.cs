using System.Text;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// How much of a title and description each platform shows before cutting. X's numbers are its documented maxima
/// (cards markup reference: title 70, description 200). Facebook and LinkedIn publish no character limits — they
/// cut by pixel width — so theirs are the commonly cited budgets, marked approximate in the preview.
/// </summary>
public static class PlatformLimits
{
    public static readonly Platform X = new("X", 70, 200, Documented: true);
    public static readonly Platform Facebook = new("Facebook", 88, 200, Documented: false);
    public static readonly Platform LinkedIn = new("LinkedIn", 70, 150, Documented: false);

    public sealed record Platform(string Name, int Title, int Description, bool Documented);
}

/// <summary>The share card a page produces, worked out from its head: effective values, where each comes from, and what fires there.</summary>
public sealed class SocialPreview
{
    private readonly HeadModel _head;
    private readonly SourceText _source;

    private SocialPreview(HeadModel head, SourceText source)
    {
        _head = head;
        _source = source;
    }

    /// <summary>
    /// The hover for <paramref name="offset"/> when it is on <c>&lt;head&gt;</c>, <c>&lt;title&gt;</c>, a social or description
    /// meta tag, or the canonical link; null elsewhere. <paramref name="span"/> is the element hovered.
    /// </summary>
    public static string? Render(DocumentAnalysis analysis, int offset, bool markdown, out TextSpan span)
    {
        span = default;
        if (analysis.Result is not { } result)
        {
            return null;
        }

        var head = result.Head;
        if (FindTarget(head, offset) is not { } target)
        {
            return null;
        }

        span = target.Span;
        var preview = new SocialPreview(head, result.Syntax.Source);
        var here = analysis.Diagnostics.Where(d => d.Span.IntersectsWith(target.Span) && !(d.Span.IsEmpty && d.Span.Start == target.Span.End)).ToList();
        return markdown ? preview.Markdown(analysis, here) : preview.PlainText(analysis, here);
    }

    private static HtmlElement? FindTargetElement(HeadModel head, int offset)
    {
        static bool On(HtmlElement e, int offset) => offset >= e.Span.Start && offset < e.Span.End;

        if (head.Head is { } h && offset >= h.StartTagSpan.Start && offset < h.StartTagSpan.End)
        {
            return h;
        }

        foreach (var t in head.Titles)
        {
            if (On(t.Element, offset))
            {
                return t.Element;
            }
        }

        foreach (var m in head.Metas)
        {
            if (On(m.Element, offset) && (m.Key.StartsWith("og:", StringComparison.Ordinal) || m.Key.StartsWith("twitter:", StringComparison.Ordinal) || m.Key == "description"))
            {
                return m.Element;
            }
        }

        foreach (var c in head.Canonicals)
        {
            if (On(c.Element, offset))
            {
                return c.Element;
            }
        }

        return null;
    }

    private static (TextSpan Span, HtmlElement Element)? FindTarget(HeadModel head, int offset)
    {
        var element = FindTargetElement(head, offset);
        if (element is null)
        {
            return null;
        }

        // <head> itself: only its start tag, or the preview would shadow every hover inside the head.
        return (element.Name == "head" ? element.StartTagSpan : element.Span, element);
    }

    private sealed record Found(string Text, bool IsDynamic, string From, int Line, bool IsFallback);

    private Found? Value(bool fallback, params string[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            TemplateValue? value;
            HtmlElement element;
            string from;
            if (key == "<title>")
            {
                if (_head.Title is not { } title)
                {
                    continue;
                }

                value = title.Value;
                element = title.Element;
                from = title.IsPageTitleComponent ? "<PageTitle>" : "<title>";
            }
            else if (key == "canonical")
            {
                if (_head.Canonicals.Count == 0)
                {
                    continue;
                }

                value = _head.Canonicals[0].Href;
                element = _head.Canonicals[0].Element;
                from = "<link rel=\"canonical\">";
            }
            else
            {
                if (_head.GetMeta(key) is not { } meta)
                {
                    continue;
                }

                value = meta.Content;
                element = meta.Element;
                from = key == "description" ? "<meta name=\"description\">" : key;
            }

            if (value is null || value.IsEmpty)
            {
                continue;
            }

            var text = value.IsDynamic ? TextNormalizer.CollapseWhitespace(value.RawText) : value.NormalizedText;
            return new Found(text, value.IsDynamic, from, _source.Lines.GetLineNumber(element.Span.Start) + 1, fallback && i > 0);
        }

        return null;
    }

    private string Site(DocumentAnalysis analysis, Found? url)
    {
        if (Value(false, "og:site_name") is { IsDynamic: false } siteName)
        {
            return siteName.Text;
        }

        if (!string.IsNullOrEmpty(analysis.Configuration.SiteName))
        {
            return analysis.Configuration.SiteName!;
        }

        var address = url is { IsDynamic: false } ? url.Text : analysis.Configuration.SiteUrl;
        return address is not null && Uri.TryCreate(address, UriKind.Absolute, out var u) ? u.Host : "(no site name)";
    }

    private string Markdown(DocumentAnalysis analysis, List<Diagnostic> here)
    {
        var url = Value(true, "og:url", "canonical");
        var sb = new StringBuilder();
        sb.Append("**Social preview** · ").Append(Escape(Site(analysis, url))).Append("\n\n");
        sb.Append("| | Title | Description |\n|---|---|---|\n");
        foreach (var (platform, title, description) in Cards())
        {
            sb.Append("| **").Append(platform.Name).Append("** ")
              .Append(platform.Documented ? string.Empty : "≈").Append(platform.Title).Append('/').Append(platform.Description)
              .Append(" | ").Append(Cell(title, platform.Title)).Append(" | ").Append(Cell(description, platform.Description)).Append(" |\n");
        }

        sb.Append('\n');
        var image = Value(true, "og:image", "twitter:image");
        sb.Append("**Image** ");
        if (image is null)
        {
            sb.Append("none: cards show no picture (or one the platform guesses)");
        }
        else
        {
            sb.Append(image.IsDynamic ? Code(image.Text) : Escape(image.Text)).Append(ImageSize()).Append(" · ").Append(Origin(image));
        }

        sb.Append("  \n**URL** ").Append(url is null ? "none (platforms use the address that was shared)" : (url.IsDynamic ? Code(url.Text) : Escape(url.Text)) + " · " + Origin(url));
        var card = Value(false, "twitter:card");
        sb.Append("  \n**X card** ").Append(card is null ? "`summary` (no twitter:card)" : Code(card.Text)).Append("\n\n");

        sb.Append("**Where the values come from**\n");
        AppendSource(sb, "Title (Facebook, LinkedIn)", Value(true, "og:title", "<title>"), markdown: true);
        AppendSource(sb, "Title (X)", Value(true, "twitter:title", "og:title", "<title>"), markdown: true);
        AppendSource(sb, "Description (Facebook, LinkedIn)", Value(true, "og:description", "description"), markdown: true);
        AppendSource(sb, "Description (X)", Value(true, "twitter:description", "og:description"), markdown: true);

        if (here.Count > 0)
        {
            sb.Append("\n**Rules firing here**\n");
            foreach (var d in here)
            {
                sb.Append("- ").Append(d.Severity).Append(' ').Append('[').Append(d.Id).Append("](").Append(d.Descriptor.HelpLink).Append("): ").Append(Escape(d.Message)).Append('\n');
            }
        }

        return sb.ToString();
    }

    private string PlainText(DocumentAnalysis analysis, List<Diagnostic> here)
    {
        var url = Value(true, "og:url", "canonical");
        var sb = new StringBuilder();
        sb.Append("Social preview: ").Append(Site(analysis, url)).Append('\n');
        foreach (var (platform, title, description) in Cards())
        {
            sb.Append(platform.Name).Append(" title: ").Append(Show(title, platform.Title)).Append('\n');
            sb.Append(platform.Name).Append(" description: ").Append(Show(description, platform.Description)).Append('\n');
        }

        var image = Value(true, "og:image", "twitter:image");
        sb.Append("Image: ").Append(image is null ? "none" : image.Text + ImageSize() + " (" + image.From + ")").Append('\n');
        sb.Append("URL: ").Append(url is null ? "none" : url.Text + " (" + url.From + ")").Append('\n');
        AppendSource(sb, "Title (Facebook, LinkedIn)", Value(true, "og:title", "<title>"), markdown: false);
        AppendSource(sb, "Title (X)", Value(true, "twitter:title", "og:title", "<title>"), markdown: false);
        AppendSource(sb, "Description (Facebook, LinkedIn)", Value(true, "og:description", "description"), markdown: false);
        AppendSource(sb, "Description (X)", Value(true, "twitter:description", "og:description"), markdown: false);
        foreach (var d in here)
        {
            sb.Append(d.Id).Append(' ').Append(d.Severity).Append(": ").Append(d.Message).Append('\n');
        }

        return sb.ToString();
    }

    private IEnumerable<(PlatformLimits.Platform Platform, Found? Title, Found? Description)> Cards()
    {
        // X falls back to og:* when its own tags are absent; Facebook and LinkedIn read og:*, then the HTML title and description.
        yield return (PlatformLimits.X, Value(true, "twitter:title", "og:title", "<title>"), Value(true, "twitter:description", "og:description"));
        yield return (PlatformLimits.Facebook, Value(true, "og:title", "<title>"), Value(true, "og:description", "description"));
        yield return (PlatformLimits.LinkedIn, Value(true, "og:title", "<title>"), Value(true, "og:description", "description"));
    }

    private string ImageSize()
    {
        var width = Value(false, "og:image:width");
        var height = Value(false, "og:image:height");
        return width is { IsDynamic: false } && height is { IsDynamic: false } ? $" ({width.Text}×{height.Text})" : " (size not declared)";
    }

    private static void AppendSource(StringBuilder sb, string what, Found? found, bool markdown)
    {
        sb.Append(markdown ? "- " : string.Empty).Append(what).Append(": ");
        if (found is null)
        {
            sb.Append("missing");
        }
        else
        {
            sb.Append(markdown ? Code(found.From) : found.From).Append(" line ").Append(found.Line);
            if (found.IsFallback)
            {
                sb.Append(" (fallback)");
            }

            if (found.IsDynamic)
            {
                sb.Append(", set at runtime");
            }
        }

        sb.Append('\n');
    }

    private static string Origin(Found found) => Code(found.From) + " line " + found.Line + (found.IsFallback ? " (fallback)" : string.Empty);

    private static string Cell(Found? found, int limit)
    {
        if (found is null)
        {
            return "*missing*";
        }

        if (found.IsDynamic)
        {
            return Code(found.Text) + " *(runtime; length unknown)*";
        }

        return Escape(Truncate(found.Text, limit));
    }

    private static string Show(Found? found, int limit) =>
        found is null ? "missing" : found.IsDynamic ? found.Text + " (runtime; length unknown)" : Truncate(found.Text, limit);

    /// <summary>Cuts at the limit the way cards do: on a word when one is near, then an ellipsis.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', limit - 1, Math.Min(limit, 15));
        return text[..(cut > 0 ? cut : limit - 1)].TrimEnd() + "…";
    }

    private static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
