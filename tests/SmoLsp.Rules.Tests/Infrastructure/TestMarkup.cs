using System.Text;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Tests.Infrastructure;

/// <summary>
/// Parses test markup: <c>[|...|]</c> is one expected diagnostic of the rule under test, <c>{|SMO203:...|}</c>
/// one of the named rule. Returns the plain text and the expected (id, span) pairs.
/// </summary>
public static class TestMarkup
{
    public static (string Text, List<(string Id, TextSpan Span)> Expected) Parse(string markup, string defaultId)
    {
        var sb = new StringBuilder(markup.Length);
        var expected = new List<(string, TextSpan)>();
        var open = new Stack<(int Start, string Id, char Close)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (markup[i] == '[' && At(markup, i + 1) == '|')
            {
                open.Push((sb.Length, defaultId, ']'));
                i += 2;
            }
            else if (markup[i] == '{' && At(markup, i + 1) == '|' && TryReadId(markup, i + 2, out var id, out var next))
            {
                open.Push((sb.Length, id, '}'));
                i = next;
            }
            else if (markup[i] == '|' && (At(markup, i + 1) == ']' || At(markup, i + 1) == '}') && open.Count > 0 && open.Peek().Close == markup[i + 1])
            {
                var (start, spanId, _) = open.Pop();
                expected.Add((spanId, TextSpan.FromBounds(start, sb.Length)));
                i += 2;
            }
            else
            {
                sb.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new ArgumentException("Unclosed [| or {| in test markup.", nameof(markup));
        }

        return (sb.ToString(), expected);
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool TryReadId(string s, int start, out string id, out int next)
    {
        var colon = s.IndexOf(':', start);
        id = colon > start ? s[start..colon] : string.Empty;
        next = colon + 1;
        return colon > start && colon - start <= 16 && id.All(char.IsAsciiLetterOrDigit);
    }
}
