using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

public enum ValueKind
{
    /// <summary>No text, or only whitespace.</summary>
    Empty,

    /// <summary>Known text: the value is exactly what the template says.</summary>
    Static,

    /// <summary>Contains template code (<c>@Model.Title</c>): present, but its rendered text and length are unknown.</summary>
    Dynamic,
}

/// <summary>
/// An attribute value or element text as the template writes it. Length rules judge only
/// <see cref="ValueKind.Static"/> values and never guess what a Dynamic value renders.
/// </summary>
public sealed record TemplateValue(ValueKind Kind, TextSpan Span, string RawText, string Text)
{
    public bool IsStatic => Kind == ValueKind.Static;

    public bool IsDynamic => Kind == ValueKind.Dynamic;

    public bool IsEmpty => Kind == ValueKind.Empty;

    /// <summary>Static text with whitespace runs collapsed and trimmed, as browsers and crawlers show it.</summary>
    public string NormalizedText => IsStatic ? TextNormalizer.CollapseWhitespace(Text) : string.Empty;

    /// <summary>The value written back into an attribute: HTML-escaped static text, or the template code as written.</summary>
    /// <summary>
    /// The value written back into an attribute: HTML-escaped static text, or the template code exactly as written
    /// (Razor parses <c>content="@ViewData["Title"]"</c> correctly, so quotes inside code need no escaping).
    /// </summary>
    public string ToAttributeText() => IsDynamic
        ? TextNormalizer.CollapseWhitespace(RawText)
        : IsRazor ? EscapeRazorTransitions(TextNormalizer.EscapeAttribute(NormalizedText)) : TextNormalizer.EscapeAttribute(NormalizedText);

    /// <summary>True when the value was read from a Razor template, where a literal '@' is written "@@".</summary>
    public bool IsRazor { get; init; }

    // Static text decoded "@@" to "@"; written back into Razor, "@acme" would start code. After a letter or digit Razor
    // reads an e-mail address, so "info@acme.test" stays as it is.
    private static string EscapeRazorTransitions(string text)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (text[i] == '@' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                sb.Append('@');
            }
        }

        return sb.ToString();
    }

    public override string ToString() => $"{Kind}: {RawText}";
}
