using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Twitter;

/// <summary>Edits that rewrite or remove one tag in place.</summary>
internal static class TagEdits
{
    /// <summary>Removes <paramref name="span"/>, and its whole line (break included) when nothing else is on it.</summary>
    public static TextEdit Remove(SourceText source, TextSpan span)
    {
        var lines = source.Lines;
        var line = lines.GetLineNumber(span.Start);
        var lineSpan = lines.GetLineSpan(line, source.Text);
        if (span.End <= lineSpan.End
            && source.Text.AsSpan(lineSpan.Start, span.Start - lineSpan.Start).IsWhiteSpace()
            && source.Text.AsSpan(span.End, lineSpan.End - span.End).IsWhiteSpace())
        {
            if (line + 1 < lines.LineCount)
            {
                return TextEdit.Delete(TextSpan.FromBounds(lineSpan.Start, lines.GetLineStart(line + 1)));
            }

            // The last line: take the break before it instead, so no blank line is left behind.
            var start = line > 0 ? lines.GetLineSpan(line - 1, source.Text).End : lineSpan.Start;
            return TextEdit.Delete(TextSpan.FromBounds(start, lineSpan.End));
        }

        return TextEdit.Delete(span);
    }
}
