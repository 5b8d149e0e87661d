using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Model;

/// <summary>
/// What the template tags in a head (Liquid, Go templates, Django/Jinja, Nunjucks) mean for the tags rules look for:
/// a block that pages may fill (<c>{% block extrahead %}</c>, Go <c>{{ block "head" . }}</c>) leaves the head open to
/// them, like Razor's <c>RenderSection</c>; an include, partial, custom tag or bare output that writes markup this
/// analysis cannot see makes the head unknown. Tags inside a start tag or a title are values, not markup. Names that
/// plainly write styles, scripts, icons, feeds or analytics are not share metadata and leave the head known.
/// </summary>
internal static class HeadTemplateTags
{
    // Statements that write no markup of their own (control flow, assignments, loading, translation).
    private static readonly HashSet<string> s_silentStatements = new(StringComparer.Ordinal)
    {
        "if", "elsif", "elif", "else", "unless", "case", "when", "for", "empty", "break", "continue", "cycle", "with",
        "assign", "set", "capture", "load", "extends", "import", "from", "macro", "call", "filter", "spaceless",
        "autoescape", "trans", "blocktrans", "plural", "pluralize", "comment", "liquid", "increment", "decrement",
        "ifequal", "ifnotequal", "ifchanged", "firstof", "now", "static", "url", "csrf_token", "endblock", "tablerow",
        "layout", "do", "get_current_language", "get_available_languages", "localize", "language", "templatetag",
        "js", "css", "getBundle", "getBundleFileUrl", "feed_meta", "#", "endraw",
    };

    // Words of a partial's, include's or tag's name that say it writes no share metadata.
    private static readonly HashSet<string> s_harmlessWords = new(StringComparer.Ordinal)
    {
        "css", "js", "style", "styles", "stylesheet", "stylesheets", "script", "scripts", "favicon", "favicons", "icon",
        "icons", "font", "fonts", "analytics", "gtag", "gtm", "manifest", "csrf", "feed", "rss", "atom", "generator",
        "preload", "prefetch", "katex", "mathjax", "mermaid", "prism", "darkmode", "hreflang",
    };

    public static HeadModel.HeadExtension Extension(ParsedTemplate syntax, int start, int end)
    {
        var tags = syntax.Projection.Tags;
        if (tags.Count == 0)
        {
            return HeadModel.HeadExtension.None;
        }

        var values = ValueRanges(syntax, start, end);
        var result = HeadModel.HeadExtension.None;
        var r = 0;
        foreach (var tag in tags)
        {
            if (tag.Span.End <= start)
            {
                continue;
            }

            if (tag.Span.Start >= end)
            {
                break;
            }

            while (r < values.Count && values[r].End <= tag.Span.Start)
            {
                r++;
            }

            if (r < values.Count && values[r].Start <= tag.Span.Start)
            {
                continue; // inside a start tag or a title: a value
            }

            result |= Classify(syntax.Source.Text, tag);
        }

        return result;
    }

    /// <summary>Start tags and raw-text contents (title, script, style) in the range, sorted and disjoint.</summary>
    private static List<TextSpan> ValueRanges(ParsedTemplate syntax, int start, int end)
    {
        var ranges = new List<TextSpan>();
        foreach (var e in syntax.Elements)
        {
            if (e.Span.End <= start)
            {
                continue;
            }

            if (e.StartTagSpan.Start >= end)
            {
                break;
            }

            ranges.Add(e.StartTagSpan);
            if (e.Name is "title" or "script" or "style" or "textarea")
            {
                ranges.Add(e.ContentSpan);
            }
        }

        return ranges;
    }

    private static HeadModel.HeadExtension Classify(string text, TemplateTag tag)
    {
        var expression = text.AsSpan(tag.Expression.Start, tag.Expression.Length);
        switch (tag.Kind)
        {
            case TemplateTagKind.Raw:
                return HeadModel.HeadExtension.None;
            case TemplateTagKind.Statement:
                if (tag.Keyword == "block")
                {
                    return HeadModel.HeadExtension.PageSlots;
                }

                if (tag.Keyword.StartsWith("end", StringComparison.Ordinal) || s_silentStatements.Contains(tag.Keyword))
                {
                    return HeadModel.HeadExtension.None;
                }

                return IsHarmless(expression) ? HeadModel.HeadExtension.None : HeadModel.HeadExtension.Unknown;
            default:
                switch (tag.Keyword)
                {
                    case "block":
                        return HeadModel.HeadExtension.PageSlots;
                    case "if" or "else" or "end" or "range" or "with" or "define" or "shortcode" or "return" or "break" or "continue":
                        return HeadModel.HeadExtension.None;
                    case "partial" or "partialCached" or "template":
                        return IsHarmless(expression) ? HeadModel.HeadExtension.None : HeadModel.HeadExtension.Unknown;
                }

                // {{ page.extra_head }}: markup each page supplies in its front matter, like a section it fills.
                if (expression.StartsWith("page.") && !expression.StartsWith("page.title") && !expression.StartsWith("page.description"))
                {
                    return HeadModel.HeadExtension.PageSlots;
                }

                return WritesNothingUnknown(expression) ? HeadModel.HeadExtension.None : HeadModel.HeadExtension.Unknown;
        }
    }

    /// <summary>
    /// An output that cannot write share tags: a Go assignment (<c>$x := ...</c>), a string literal without tags in it
    /// (hugo-book's <c>{{ "&lt;!--" | safeHTML }}</c>), a comment, or an expression whose names say what it writes.
    /// </summary>
    private static bool WritesNothingUnknown(ReadOnlySpan<char> expression)
    {
        if (expression.IsEmpty)
        {
            return true;
        }

        if (expression[0] == '$')
        {
            var i = 1;
            while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] == '_'))
            {
                i++;
            }

            var rest = expression[i..].TrimStart();
            if (rest.StartsWith(":=") || (rest.StartsWith("=") && !rest.StartsWith("==")))
            {
                return true;
            }
        }

        // Go template functions that stop or log the build write nothing.
        if (expression.StartsWith("errorf ") || expression.StartsWith("warnf ") || expression.StartsWith("erroridf ") || expression.StartsWith("warnidf ")
            || expression.StartsWith("infof "))
        {
            return true;
        }

        // A literal, or printf of a literal format: what it writes is in the literal.
        if (expression[0] is '"' or '\'' or '`' || expression.StartsWith("printf ") || expression.StartsWith("print "))
        {
            return !WritesShareTags(expression);
        }

        return IsHarmless(expression);
    }

    private static bool WritesShareTags(ReadOnlySpan<char> literal) =>
        literal.Contains("<meta", StringComparison.OrdinalIgnoreCase) || literal.Contains("<title", StringComparison.OrdinalIgnoreCase)
        || literal.Contains("canonical", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a word of the name or expression (split at anything not a letter or digit) says it writes styles, scripts, icons and the like.</summary>
    internal static bool IsHarmless(ReadOnlySpan<char> expression)
    {
        Span<char> lower = stackalloc char[Math.Min(expression.Length, 256)];
        var length = expression[..lower.Length].ToLowerInvariant(lower);
        var words = lower[..length];
        var i = 0;
        while (i < words.Length)
        {
            while (i < words.Length && !char.IsAsciiLetterOrDigit(words[i]))
            {
                i++;
            }

            var s = i;
            while (i < words.Length && char.IsAsciiLetterOrDigit(words[i]))
            {
                i++;
            }

#if NET
            if (i > s && s_harmlessWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(words[s..i]))
#else
            if (i > s && s_harmlessWords.Contains(words[s..i].ToString()))
#endif
            {
                return true;
            }
        }

        return false;
    }
}
