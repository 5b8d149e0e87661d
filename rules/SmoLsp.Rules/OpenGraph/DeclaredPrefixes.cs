using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>The RDFa prefixes a page declares for its Open Graph tags (ogp.me: custom namespaces are declared with prefix=).</summary>
internal static class DeclaredPrefixes
{
    /// <summary>
    /// Prefixes declared for the tag: RDFa <c>prefix="ns: uri ..."</c> and legacy <c>xmlns:ns="uri"</c> on the tag's
    /// ancestors (and html/head), lower-cased as RDFa does. Null when a prefix attribute is Razor code (unknowable).
    /// </summary>
    public static HashSet<string>? For(HeadModel head, MetaTag meta)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var elements = new List<HtmlElement>();
        for (var e = meta.Element.Parent; e is not null; e = e.Parent)
        {
            elements.Add(e);
        }

        if (head.Html is { } html && !elements.Contains(html))
        {
            elements.Add(html);
        }

        if (head.Head is { } headElement && !elements.Contains(headElement))
        {
            elements.Add(headElement);
        }

        foreach (var element in elements)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("xmlns:", StringComparison.Ordinal) && attribute.Name.Length > "xmlns:".Length)
                {
                    names.Add(attribute.Name["xmlns:".Length..]);
                }
                else if (attribute.Name == "prefix")
                {
                    if (attribute.Value.IsDynamic)
                    {
                        return null;
                    }

                    foreach (var token in attribute.Value.NormalizedText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (token.Length > 1 && token[^1] == ':')
                        {
                            names.Add(token[..^1]);
                        }
                    }
                }
            }
        }

        return names;
    }
}
