namespace SmoLsp.Analysis.Text;

/// <summary>
/// Maps offsets to line/character positions and back in O(log n). <c>\n</c>, <c>\r\n</c> and a lone
/// <c>\r</c> all end a line, as in the LSP specification.
/// </summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    private LineMap(int[] lineStarts, int length, string newLine)
    {
        _lineStarts = lineStarts;
        _length = length;
        NewLine = newLine;
    }

    public int LineCount => _lineStarts.Length;

    /// <summary>The document's dominant line ending, used when fixes insert new lines.</summary>
    public string NewLine { get; }

    public static LineMap Create(string text)
    {
        var starts = new List<int>(Math.Max(16, text.Length / 40)) { 0 };
        int lf = 0, crlf = 0, cr = 0;
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var rel = span[i..].IndexOfAny('\r', '\n');
            if (rel < 0)
            {
                break;
            }

            i += rel;
            if (span[i] == '\r')
            {
                if (i + 1 < span.Length && span[i + 1] == '\n')
                {
                    crlf++;
                    i += 2;
                }
                else
                {
                    cr++;
                    i++;
                }
            }
            else
            {
                lf++;
                i++;
            }

            starts.Add(i);
        }

        var newLine = crlf > lf && crlf >= cr ? "\r\n" : cr > lf && cr > crlf ? "\r" : "\n";
        return new LineMap(starts.ToArray(), text.Length, newLine);
    }

    public int GetLineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    /// <summary>The span of a line's content, without its line break.</summary>
    public TextSpan GetLineSpan(int line, string text)
    {
        var start = GetLineStart(line);
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _length;
        while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    public int GetLineNumber(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var line = GetLineNumber(offset);
        return new LinePosition(line, offset - _lineStarts[line]);
    }

    public LinePositionSpan GetPositionSpan(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>
    /// The offset of a position. A character past the end of its line clamps to the line end (before the
    /// break); a line past the end clamps to the end of the text, as the LSP specification asks.
    /// </summary>
    public int GetOffset(LinePosition position, string text)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _lineStarts.Length)
        {
            return _length;
        }

        var lineSpan = GetLineSpan(position.Line, text);
        return lineSpan.Start + Math.Clamp(position.Character, 0, lineSpan.Length);
    }
}
