using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>An element as written in the template, with exact spans into the original text.</summary>
public sealed class HtmlElement
{
    internal HtmlElement(ParsedTemplate owner, int index, string name, string sourceName, TextSpan startTag, TextSpan nameSpan, int parent, int depth, IReadOnlyList<HtmlAttribute> attributes, bool selfClosing)
    {
        Owner = owner;
        Index = index;
        Name = name;
        SourceName = sourceName;
        StartTagSpan = startTag;
        NameSpan = nameSpan;
        ParentIndex = parent;
        Depth = depth;
        Attributes = attributes;
        IsSelfClosing = selfClosing;
        ContentSpan = new TextSpan(startTag.End, 0);
    }

    internal ParsedTemplate Owner { get; }

    /// <summary>Position in document order among all elements of the template.</summary>
    public int Index { get; }

    /// <summary>The tag name in lower case (<c>meta</c>, <c>pagetitle</c>).</summary>
    public string Name { get; }

    /// <summary>The tag name as written (<c>PageTitle</c>); Razor component names are case-sensitive.</summary>
    public string SourceName { get; }

    public TextSpan StartTagSpan { get; }

    public TextSpan NameSpan { get; }

    /// <summary>The end tag, when the element has one in the text.</summary>
    public TextSpan? EndTagSpan { get; internal set; }

    /// <summary>The text between the start tag and the end tag (empty for void or unclosed elements).</summary>
    public TextSpan ContentSpan { get; internal set; }

    /// <summary>From the start tag to the end tag inclusive, or the start tag alone.</summary>
    public TextSpan Span => TextSpan.FromBounds(StartTagSpan.Start, EndTagSpan?.End ?? Math.Max(StartTagSpan.End, ContentSpan.End));

    public int ParentIndex { get; }

    public int Depth { get; }

    public IReadOnlyList<HtmlAttribute> Attributes { get; }

    public bool IsSelfClosing { get; }

    public HtmlElement? Parent => ParentIndex < 0 ? null : Owner.Elements[ParentIndex];

    public HtmlAttribute? GetAttribute(string lowerCaseName)
    {
        // Attribute lists are short; a linear scan beats building a dictionary per element.
        foreach (var a in Attributes)
        {
            if (a.Name == lowerCaseName)
            {
                return a;
            }
        }

        return null;
    }

    /// <summary>The attribute's value, or null when the attribute is absent (an attribute with no value is Empty).</summary>
    public TemplateValue? GetAttributeValue(string lowerCaseName) => GetAttribute(lowerCaseName)?.Value;

    /// <summary>True when <paramref name="lowerCaseName"/> is this element or one of its ancestors.</summary>
    public bool HasAncestorOrSelf(string lowerCaseName)
    {
        for (var e = this; e is not null; e = e.Parent)
        {
            if (e.Name == lowerCaseName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The element's text content with tags removed and character references decoded.</summary>
    public TemplateValue GetTextValue() =>
        Owner.GetTextValue(ContentSpan, stripTags: Name is not ("title" or "script" or "style" or "textarea"));

    public override string ToString() => $"<{SourceName}> {StartTagSpan}";
}

public sealed class HtmlAttribute
{
    private readonly ParsedTemplate _owner;
    private TemplateValue? _value;

    internal HtmlAttribute(ParsedTemplate owner, string name, TextSpan nameSpan, TextSpan span, TextSpan? valueSpan, char quote)
    {
        _owner = owner;
        Name = name;
        NameSpan = nameSpan;
        Span = span;
        ValueSpan = valueSpan;
        Quote = quote;
    }

    /// <summary>The attribute name in lower case.</summary>
    public string Name { get; }

    public TextSpan NameSpan { get; }

    /// <summary>The whole attribute: name, <c>=</c> and quoted value.</summary>
    public TextSpan Span { get; }

    /// <summary>The value inside its quotes; null for a bare attribute (<c>&lt;input disabled&gt;</c>).</summary>
    public TextSpan? ValueSpan { get; }

    /// <summary>The quote character used, or <c>'\0'</c> for an unquoted or absent value.</summary>
    public char Quote { get; }

    public TemplateValue Value => _value ??= _owner.GetTextValue(ValueSpan ?? new TextSpan(Span.End, 0), stripTags: false);

    public override string ToString() => $"{Name}={Value}";
}

public sealed record HtmlComment(TextSpan Span, TextSpan ContentSpan, bool IsRazor);
