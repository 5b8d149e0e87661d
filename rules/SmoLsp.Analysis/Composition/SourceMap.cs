using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

public enum SegmentKind
{
    /// <summary>Copied character for character: every offset maps to the same character of the origin.</summary>
    Verbatim,

    /// <summary>
    /// Text that stands for a span of the origin without being a copy of it (a <c>ViewData["Title"]</c> value rendered
    /// from the page's string literal): any offset inside maps to the whole origin span.
    /// </summary>
    Substituted,

    /// <summary>
    /// Markup a known generator writes (<c>{% seo %}</c>, Hugo's internal opengraph template), modelled in place of the
    /// tag that writes it: it maps as a whole to that tag, and findings inside it are the generator's, not the site's.
    /// </summary>
    Generated,
}

/// <summary>A piece of the composed text and the file and span it came from.</summary>
public sealed record SourceSegment(TextSpan Composed, string Path, TextSpan Origin, SegmentKind Kind)
{
    /// <summary>The origin span of a composed span inside this segment.</summary>
    public TextSpan ToOrigin(TextSpan composed)
    {
        if (Kind != SegmentKind.Verbatim)
        {
            return Origin;
        }

        var start = Origin.Start + Math.Clamp(composed.Start - Composed.Start, 0, Composed.Length);
        var end = Origin.Start + Math.Clamp(composed.End - Composed.Start, 0, Composed.Length);
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }

    public int ToComposed(int originOffset) => Composed.Start + Math.Clamp(originOffset - Origin.Start, 0, Composed.Length);
}

/// <summary>Where each part of a composed document came from: segments in composed order, covering the text without gaps.</summary>
public sealed class SourceMap
{
    private readonly SourceSegment[] _segments;

    internal SourceMap(IReadOnlyList<SourceSegment> segments)
    {
        _segments = [.. segments.Where(s => !s.Composed.IsEmpty)];
    }

    public IReadOnlyList<SourceSegment> Segments => _segments;

    /// <summary>The segment holding the character at <paramref name="offset"/> (the last segment for the end of the text).</summary>
    public SourceSegment? SegmentAt(int offset)
    {
        if (_segments.Length == 0)
        {
            return null;
        }

        int lo = 0, hi = _segments.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _segments[mid].Composed;
            if (offset < s.Start)
            {
                hi = mid - 1;
            }
            else if (offset >= s.End)
            {
                lo = mid + 1;
            }
            else
            {
                return _segments[mid];
            }
        }

        return offset >= _segments[^1].Composed.End ? _segments[^1] : null;
    }

    /// <summary>The segments a composed span touches, in order. An empty span touches the segment it sits in.</summary>
    public List<SourceSegment> Overlapping(TextSpan span)
    {
        var result = new List<SourceSegment>();
        if (span.IsEmpty)
        {
            if (SegmentAt(span.Start) is { } single)
            {
                result.Add(single);
            }

            return result;
        }

        foreach (var s in _segments)
        {
            if (s.Composed.Start >= span.End)
            {
                return result;
            }

            if (s.Composed.End > span.Start)
            {
                result.Add(s);
            }
        }

        return result;
    }

    /// <summary>
    /// Maps a composed span that lies inside one verbatim segment (empty spans at a boundary may belong to the segment
    /// before, when <paramref name="preferPreceding"/>: an insertion "after" something) to its file and span.
    /// </summary>
    public bool TryMapExact(TextSpan composed, out SourceSegment segment, out TextSpan origin, bool preferPreceding = false)
    {
        origin = default;
        segment = null!;
        SourceSegment? found = null;
        if (composed.IsEmpty && preferPreceding && composed.Start > 0)
        {
            var before = SegmentAt(composed.Start - 1);
            if (before is { Kind: SegmentKind.Verbatim } && before.Composed.End >= composed.Start)
            {
                found = before;
            }
        }

        found ??= SegmentAt(composed.Start);
        if (found is null || found.Kind != SegmentKind.Verbatim || composed.Start < found.Composed.Start || composed.End > found.Composed.End)
        {
            return false;
        }

        segment = found;
        origin = found.ToOrigin(composed);
        return true;
    }

    /// <summary>Composed offsets of an origin span of <paramref name="path"/>, when that span was copied verbatim.</summary>
    public TextSpan? ToComposed(string path, TextSpan origin)
    {
        foreach (var s in _segments)
        {
            if (s.Kind == SegmentKind.Verbatim && s.Path == path && s.Origin.Start <= origin.Start && origin.End <= s.Origin.End)
            {
                return TextSpan.FromBounds(s.ToComposed(origin.Start), s.ToComposed(origin.End));
            }
        }

        return null;
    }
}
