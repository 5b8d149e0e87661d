using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Tests.Text;

public sealed class LineMapTests
{
    [Theory]
    [InlineData("a\nb\nc", "\n")]
    [InlineData("a\r\nb\r\nc", "\r\n")]
    [InlineData("a\rb\rc", "\r")]
    public void Every_line_ending_ends_a_line(string text, string newLine)
    {
        var map = LineMap.Create(text);
        map.LineCount.ShouldBe(3);
        map.NewLine.ShouldBe(newLine);
        map.GetPosition(text.IndexOf('b')).ShouldBe(new LinePosition(1, 0));
        map.GetPosition(text.IndexOf('c')).ShouldBe(new LinePosition(2, 0));
    }

    [Fact]
    public void Mixed_endings_count_each_break_once()
    {
        var text = "a\r\nb\nc\rd";
        var map = LineMap.Create(text);
        map.LineCount.ShouldBe(4);
        map.GetPosition(text.IndexOf('d')).ShouldBe(new LinePosition(3, 0));
    }

    [Fact]
    public void Positions_round_trip_for_every_offset()
    {
        var text = "<html>\r\n  <head>\n\t<title>é😀</title>\r</head>\n";
        var source = new SourceText(text);
        for (var i = 0; i <= text.Length; i++)
        {
            // Offsets inside a CRLF pair map to the end of the line; all others round-trip exactly.
            if (i > 0 && text[i - 1] == '\r' && i < text.Length && text[i] == '\n')
            {
                continue;
            }

            source.GetOffset(source.GetPosition(i)).ShouldBe(i, $"offset {i}");
        }
    }

    [Fact]
    public void Characters_are_utf16_code_units()
    {
        var text = "😀x";
        new SourceText(text).GetPosition(2).ShouldBe(new LinePosition(0, 2));
    }

    [Fact]
    public void Out_of_range_positions_clamp()
    {
        var source = new SourceText("ab\ncd");
        source.GetOffset(new LinePosition(0, 99)).ShouldBe(2);
        source.GetOffset(new LinePosition(99, 0)).ShouldBe(5);
        source.GetPosition(999).ShouldBe(new LinePosition(1, 2));
    }

    [Fact]
    public void Indentation_of_a_line() =>
        new SourceText("<head>\n    <title>x</title>\n").GetIndentation(12).ShouldBe("    ");
}
