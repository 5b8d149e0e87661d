using SmoLsp.Analysis.Text;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Converts between offsets (UTF-16 code units into the text, as the analysis core uses) and LSP positions in the
/// negotiated encoding. Characters past the end of a line clamp to the line end and lines past the end clamp to the
/// end of the text, as the specification asks; nothing here throws on a client's bad position.
/// </summary>
public sealed class PositionConverter
{
    public static readonly PositionConverter Utf16 = new(utf8: false);
    public static readonly PositionConverter Utf8 = new(utf8: true);

    private readonly bool _utf8;

    private PositionConverter(bool utf8)
    {
        _utf8 = utf8;
    }

    public string Encoding => _utf8 ? ClientSession.Utf8 : ClientSession.Utf16;

    public int ToOffset(SourceText source, Position position)
    {
        if (!_utf8)
        {
            return source.GetOffset(new LinePosition(position.Line, position.Character));
        }

        var lines = source.Lines;
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= lines.LineCount)
        {
            return source.Length;
        }

        var line = lines.GetLineSpan(position.Line, source.Text);
        var text = source.Text;
        var bytes = 0;
        var i = line.Start;
        while (i < line.End)
        {
            var c = text[i];
            int size, chars = 1;
            if (c < 0x80)
            {
                size = 1;
            }
            else if (c < 0x800)
            {
                size = 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < line.End && char.IsLowSurrogate(text[i + 1]))
            {
                size = 4;
                chars = 2;
            }
            else
            {
                size = 3; // BMP, or a lone surrogate (encoded as U+FFFD, three bytes)
            }

            if (bytes + size > position.Character)
            {
                break;
            }

            bytes += size;
            i += chars;
        }

        return i;
    }

    public Position ToPosition(SourceText source, int offset)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        var p = source.GetPosition(offset);
        if (!_utf8)
        {
            return new Position(p.Line, p.Character);
        }

        var lineStart = offset - p.Character;
        return new Position(p.Line, System.Text.Encoding.UTF8.GetByteCount(source.Text.AsSpan(lineStart, p.Character)));
    }

    public LspRange ToRange(SourceText source, TextSpan span) => new(ToPosition(source, span.Start), ToPosition(source, span.End));

    /// <summary>The same range as the core's plain data, for what the site session keeps of a page.</summary>
    public LinePositionSpan ToLinePositionSpan(SourceText source, TextSpan span)
    {
        var start = ToPosition(source, span.Start);
        var end = ToPosition(source, span.End);
        return new LinePositionSpan(new LinePosition(start.Line, start.Character), new LinePosition(end.Line, end.Character));
    }

    public TextSpan ToSpan(SourceText source, LspRange range)
    {
        var start = ToOffset(source, range.Start);
        var end = ToOffset(source, range.End);
        return start <= end ? TextSpan.FromBounds(start, end) : TextSpan.FromBounds(end, start);
    }
}
