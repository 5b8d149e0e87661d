namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// How a document writes its markup, so text a fix inserts looks like the rest: <see cref="VoidEnd"/> is <c>" /&gt;"</c>
/// or <c>"&gt;"</c> after void elements (as most of the document's own), <see cref="IndentUnit"/> a tab or its smallest
/// space indent.
/// </summary>
public sealed record MarkupStyle(string VoidEnd, string IndentUnit)
{
    public static MarkupStyle Of(ParsedTemplate syntax)
    {
        var voids = 0;
        var selfClosed = 0;
        foreach (var e in syntax.Elements)
        {
            if (e.Name is "meta" or "link" or "img" or "br" or "input")
            {
                voids++;
                if (e.IsSelfClosing)
                {
                    selfClosed++;
                }
            }
        }

        // Without void elements to imitate, Razor's convention is XHTML-style, HTML's the short form.
        var voidEnd = voids == 0 ? (syntax.Language.IsRazor() ? " />" : ">") : selfClosed * 2 >= voids ? " />" : ">";
        return new MarkupStyle(voidEnd, Fixes.HeadInsertion.IndentUnit(syntax.Source.Text));
    }
}
