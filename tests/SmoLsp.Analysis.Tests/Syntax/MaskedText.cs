using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Syntax;

internal static class MaskedText
{
    /// <summary>The text with every character a projection masks (code and template comments) shown as '~', line breaks kept.</summary>
    public static string Of(string text, ParsedTemplate parsed)
    {
        var chars = text.ToCharArray();
        foreach (var span in parsed.Projection.CodeSpans.Concat(parsed.Projection.Comments.Select(c => c.Span)))
        {
            for (var i = span.Start; i < span.End; i++)
            {
                if (chars[i] is not ('\n' or '\r'))
                {
                    chars[i] = '~';
                }
            }
        }

        return new string(chars);
    }
}
