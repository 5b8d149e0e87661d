using System.Text;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

/// <summary>Accumulates the composed text and its segments.</summary>
internal sealed class ComposedTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<SourceSegment> _segments = [];

    public int Length => _text.Length;

    public string Text => _text.ToString();

    public IReadOnlyList<SourceSegment> Segments => _segments;

    public void Verbatim(TemplateFacts facts, TextSpan span)
    {
        if (span.IsEmpty)
        {
            return;
        }

        Copy(facts, span);
    }

    private void Copy(TemplateFacts facts, TextSpan span)
    {
        if (span.IsEmpty)
        {
            return;
        }

        var start = _text.Length;
        _text.Append(facts.Text, span.Start, span.Length);
        if (_segments.Count > 0 && _segments[^1] is { Kind: SegmentKind.Verbatim } last && last.Path == facts.Path
            && last.Origin.End == span.Start && last.Composed.End == start)
        {
            _segments[^1] = last with { Composed = TextSpan.FromBounds(last.Composed.Start, _text.Length), Origin = TextSpan.FromBounds(last.Origin.Start, span.End) };
            return;
        }

        _segments.Add(new SourceSegment(TextSpan.FromBounds(start, _text.Length), facts.Path, span, SegmentKind.Verbatim));
    }

    public void Substitute(string text, string path, TextSpan origin, SegmentKind kind = SegmentKind.Substituted)
    {
        var start = _text.Length;
        _text.Append(text);
        _segments.Add(new SourceSegment(TextSpan.FromBounds(start, _text.Length), path, origin, kind));
    }
}
