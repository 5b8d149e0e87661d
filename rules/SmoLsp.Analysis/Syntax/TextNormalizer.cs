using System.Text;

namespace SmoLsp.Analysis.Syntax;

public static class TextNormalizer
{
    public static string CollapseWhitespace(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return string.Empty;
        }

        var needsWork = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
        {
            return span.Length == text.Length ? text : span.ToString();
        }

        var sb = new StringBuilder(span.Length);
        var lastWasSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    sb.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                sb.Append(c);
                lastWasSpace = false;
            }
        }

        return sb.ToString();
    }

    /// <summary>Decodes HTML character references (named and numeric) with HtmlAgilityPack's table.</summary>
    public static string DecodeEntities(string text) =>
        text.Contains('&', StringComparison.Ordinal) ? HtmlAgilityPack.HtmlEntity.DeEntitize(text) ?? text : text;

    public static string EscapeAttribute(string text)
    {
        if (text.AsSpan().IndexOfAny("&\"<>") < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>
    /// Escapes known text for Razor: an '@' that does not follow a letter or digit (Razor's e-mail rule) starts code,
    /// so it is written '@@'.
    /// </summary>
    public static string EscapeRazorTransitions(string text)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 4);
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

    public static string EscapeText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
