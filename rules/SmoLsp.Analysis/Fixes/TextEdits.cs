using System.Text;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Fixes;

public static class TextEdits
{
    /// <summary>
    /// Applies edits to <paramref name="text"/>. Edits are applied in offset order; insertions at one offset keep the
    /// order given; an edit that overlaps one already taken is skipped (and counted in <paramref name="skipped"/>).
    /// </summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits, out int skipped)
    {
        var ordered = edits.Select((e, i) => (Edit: e, Order: i))
            .OrderBy(x => x.Edit.Span.Start)
            .ThenBy(x => x.Edit.Span.Length == 0 ? 0 : 1)
            .ThenBy(x => x.Order)
            .Select(x => x.Edit)
            .ToList();
        var sb = new StringBuilder(text.Length + 256);
        var pos = 0;
        skipped = 0;
        foreach (var edit in ordered)
        {
            if (edit.Span.Start < pos || edit.Span.End > text.Length)
            {
                skipped++;
                continue;
            }

            sb.Append(text, pos, edit.Span.Start - pos);
            sb.Append(edit.NewText);
            pos = edit.Span.End;
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }

    public static string Apply(string text, IEnumerable<TextEdit> edits) => Apply(text, edits, out _);

    /// <summary>Removes <paramref name="span"/>, and its whole line (break included) when nothing else is on it.</summary>
    public static TextEdit RemoveLineOrSpan(SourceText source, TextSpan span)
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

    /// <summary>
    /// The edits of every safe fix in <paramref name="result"/> that edits this document only, without conflicts:
    /// what <c>check --fix</c> and <c>source.fixAll</c> apply in one pass.
    /// </summary>
    public static IReadOnlyList<TextEdit> CollectSafeFixes(AnalysisResult result)
    {
        var edits = new List<TextEdit>();
        foreach (var d in result.Diagnostics)
        {
            var fix = d.Fixes.FirstOrDefault(f => f.IsSafe && f.Edits.All(e => e.DocumentPath is null));
            if (fix is null || fix.Edits.Any(e => edits.Any(taken => taken.Span.OverlapsWith(e.Span) || (taken.Span == e.Span && taken.NewText == e.NewText))))
            {
                continue;
            }

            edits.AddRange(fix.Edits);
        }

        return edits;
    }
}
