namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// How a document writes its markup, so text a fix inserts looks like the rest: <see cref="VoidEnd"/> is <c>" /&gt;"</c>
/// or <c>"&gt;"</c> after void elements (as most of the document's own), <see cref="IndentUnit"/> a tab or its smallest
/// space indent. Each is worked out the first time a fix asks for it: most fixes need only one, most pages neither.
/// </summary>
public sealed class MarkupStyle
{
    private readonly ParsedTemplate _syntax;
    private string? _voidEnd;
    private string? _indentUnit;

    private MarkupStyle(ParsedTemplate syntax)
    {
        _syntax = syntax;
    }

    public static MarkupStyle Of(ParsedTemplate syntax) => new(syntax);

    // Both are pure functions of the document: two threads that race compute the same string.
    public string VoidEnd => _voidEnd ??= VoidEndOf(_syntax);

    public string IndentUnit => _indentUnit ??= Fixes.HeadInsertion.IndentUnit(_syntax.Source.Text);

    private static string VoidEndOf(ParsedTemplate syntax)
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
        return voids == 0 ? (syntax.Language.IsRazor() ? " />" : ">") : selfClosed * 2 >= voids ? " />" : ">";
    }
}
