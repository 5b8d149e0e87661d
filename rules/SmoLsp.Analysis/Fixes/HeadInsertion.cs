using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Fixes;

/// <summary>
/// Where and how a fix writes new tags into a head: after the existing social tags (else after the title, else
/// after the last meta, else first in the head), on a line of its own with the document's indentation, line
/// ending and void-element style.
/// </summary>
public static class HeadInsertion
{
    /// <summary>An edit that inserts <paramref name="markup"/> as a new line in the head, or null when there is nowhere sensible.</summary>
    public static TextEdit? InsertLine(HeadModel head, string markup)
    {
        var source = head.Syntax.Source;
        var anchor = FindAnchor(head);
        if (anchor is null)
        {
            return null;
        }

        var (offset, indent) = anchor.Value;
        return TextEdit.Insert(offset, source.Lines.NewLine + indent + markup);
    }

    /// <summary>Renders a meta tag in the document's style: <c>&lt;meta property="og:title" content="..." /&gt;</c>.</summary>
    public static string Meta(HeadModel head, string keyAttribute, string key, string content) =>
        $"<meta {keyAttribute}=\"{key}\" content=\"{content}\"{VoidEnd(head)}";

    /// <summary>How the document ends void elements: <c>" /&gt;"</c> or <c>"&gt;"</c>, as most of its own do.</summary>
    public static string VoidEnd(HeadModel head) => head.Syntax.Style.VoidEnd;

    /// <summary>
    /// The span a document-level diagnostic ("no og:title") is reported on: the head's end tag, where the missing tags
    /// belong, else its start tag (an HTML head may omit <c>&lt;/head&gt;</c>), else <c>&lt;html&gt;</c> or the title.
    /// Not the start tag when there is an end tag: hover there shows the share card, and editors list the findings of
    /// a position above any hover, so a dozen findings on <c>&lt;head&gt;</c> would bury it.
    /// </summary>
    public static TextSpan DocumentAnchor(HeadModel head) =>
        head.Head?.EndTagSpan ?? head.Head?.StartTagSpan ?? head.Html?.StartTagSpan ?? head.Title?.Element.StartTagSpan ?? new TextSpan(0, 0);

    private static (int Offset, string Indent)? FindAnchor(HeadModel head)
    {
        var source = head.Syntax.Source;
        HtmlElement? after = null;
        foreach (var m in head.Metas)
        {
            if (InHeadOrHeadless(head, m.Element) && (m.Key.StartsWith("og:", StringComparison.Ordinal) || m.Key.StartsWith("twitter:", StringComparison.Ordinal)))
            {
                after = m.Element;
            }
        }

        if (after is null && head.Title is { IsPageTitleComponent: false } title && InHeadOrHeadless(head, title.Element))
        {
            after = title.Element;
        }

        if (after is null)
        {
            foreach (var m in head.Metas)
            {
                if (InHeadOrHeadless(head, m.Element))
                {
                    after = m.Element;
                }
            }
        }

        if (after is not null)
        {
            return (after.Span.End, LeadingIndentIfFirstOnLine(source, after.Span.Start) ?? ChildIndent(head, source));
        }

        if (head.Head is { } h)
        {
            return (h.StartTagSpan.End, ChildIndent(head, source));
        }

        return null;
    }

    private static bool InHeadOrHeadless(HeadModel head, HtmlElement e) =>
        head.Head is null ? e.Parent is null || e.Parent.Name is "html" : e.HasAncestorOrSelf("head");

    private static string? LeadingIndentIfFirstOnLine(SourceText source, int offset)
    {
        var indent = source.GetIndentation(offset);
        var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(offset));
        return lineStart + indent.Length == offset ? indent : null;
    }

    private static string ChildIndent(HeadModel head, SourceText source)
    {
        var headIndent = head.Head is { } h ? source.GetIndentation(h.StartTagSpan.Start) : string.Empty;
        return headIndent + head.Syntax.Style.IndentUnit;
    }

    /// <summary>The document's indentation unit: a tab, or the smallest space indent in use (2 or 4 by default).</summary>
    public static string IndentUnit(string text)
    {
        var smallest = int.MaxValue;
        var lines = 0;
        var i = 0;
        while (i < text.Length && lines < 200)
        {
            var lineStart = i;
            var nl = text.IndexOf('\n', i);
            var end = nl < 0 ? text.Length : nl;
            var spaces = 0;
            while (lineStart + spaces < end && text[lineStart + spaces] == ' ')
            {
                spaces++;
            }

            if (lineStart < end && text[lineStart] == '\t')
            {
                return "\t";
            }

            if (spaces > 0 && lineStart + spaces < end && !char.IsWhiteSpace(text[lineStart + spaces]))
            {
                smallest = Math.Min(smallest, spaces);
            }

            lines++;
            i = end + 1;
        }

        return smallest is >= 2 and <= 8 ? new string(' ', smallest) : "    ";
    }
}
