namespace SmoLsp.Analysis.Text;

/// <summary>A zero-based line and a zero-based UTF-16 character offset within that line (the LSP default).</summary>
public readonly record struct LinePosition(int Line, int Character) : IComparable<LinePosition>
{
    public int CompareTo(LinePosition other)
    {
        var c = Line.CompareTo(other.Line);
        return c != 0 ? c : Character.CompareTo(other.Character);
    }

    public override string ToString() => $"{Line + 1}:{Character + 1}";
}

public readonly record struct LinePositionSpan(LinePosition Start, LinePosition End);
