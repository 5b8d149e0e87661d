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

    /// <summary>
    /// Decodes HTML character references: numeric ones (decimal and hex, astral planes included) here, named ones
    /// through HtmlAgilityPack's entity table. Unknown or malformed references stay as written, as browsers do.
    /// </summary>
    public static string DecodeEntities(string text)
    {
        var amp = text.IndexOf('&', StringComparison.Ordinal);
        if (amp < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, amp);
        var i = amp;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '&')
            {
                sb.Append(c);
                i++;
                continue;
            }

            var semi = text.IndexOf(';', i + 1);
            if (semi < 0 || semi - i > 33)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var body = text.AsSpan(i + 1, semi - i - 1);
            if (TryDecode(body, out var decoded))
            {
                sb.Append(decoded);
                i = semi + 1;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static bool TryDecode(ReadOnlySpan<char> body, out string decoded)
    {
        decoded = string.Empty;
        if (body.Length > 1 && body[0] == '#')
        {
            var hex = body[1] is 'x' or 'X';
            var digits = hex ? body[2..] : body[1..];
            if (!int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                return false;
            }

            // Out-of-range and surrogate code points render as U+FFFD (HTML spec).
            decoded = code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD";
            return true;
        }

        if (HtmlAgilityPack.HtmlEntity.EntityValue.TryGetValue(body.ToString(), out var value))
        {
            decoded = char.ConvertFromUtf32(value);
            return true;
        }

        return false;
    }

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
