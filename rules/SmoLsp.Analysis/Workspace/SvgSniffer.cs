using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmoLsp.Analysis.Workspace;

/// <summary>What the start of a markup file says: an SVG and its size, or what else it is.</summary>
internal sealed record SvgSniff(bool IsSvg, int? Width, int? Height, string? Problem);

/// <summary>
/// Recognises SVG by its text: past a BOM, whitespace, the XML declaration, comments, processing instructions and a
/// DOCTYPE, the root element must be <c>&lt;svg&gt;</c> (any namespace prefix). The size is what a renderer without a
/// container uses: <c>width</c>/<c>height</c> in px or unitless, completed from the <c>viewBox</c> aspect ratio, or
/// the <c>viewBox</c> size alone. Absolute units (<c>pt</c>, <c>mm</c>, <c>in</c>) convert at CSS's fixed ratios;
/// relative ones (<c>em</c>, <c>%</c>) depend on where the image is shown, so the size is unknown.
/// </summary>
internal static partial class SvgSniffer
{
    /// <summary>Null when the bytes do not start like markup at all.</summary>
    public static SvgSniff? Read(ReadOnlySpan<byte> head)
    {
        var text = Decode(head);
        if (text is null)
        {
            return null;
        }

        var i = SkipWhitespace(text, 0);
        if (i >= text.Length || text[i] != '<')
        {
            return null;
        }

        while (true)
        {
            i = SkipWhitespace(text, i);
            if (i >= text.Length)
            {
                return new SvgSniff(false, null, null, "markup without a root element (truncated?)");
            }

            if (text[i] != '<')
            {
                return new SvgSniff(false, null, null, "text, not an image");
            }

            if (Prolog(text, i) is { } skipped)
            {
                if (skipped < 0)
                {
                    return new SvgSniff(false, null, null, "markup that ends inside its prolog (truncated?)");
                }

                i = skipped;
                continue;
            }

            return Root(text, i + 1);
        }
    }

    private static string? Decode(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        // Check the first meaningful byte before decoding a large binary file as text.
        var first = head.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && head[first] == (byte)'<' ? Encoding.UTF8.GetString(head) : null;
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The offset after a declaration, comment, PI or DOCTYPE at <paramref name="i"/>; -1 when it runs off the text; null when it is an element.</summary>
    private static int? Prolog(string text, int i)
    {
        var rest = text.AsSpan(i);
        if (rest.StartsWith("<?"))
        {
            return End(text, i + 2, "?>");
        }

        if (rest.StartsWith("<!--"))
        {
            return End(text, i + 4, "-->");
        }

        if (!rest.StartsWith("<!"))
        {
            return null;
        }

        // <!DOCTYPE svg PUBLIC "..." "..." [ <!ENTITY ...> ]>: quotes and the internal subset may hold '>'.
        var depth = 0;
        for (var j = i + 2; j < text.Length; j++)
        {
            switch (text[j])
            {
                case '"' or '\'':
                    var close = text.IndexOf(text[j], j + 1);
                    if (close < 0)
                    {
                        return -1;
                    }

                    j = close;
                    break;
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case '>' when depth <= 0:
                    return j + 1;
            }
        }

        return -1;
    }

    private static int End(string text, int from, string terminator)
    {
        var end = text.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? -1 : end + terminator.Length;
    }

    private static SvgSniff Root(string text, int nameStart)
    {
        var i = nameStart;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('/' or '>'))
        {
            i++;
        }

        var name = text[nameStart..i];
        var local = name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (local != "svg")
        {
            return local.Equals("html", StringComparison.OrdinalIgnoreCase)
                ? new SvgSniff(false, null, null, "an HTML page, not an image (a saved error page?)")
                : new SvgSniff(false, null, null, $"markup whose root element is <{name}>, not an image");
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            i = SkipWhitespace(text, i);
            if (i >= text.Length)
            {
                return new SvgSniff(true, null, null, "header truncated: the file ends inside the <svg> start tag");
            }

            if (text[i] is '>' or '/')
            {
                break;
            }

            var attrStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attrName = text[attrStart..i];
            i = SkipWhitespace(text, i);
            if (i < text.Length && text[i] == '=')
            {
                i = SkipWhitespace(text, i + 1);
                if (i >= text.Length)
                {
                    break;
                }

                string value;
                if (text[i] is '"' or '\'')
                {
                    var close = text.IndexOf(text[i], i + 1);
                    if (close < 0)
                    {
                        return new SvgSniff(true, null, null, "header truncated: the file ends inside the <svg> start tag");
                    }

                    value = text[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    var valueStart = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '>')
                    {
                        i++;
                    }

                    value = text[valueStart..i];
                }

                attributes.TryAdd(attrName, value);
            }
            else if (attrName.Length == 0)
            {
                i++; // a stray character; move on rather than loop
            }
        }

        return Size(attributes);
    }

    private static SvgSniff Size(Dictionary<string, string> attributes)
    {
        var width = Length(attributes, "width", out var widthProblem);
        var height = Length(attributes, "height", out var heightProblem);
        if ((widthProblem ?? heightProblem) is { } problem)
        {
            return new SvgSniff(true, null, null, problem);
        }

        double w, h;
        if (width is { } givenWidth && height is { } givenHeight)
        {
            (w, h) = (givenWidth, givenHeight);
        }
        else if (ViewBox(attributes, out var viewBoxProblem) is { } box)
        {
            // One side given: the other follows the viewBox's aspect ratio; neither: the viewBox is the size.
            (w, h) = (width, height) switch
            {
                ({ } onlyWidth, _) => (onlyWidth, onlyWidth * box.Height / box.Width),
                (_, { } onlyHeight) => (onlyHeight * box.Width / box.Height, onlyHeight),
                _ => (box.Width, box.Height),
            };
        }
        else
        {
            return new SvgSniff(true, null, null, viewBoxProblem ?? "the <svg> has no width and height in pixels and no viewBox: its size depends on where it is shown");
        }

        var x = Pixels(w);
        var y = Pixels(h);
        return x is null || y is null
            ? new SvgSniff(true, null, null, $"the <svg> size ({w.ToString(CultureInfo.InvariantCulture)}x{h.ToString(CultureInfo.InvariantCulture)}) is not a usable pixel size")
            : new SvgSniff(true, x, y, null);
    }

    private static int? Pixels(double value)
    {
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        return rounded is >= 1 and <= int.MaxValue ? (int)rounded : null;
    }

    private static double? Length(Dictionary<string, string> attributes, string name, out string? problem)
    {
        problem = null;
        if (!attributes.TryGetValue(name, out var raw) || raw.Trim() is not { Length: > 0 } value || value == "auto")
        {
            return null;
        }

        var match = LengthPattern().Match(value);
        if (!match.Success)
        {
            problem = $"the <svg> {name} '{value}' is not a length";
            return null;
        }

        // CSS absolute units have fixed pixel ratios (CSS Values 4: 1in = 96px = 2.54cm = 72pt = 6pc); relative ones
        // (%, em, vw) depend on the page or container the image is shown in.
        double? pixelsPerUnit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "" or "px" => 1,
            "in" => 96,
            "cm" => 96 / 2.54,
            "mm" => 96 / 25.4,
            "q" => 96 / 101.6,
            "pt" => 96 / 72.0,
            "pc" => 16,
            _ => null,
        };
        if (pixelsPerUnit is not { } ratio)
        {
            problem = $"the <svg> {name} is '{value}': relative units depend on where the image is shown";
            return null;
        }

        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) * ratio;
        if (number <= 0 || double.IsInfinity(number))
        {
            problem = $"the <svg> {name} '{value}' is not a positive size";
            return null;
        }

        return number;
    }

    private static (double Width, double Height)? ViewBox(Dictionary<string, string> attributes, out string? problem)
    {
        problem = null;
        if (!attributes.TryGetValue("viewBox", out var raw))
        {
            return null;
        }

        var parts = raw.Split([' ', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var numbers = new double[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[k]))
            {
                parts = [];
                break;
            }
        }

        if (parts.Length != 4 || numbers[2] <= 0 || numbers[3] <= 0 || double.IsInfinity(numbers[2]) || double.IsInfinity(numbers[3]))
        {
            problem = $"the <svg> viewBox '{raw.Trim()}' is not four numbers with a positive width and height";
            return null;
        }

        return (numbers[2], numbers[3]);
    }

    [GeneratedRegex(@"^(?<number>[+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>[a-zA-Z%]*)$")]
    private static partial Regex LengthPattern();
}
