using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Images;

/// <summary>Inserts a line of markup right after an element: same indentation, the document's own line ending.</summary>
internal static class LineInsertion
{
    public static TextEdit After(SourceText source, HtmlElement element, string markup) =>
        TextEdit.Insert(element.Span.End, source.Lines.NewLine + source.GetIndentation(element.StartTagSpan.Start) + markup);

    /// <summary>Several lines after an element as one edit, so they land in the order given.</summary>
    public static TextEdit After(SourceText source, HtmlElement element, IEnumerable<string> lines)
    {
        var prefix = source.Lines.NewLine + source.GetIndentation(element.StartTagSpan.Start);
        return TextEdit.Insert(element.Span.End, string.Concat(lines.Select(line => prefix + line)));
    }

    /// <summary>A meta tag in the style of <paramref name="sibling"/> (<c>&gt;</c> or <c> /&gt;</c>).</summary>
    public static string Meta(HtmlElement sibling, string keyAttribute, string key, string content) =>
        $"<meta {keyAttribute}=\"{key}\" content=\"{content}\"{(sibling.IsSelfClosing ? " />" : ">")}";
}
