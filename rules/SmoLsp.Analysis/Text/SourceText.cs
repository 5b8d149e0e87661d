namespace SmoLsp.Analysis.Text;

/// <summary>A document's text and its line map. Immutable; the line map is built on first use.</summary>
public sealed class SourceText
{
    private LineMap? _lines;

    public SourceText(string text)
    {
        Text = text ?? string.Empty;
    }

    public string Text { get; }

    public int Length => Text.Length;

    public LineMap Lines => _lines ??= LineMap.Create(Text);

    public string this[TextSpan span] => Text.Substring(span.Start, span.Length);

    public ReadOnlySpan<char> Slice(TextSpan span) => Text.AsSpan(span.Start, span.Length);

    public LinePosition GetPosition(int offset) => Lines.GetPosition(offset);

    public LinePositionSpan GetPositionSpan(TextSpan span) => Lines.GetPositionSpan(span);

    public int GetOffset(LinePosition position) => Lines.GetOffset(position, Text);

    /// <summary>The whitespace that starts the line containing <paramref name="offset"/>.</summary>
    public string GetIndentation(int offset)
    {
        var start = Lines.GetLineStart(Lines.GetLineNumber(offset));
        var end = start;
        while (end < Text.Length && (Text[end] == ' ' || Text[end] == '\t'))
        {
            end++;
        }

        return Text[start..end];
    }
}
