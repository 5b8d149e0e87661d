using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// A single-pass, allocation-light HTML tokenizer that builds a flat element list with parents and exact spans.
/// It never throws and never recurses, so unclosed tags, stray <c>&lt;</c> and 100,000 nested elements are just
/// input. It runs on the Razor projection, where C# is masked, so offsets are those of the original text.
/// </summary>
/// <remarks>
/// A full DOM (HtmlAgilityPack builds one at ~25 MB/s) costs more than every rule together; the rules need
/// elements, attributes, comments and a few text contents, which this pass gives at several hundred MB/s.
/// </remarks>
internal sealed class HtmlScanner
{
    private const int MaxEndTagSearch = 512;

    private static readonly HashSet<string> s_void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
    };

    private readonly ParsedTemplate _owner;
    private readonly string _text;
    private readonly List<HtmlElement> _elements;
    private readonly List<HtmlComment> _comments;
    private readonly List<int> _stack = [];
    private readonly List<HtmlAttribute> _scratch = [];
    private readonly LocalNameCache _names = new();

    public HtmlScanner(ParsedTemplate owner, string projectedText, List<HtmlElement> elements, List<HtmlComment> comments)
    {
        _owner = owner;
        _text = projectedText;
        _elements = elements;
        _comments = comments;
    }

    public void Scan()
    {
        var text = _text.AsSpan();
        var pos = 0;
        while (pos < text.Length)
        {
            var rel = text[pos..].IndexOf('<');
            if (rel < 0)
            {
                break;
            }

            var lt = pos + rel;
            if (lt + 1 >= text.Length)
            {
                break;
            }

            var next = text[lt + 1];
            if (next == '!')
            {
                pos = ScanMarkupDeclaration(lt);
            }
            else if (next == '/')
            {
                pos = ScanEndTag(lt);
            }
            else if (char.IsAsciiLetter(next))
            {
                pos = ScanStartTag(lt);
            }
            else if (next == '?')
            {
                pos = SkipTo(lt, '>');
            }
            else
            {
                // A stray '<' in text ("a < b") is text, as browsers treat it.
                pos = lt + 1;
            }
        }

        // Elements still open at the end of input extend to its end.
        while (_stack.Count > 0)
        {
            Close(_stack[^1], _text.Length, endTag: null);
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private int SkipTo(int from, char c)
    {
        var rel = _text.AsSpan(from).IndexOf(c);
        return rel < 0 ? _text.Length : from + rel + 1;
    }

    private int ScanMarkupDeclaration(int lt)
    {
        var text = _text.AsSpan();
        if (text[lt..].StartsWith("<!--"))
        {
            var contentStart = lt + 4;
            var rel = text[contentStart..].IndexOf("-->");
            var contentEnd = rel < 0 ? text.Length : contentStart + rel;
            var end = rel < 0 ? text.Length : contentEnd + 3;
            _comments.Add(new HtmlComment(TextSpan.FromBounds(lt, end), TextSpan.FromBounds(contentStart, contentEnd), IsRazor: false));
            return end;
        }

        if (text[lt..].StartsWith("<![CDATA["))
        {
            var rel = text[lt..].IndexOf("]]>");
            return rel < 0 ? text.Length : lt + rel + 3;
        }

        // <!DOCTYPE ...> and other declarations.
        return SkipTo(lt, '>');
    }

    private static int ReadName(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '/' || c == '>' || c == '<')
            {
                break;
            }

            i++;
        }

        return i;
    }

    private int ScanEndTag(int lt)
    {
        var text = _text.AsSpan();
        var nameStart = lt + 2;
        if (nameStart >= text.Length || !char.IsAsciiLetter(text[nameStart]))
        {
            // "</>" or "</ 3" is a bogus comment in HTML; skip to '>'.
            return SkipTo(lt, '>');
        }

        var nameEnd = ReadName(text, nameStart);
        var end = SkipTo(nameEnd, '>');
        var name = _names.ToLowerName(text[nameStart..nameEnd]);
        var limit = name is "html" or "body" or "head" ? _stack.Count : Math.Min(_stack.Count, MaxEndTagSearch);
        for (var k = 1; k <= limit; k++)
        {
            var index = _stack[^k];
            if (_elements[index].Name == name)
            {
                // Everything opened after it is implicitly closed where this end tag starts.
                for (var j = 1; j < k; j++)
                {
                    Close(_stack[^j], lt, endTag: null);
                }

                Close(index, lt, TextSpan.FromBounds(lt, end));
                _stack.RemoveRange(_stack.Count - k, k);
                break;
            }
        }

        // An end tag with no open element of its name is ignored, as browsers do.
        return end;
    }

    private void Close(int index, int contentEnd, TextSpan? endTag)
    {
        var e = _elements[index];
        e.ContentSpan = TextSpan.FromBounds(e.StartTagSpan.End, Math.Max(e.StartTagSpan.End, contentEnd));
        e.EndTagSpan = endTag;
    }

    private int ScanStartTag(int lt)
    {
        var text = _text.AsSpan();
        var nameStart = lt + 1;
        var nameEnd = ReadName(text, nameStart);
        var nameSpan = TextSpan.FromBounds(nameStart, nameEnd);
        var sourceName = text[nameStart..nameEnd];
        var name = _names.ToLowerName(sourceName);
        var attributes = _scratch;
        attributes.Clear();
        var selfClosing = false;
        var i = nameEnd;
        var tagEnd = text.Length;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '>')
            {
                tagEnd = i + 1;
                break;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '>')
            {
                selfClosing = true;
                tagEnd = i + 2;
                break;
            }

            if (char.IsWhiteSpace(c) || c == '/')
            {
                i++;
                continue;
            }

            if (c == '<')
            {
                // "<div <p>": the tag was never finished; end it here so the next tag is not swallowed.
                tagEnd = i;
                break;
            }

            i = ScanAttribute(text, i, attributes);
        }

        if (i >= text.Length)
        {
            tagEnd = text.Length;
        }

        var startTag = TextSpan.FromBounds(lt, tagEnd);
        var parent = _stack.Count > 0 ? _stack[^1] : -1;
        if (name == "body")
        {
            parent = CloseOpenHead(lt, parent);
        }

        // Most names are written in lower case: share the lower-case string instead of allocating the source form.
        var source = sourceName.SequenceEqual(name) ? name : sourceName.ToString();
        HtmlAttribute[] attributeArray = attributes.Count == 0 ? [] : [.. attributes];
        var element = new HtmlElement(_owner, _elements.Count, name, source, startTag, nameSpan, parent, _stack.Count, attributeArray, selfClosing);
        _elements.Add(element);
        if (selfClosing || s_void.Contains(name))
        {
            return tagEnd;
        }

        if (name is "script" or "style" or "title" or "textarea" or "xmp" or "noembed" or "noframes")
        {
            return ScanRawText(element, name, tagEnd);
        }

        _stack.Add(element.Index);
        return tagEnd;
    }

    private int CloseOpenHead(int at, int parent)
    {
        // <body> implies </head>: what follows is not head content even when </head> was never written.
        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            if (_elements[_stack[k]].Name == "head")
            {
                for (var j = _stack.Count - 1; j >= k; j--)
                {
                    Close(_stack[j], at, endTag: null);
                }

                _stack.RemoveRange(k, _stack.Count - k);
                return _stack.Count > 0 ? _stack[^1] : -1;
            }
        }

        return parent;
    }

    private int ScanRawText(HtmlElement element, string name, int contentStart)
    {
        var text = _text.AsSpan();
        var i = contentStart;
        while (i < text.Length)
        {
            var rel = text[i..].IndexOf("</", StringComparison.Ordinal);
            if (rel < 0)
            {
                break;
            }

            var at = i + rel;
            var candidate = text[(at + 2)..];
            if (candidate.Length >= name.Length && candidate[..name.Length].Equals(name, StringComparison.OrdinalIgnoreCase)
                && (candidate.Length == name.Length || !char.IsAsciiLetterOrDigit(candidate[name.Length])))
            {
                var end = SkipTo(at, '>');
                element.ContentSpan = TextSpan.FromBounds(contentStart, at);
                element.EndTagSpan = TextSpan.FromBounds(at, end);
                return end;
            }

            i = at + 2;
        }

        element.ContentSpan = TextSpan.FromBounds(contentStart, text.Length);
        return text.Length;
    }

    private int ScanAttribute(ReadOnlySpan<char> text, int start, List<HtmlAttribute> attributes)
    {
        var i = start + 1; // the first character is part of the name even when it is '='
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '/' || c == '>' || c == '=' || c == '<')
            {
                break;
            }

            i++;
        }

        var nameSpan = TextSpan.FromBounds(start, i);
        var name = _names.ToLowerName(text[start..i]);
        var j = i;
        while (j < text.Length && char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        if (j >= text.Length || text[j] != '=')
        {
            attributes.Add(new HtmlAttribute(_owner, name, nameSpan, nameSpan, valueSpan: null, quote: '\0'));
            return i;
        }

        j++;
        var afterEquals = j;
        while (j < text.Length && char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        // An unquoted value that is template code (content=@Model.Image, content={{ .Permalink }}) is masked to spaces:
        // the value is the code, not whatever follows it (the "/" of "/>" is not a URL).
        if (j > afterEquals && _owner.FirstCodeSpanIn(TextSpan.FromBounds(afterEquals, j)) is { } code && text[afterEquals..code.Start].IsWhiteSpace())
        {
            var valueEnd = code.End;
            if (j == code.End)
            {
                while (valueEnd < text.Length && !char.IsWhiteSpace(text[valueEnd]) && text[valueEnd] != '>'
                    && !(text[valueEnd] == '/' && valueEnd + 1 < text.Length && text[valueEnd + 1] == '>'))
                {
                    valueEnd++;
                }
            }

            attributes.Add(new HtmlAttribute(_owner, name, nameSpan, TextSpan.FromBounds(start, valueEnd), TextSpan.FromBounds(code.Start, valueEnd), '\0'));
            return valueEnd;
        }

        if (j < text.Length && (text[j] == '"' || text[j] == '\''))
        {
            var quote = text[j];
            var valueStart = j + 1;
            var rel = text[valueStart..].IndexOf(quote);
            var valueEnd = rel < 0 ? text.Length : valueStart + rel;
            var end = rel < 0 ? text.Length : valueEnd + 1;
            attributes.Add(new HtmlAttribute(_owner, name, nameSpan, TextSpan.FromBounds(start, end), TextSpan.FromBounds(valueStart, valueEnd), quote));
            return end;
        }

        var k = j;
        while (k < text.Length && !char.IsWhiteSpace(text[k]) && text[k] != '>')
        {
            k++;
        }

        attributes.Add(new HtmlAttribute(_owner, name, nameSpan, TextSpan.FromBounds(start, k), TextSpan.FromBounds(j, k), '\0'));
        return k;
    }
}
