using System.Text;

namespace SmoLsp.Analysis.Fixes;

/// <summary>
/// Suggestion fixes mark what a person must write with <see cref="Marker"/> (<c>content="TODO: page title"</c>): that is
/// what a client without snippets inserts. A client that accepts snippet edits gets the same text with the placeholder as
/// a tab stop, selected, so typing replaces it.
/// </summary>
public static class FixPlaceholders
{
    public const string Marker = "TODO: ";

    /// <summary>
    /// <paramref name="newText"/> as a snippet whose placeholders (each marker up to the next quote or <c>&lt;</c>) are tab
    /// stops 1, 2, ... in order, the rest escaped; null when the text has no placeholder.
    /// </summary>
    public static string? ToSnippet(string newText)
    {
        var start = newText.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var sb = new StringBuilder(newText.Length + 16);
        var done = 0;
        for (var stop = 1; start >= 0; stop++)
        {
            var end = newText.IndexOfAny(['"', '<', '\''], start);
            if (end < 0)
            {
                end = newText.Length;
            }

            Escape(sb, newText.AsSpan(done, start - done));
            sb.Append("${").Append(stop).Append(':');
            Escape(sb, newText.AsSpan(start + Marker.Length, end - start - Marker.Length));
            sb.Append('}');
            done = end;
            start = newText.IndexOf(Marker, end, StringComparison.Ordinal);
        }

        Escape(sb, newText.AsSpan(done));
        sb.Append("$0");
        return sb.ToString();
    }

    // Snippet syntax: '$', '}' and '\' are special everywhere ('|' and ',' only inside choices, which are not used here).
    private static void Escape(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is '$' or '\\' or '}')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }
}
