using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Social;

/// <summary>
/// Inserts lines of markup at the end of a container (before <c>&lt;/footer&gt;</c>, <c>&lt;/body&gt;</c>, ...), one
/// level deeper than its end tag, with the document's indentation unit and line ending.
/// </summary>
internal static class BlockInsertion
{
    /// <summary>An edit inserting <paramref name="lines"/> (depth relative to the container's children, markup) before the end tag; null when it has none.</summary>
    public static TextEdit? BeforeEndTag(SourceText source, HtmlElement container, IReadOnlyList<(int Depth, string Markup)> lines)
    {
        if (container.EndTagSpan is not { } endTag)
        {
            return null;
        }

        var text = source.Text;
        var newLine = source.Lines.NewLine;
        var unit = HeadInsertion.IndentUnit(text);
        var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(endTag.Start));
        var endTagFirstOnLine = text.AsSpan(lineStart, endTag.Start - lineStart).IsWhiteSpace();
        if (endTagFirstOnLine)
        {
            // "    </footer>": new lines go above it, indented one level deeper.
            var childIndent = text[lineStart..endTag.Start] + unit;
            var inserted = string.Concat(lines.Select(l => childIndent + Repeat(unit, l.Depth) + l.Markup + newLine));
            return TextEdit.Insert(lineStart, inserted);
        }

        // "<footer><p>(c) Acme</p></footer>": break the line before the end tag.
        var closeIndent = source.GetIndentation(container.StartTagSpan.Start);
        var deeper = closeIndent + unit;
        return TextEdit.Insert(endTag.Start, string.Concat(lines.Select(l => newLine + deeper + Repeat(unit, l.Depth) + l.Markup)) + newLine + closeIndent);
    }

    /// <summary>The page footer: the last <c>&lt;footer&gt;</c> that is not an article's own footer.</summary>
    public static HtmlElement? PageFooter(ParsedTemplate syntax) =>
        syntax.Elements.LastOrDefault(e => e.Name == "footer" && e.EndTagSpan is not null && !e.HasAncestorOrSelf("article"));

    /// <summary>Where site-wide links go: the page footer, else the end of the body.</summary>
    public static HtmlElement? SiteLinksContainer(HeadModel head) =>
        PageFooter(head.Syntax) ?? (head.Body is { EndTagSpan: not null } body ? body : null);

    /// <summary>
    /// True when part of the body is rendered by something this file only names: a partial, view component, section or
    /// Razor component whose name mentions one of <paramref name="words"/> (<c>&lt;partial name="_Footer" /&gt;</c>,
    /// <c>&lt;SocialLinks /&gt;</c>), or a Blazor host page whose router renders the layout. Rules about body content
    /// then stay silent rather than guess (heuristic).
    /// </summary>
    public static bool RendersElsewhere(HeadModel head, params string[] words)
    {
        var syntax = head.Syntax;
        var scope = head.Body?.Span ?? new TextSpan(0, syntax.Source.Length);
        if (!syntax.Language.IsRazor())
        {
            // An include or partial left unexpanded ({% include share-buttons.html %}, {{ partial "social" . }}).
            foreach (var tag in syntax.Projection.Tags)
            {
                if (scope.Contains(tag.Span.Start) && tag.Keyword is "include" or "include_relative" or "render" or "partial" or "partialCached" or "template"
                    && Mentions(syntax.Source.Text.Substring(tag.Expression.Start, tag.Expression.Length), words))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var e in syntax.Elements)
        {
            if (!scope.Contains(e.StartTagSpan.Start))
            {
                continue;
            }

            if (syntax.Language == TemplateLanguage.Razor && e.SourceName is "Routes" or "Router")
            {
                return true;
            }

            var name = e.Name == "partial" && e.GetAttributeValue("name") is { IsStatic: true } partialName
                ? partialName.Text
                : e.SourceName.Length > 0 && char.IsAsciiLetterUpper(e.SourceName[0]) || e.Name.StartsWith("vc:", StringComparison.Ordinal) ? e.SourceName : null;
            if (name is not null && Mentions(name, words))
            {
                return true;
            }
        }

        foreach (var code in syntax.Projection.CodeSpans)
        {
            if (!scope.Contains(code.Start))
            {
                continue;
            }

            var text = syntax.Source.Slice(code);
            if ((text.Contains("Partial", StringComparison.Ordinal) || text.Contains("Component", StringComparison.Ordinal) || text.Contains("Section", StringComparison.Ordinal))
                && Mentions(text.ToString(), words))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(string name, string[] words) => words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static string Repeat(string unit, int depth) => depth <= 0 ? string.Empty : string.Concat(Enumerable.Repeat(unit, depth));
}
