using System.Text;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// Finds and reads front matter: a block fenced by <c>---</c> (YAML; <c>---js</c>/<c>---json</c> for Eleventy) or
/// <c>+++</c> (TOML) on the first line. Only the subset composition needs is read (see <see cref="FrontMatter"/>);
/// anything else is skipped, never an error.
/// </summary>
internal static class FrontMatterReader
{
    private const int MaxValues = 256;

    public static FrontMatter? Read(string text)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        string fence;
        if (string.CompareOrdinal(text, start, "---", 0, 3) == 0)
        {
            fence = "---";
        }
        else if (string.CompareOrdinal(text, start, "+++", 0, 3) == 0)
        {
            fence = "+++";
        }
        else
        {
            return null;
        }

        var firstLineEnd = LineEnd(text, start);
        var info = text.AsSpan(start + 3, firstLineEnd - start - 3).Trim();
        var isScript = info.Length > 0;
        if (isScript && !(info.SequenceEqual("js") || info.SequenceEqual("javascript") || info.SequenceEqual("json") || info.SequenceEqual("yaml") || info.SequenceEqual("toml")))
        {
            return null; // "---- a rule ----" is text
        }

        isScript = isScript && !info.SequenceEqual("yaml") && !info.SequenceEqual("toml");
        var toml = fence == "+++" || info.SequenceEqual("toml");
        var bodyStart = NextLine(text, firstLineEnd);
        var pos = bodyStart;
        while (pos < text.Length)
        {
            var end = LineEnd(text, pos);
            var line = text.AsSpan(pos, end - pos).TrimEnd();
            if (line.SequenceEqual(fence) || (fence == "---" && line.SequenceEqual("...")))
            {
                var span = TextSpan.FromBounds(0, end);
                var values = isScript ? [] : toml ? ReadToml(text, bodyStart, pos) : ReadYaml(text, bodyStart, pos);
                return new FrontMatter(span, values, isScript);
            }

            pos = NextLine(text, end);
        }

        return null; // unterminated: not front matter
    }

    private static int LineEnd(string text, int i)
    {
        while (i < text.Length && text[i] is not ('\n' or '\r'))
        {
            i++;
        }

        return i;
    }

    private static int NextLine(string text, int lineEnd)
    {
        if (lineEnd < text.Length && text[lineEnd] == '\r')
        {
            lineEnd++;
        }

        if (lineEnd < text.Length && text[lineEnd] == '\n')
        {
            lineEnd++;
        }

        return lineEnd;
    }

    private static int Indent(string text, int lineStart, int lineEnd)
    {
        var i = lineStart;
        while (i < lineEnd && text[i] == ' ')
        {
            i++;
        }

        return i - lineStart;
    }

    private static Dictionary<string, FrontMatterValue> ReadYaml(string text, int start, int end)
    {
        var values = new Dictionary<string, FrontMatterValue>(StringComparer.Ordinal);
        string? parent = null;
        var parentIndent = 0;
        var pos = start;
        while (pos < end && values.Count < MaxValues)
        {
            var lineEnd = LineEnd(text, pos);
            var next = NextLine(text, lineEnd);
            var indent = Indent(text, pos, lineEnd);
            var content = TextSpan.FromBounds(pos + indent, lineEnd);
            var line = text.AsSpan(content.Start, content.Length);
            if (line.IsWhiteSpace() || line[0] == '#')
            {
                pos = next;
                continue;
            }

            if (indent == 0)
            {
                parent = null;
            }

            if (line[0] == '-' && (line.Length == 1 || line[1] == ' '))
            {
                // "- item" under "images:": the first item stands for the list.
                if (parent is not null && indent > 0 && !values.ContainsKey(parent))
                {
                    var itemStart = content.Start + 1;
                    while (itemStart < lineEnd && text[itemStart] == ' ')
                    {
                        itemStart++;
                    }

                    if (Scalar(text, itemStart, lineEnd) is { } item && !LooksLikeKey(text, itemStart, lineEnd))
                    {
                        values[parent] = item;
                    }
                }

                pos = next;
                continue;
            }

            var colon = KeyEnd(text, content.Start, lineEnd);
            if (colon < 0)
            {
                pos = next;
                continue;
            }

            var key = text[content.Start..colon].Trim().Trim('"', '\'');
            var valueStart = colon + 1;
            while (valueStart < lineEnd && text[valueStart] == ' ')
            {
                valueStart++;
            }

            string fullKey;
            if (indent == 0)
            {
                fullKey = key;
            }
            else if (parent is not null && indent > parentIndent)
            {
                fullKey = parent + "." + key;
            }
            else
            {
                pos = next;
                continue;
            }

            if (valueStart >= lineEnd || text[valueStart] == '#')
            {
                if (indent == 0)
                {
                    parent = key;
                    parentIndent = 0;
                }

                pos = next;
                continue;
            }

            var c = text[valueStart];
            if (c is '|' or '>')
            {
                // A block scalar: the following lines indented deeper than the key.
                var (value, blockEnd) = BlockScalar(text, next, end, indent, folded: c == '>');
                if (value is not null && !values.ContainsKey(fullKey))
                {
                    values[fullKey] = value;
                }

                pos = blockEnd;
                continue;
            }

            if (Scalar(text, valueStart, lineEnd) is { } scalar && !values.ContainsKey(fullKey))
            {
                values[fullKey] = scalar;
            }

            pos = next;
        }

        return values;
    }

    private static bool LooksLikeKey(string text, int start, int end) => KeyEnd(text, start, end) >= 0 && text[start] is not ('"' or '\'');

    /// <summary>The colon ending a YAML key on this line ("key: value" or "key:"), or -1.</summary>
    private static int KeyEnd(string text, int start, int end)
    {
        if (start < end && text[start] is '"' or '\'')
        {
            var close = text.IndexOf(text[start], start + 1);
            return close > 0 && close + 1 < end && text[close + 1] == ':' ? close + 1 : -1;
        }

        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == ':' && (i + 1 == end || text[i + 1] == ' '))
            {
                return i;
            }

            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '$' or '@'))
            {
                return -1;
            }
        }

        return -1;
    }

    private static (FrontMatterValue? Value, int End) BlockScalar(string text, int pos, int end, int keyIndent, bool folded)
    {
        var sb = new StringBuilder();
        var first = -1;
        var last = -1;
        while (pos < end)
        {
            var lineEnd = LineEnd(text, pos);
            var indent = Indent(text, pos, lineEnd);
            var blank = text.AsSpan(pos, lineEnd - pos).IsWhiteSpace();
            if (!blank && indent <= keyIndent)
            {
                break;
            }

            if (!blank)
            {
                if (first < 0)
                {
                    first = pos + indent;
                }

                last = lineEnd;
                if (sb.Length > 0)
                {
                    sb.Append(folded ? ' ' : '\n');
                }

                sb.Append(text, pos + indent, lineEnd - pos - indent);
            }

            pos = NextLine(text, lineEnd);
        }

        return first < 0 ? (null, pos) : (new FrontMatterValue(sb.ToString(), TextSpan.FromBounds(first, last)), pos);
    }

    /// <summary>A plain, single- or double-quoted scalar, or the first item of a flow list, ending at <paramref name="end"/>.</summary>
    private static FrontMatterValue? Scalar(string text, int start, int end)
    {
        if (start >= end)
        {
            return null;
        }

        var c = text[start];
        if (c == '[')
        {
            var close = text.IndexOf(']', start);
            if (close < 0 || close > end)
            {
                return null;
            }

            var itemStart = start + 1;
            while (itemStart < close && text[itemStart] == ' ')
            {
                itemStart++;
            }

            var comma = text.IndexOf(',', itemStart, close - itemStart);
            var itemEnd = comma < 0 ? close : comma;
            return itemStart < itemEnd && text[itemStart] is '"' or '\'' ? Quoted(text, itemStart, itemEnd) : Plain(text, itemStart, itemEnd);
        }

        if (c is '"' or '\'')
        {
            return Quoted(text, start, end);
        }

        if (c is '{' or '&' or '*' or '!')
        {
            return null; // flow mappings, anchors, aliases and tags: not needed
        }

        // A comment starts at " #".
        var stop = end;
        for (var i = start; i < end - 1; i++)
        {
            if (text[i] == ' ' && text[i + 1] == '#')
            {
                stop = i;
                break;
            }
        }

        return Plain(text, start, stop);
    }

    private static FrontMatterValue? Plain(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end > start ? new FrontMatterValue(text[start..end], TextSpan.FromBounds(start, end)) : null;
    }

    private static FrontMatterValue? Quoted(string text, int start, int end)
    {
        var quote = text[start];
        var sb = new StringBuilder();
        for (var i = start + 1; i < end; i++)
        {
            var c = text[i];
            if (c == quote)
            {
                if (quote == '\'' && i + 1 < end && text[i + 1] == '\'')
                {
                    sb.Append('\'');
                    i++;
                    continue;
                }

                return new FrontMatterValue(sb.ToString(), TextSpan.FromBounds(start + 1, i));
            }

            if (c == '\\' && quote == '"' && i + 1 < end)
            {
                var e = text[++i];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
                continue;
            }

            sb.Append(c);
        }

        return null;
    }

    private static Dictionary<string, FrontMatterValue> ReadToml(string text, int start, int end)
    {
        var values = new Dictionary<string, FrontMatterValue>(StringComparer.Ordinal);
        var table = string.Empty;
        var pos = start;
        while (pos < end && values.Count < MaxValues)
        {
            var lineEnd = LineEnd(text, pos);
            var next = NextLine(text, lineEnd);
            var lineStart = pos;
            while (lineStart < lineEnd && char.IsWhiteSpace(text[lineStart]))
            {
                lineStart++;
            }

            if (lineStart >= lineEnd || text[lineStart] == '#')
            {
                pos = next;
                continue;
            }

            if (text[lineStart] == '[')
            {
                var close = text.IndexOf(']', lineStart);
                table = close > lineStart && close < lineEnd ? text[(lineStart + 1)..close].Trim('[', ' ') + "." : string.Empty;
                pos = next;
                continue;
            }

            var equals = text.IndexOf('=', lineStart, lineEnd - lineStart);
            if (equals > lineStart)
            {
                var key = table + text[lineStart..equals].Trim().Trim('"', '\'');
                var valueStart = equals + 1;
                while (valueStart < lineEnd && text[valueStart] == ' ')
                {
                    valueStart++;
                }

                if (valueStart < lineEnd && Scalar(text, valueStart, lineEnd) is { } value && !values.ContainsKey(key)
                    && !text.AsSpan(valueStart).StartsWith("\"\"\"") && !text.AsSpan(valueStart).StartsWith("'''"))
                {
                    values[key] = value;
                }
            }

            pos = next;
        }

        return values;
    }
}
