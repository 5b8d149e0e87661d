namespace SmoLsp.Analysis.Text;

/// <summary>A half-open range [Start, End) of UTF-16 code units in a document's original text.</summary>
public readonly record struct TextSpan(int Start, int Length) : IComparable<TextSpan>
{
    public int End => Start + Length;

    public bool IsEmpty => Length == 0;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int offset) => offset >= Start && offset < End;

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    /// <summary>True when the spans share a position; an empty span touching the other's edge counts.</summary>
    public bool IntersectsWith(TextSpan other) => other.Start <= End && other.End >= Start;

    public bool OverlapsWith(TextSpan other) => Math.Max(Start, other.Start) < Math.Min(End, other.End);

    public int CompareTo(TextSpan other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : Length.CompareTo(other.Length);
    }

    public override string ToString() => $"[{Start}..{End})";
}
