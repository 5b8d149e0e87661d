using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// Finds the C# in a Razor template (transitions, code blocks, control statements, directives, comments)
/// without compiling it. Markup inside code blocks stays markup. Never throws: unterminated constructs
/// run to the end of the text.
/// </summary>
internal sealed class RazorScanner
{
    // Nesting deeper than this (code in markup in code ...) is treated as text: no real template needs it,
    // and it bounds the recursion on hostile input.
    private const int MaxNesting = 200;

    private static readonly HashSet<string> s_lineDirectives = new(StringComparer.Ordinal)
    {
        "page", "model", "inject", "layout", "inherits", "implements", "attribute", "namespace", "rendermode",
        "addTagHelper", "removeTagHelper", "tagHelperPrefix", "typeparam", "preservewhitespace",
    };

    private static readonly HashSet<string> s_void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
    };

    private readonly string _t;
    private readonly int _n;
    private readonly List<TextSpan> _code = [];
    private readonly List<HtmlComment> _comments = [];
    private readonly List<BranchRegion> _branches = [];
    private readonly List<RazorSection> _sections = [];
    private readonly List<RazorDirective> _directives = [];
    private int _groups;
    private int _nesting;

    public RazorScanner(string text)
    {
        _t = text;
        _n = text.Length;
    }

    private enum Stop
    {
        EndOfText,
        CloseBrace,
        EndOfLine,
        Element,
    }

    public RazorProjection Scan()
    {
        ScanMarkup(0, Stop.EndOfText, null, out _);
        _code.Sort();
        var merged = Merge(_code);
        return new RazorProjection(RazorProjection.Mask(_t, merged, _comments), merged, _comments, _branches, _sections, _directives);
    }

    private static List<TextSpan> Merge(List<TextSpan> spans)
    {
        var result = new List<TextSpan>(spans.Count);
        foreach (var s in spans)
        {
            if (s.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0 && s.Start <= result[^1].End)
            {
                var last = result[^1];
                result[^1] = TextSpan.FromBounds(last.Start, Math.Max(last.End, s.End));
            }
            else
            {
                result.Add(s);
            }
        }

        return result;
    }


    private void MarkCode(int start, int end)
    {
        if (end > start)
        {
            _code.Add(TextSpan.FromBounds(start, Math.Min(end, _n)));
        }
    }

    private char At(int i) => i < _n ? _t[i] : '\0';

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private int ReadIdent(int i)
    {
        while (i < _n && IsIdentPart(_t[i]))
        {
            i++;
        }

        return i;
    }

    private int SkipWhitespace(int i)
    {
        while (i < _n && char.IsWhiteSpace(_t[i]))
        {
            i++;
        }

        return i;
    }

    private int LineEnd(int i)
    {
        while (i < _n && _t[i] != '\n' && _t[i] != '\r')
        {
            i++;
        }

        return i;
    }

    private bool StartsWith(int i, string s) => string.CompareOrdinal(_t, i, s, 0, s.Length) == 0 && i + s.Length <= _n;

    // ---------------------------------------------------------------- markup

    /// <summary>Scans markup until <paramref name="stop"/>; returns the index where it stopped (after the end tag for Element).</summary>
    private int ScanMarkup(int i, Stop stop, string? element, out int endTagStart)
    {
        endTagStart = -1;
        var depth = 0;
        while (i < _n)
        {
            var c = _t[i];
            if (c == '@')
            {
                i = ScanTransition(i);
                continue;
            }

            if (c == '}' && stop == Stop.CloseBrace)
            {
                return i;
            }

            if ((c == '\n' || c == '\r') && stop == Stop.EndOfLine)
            {
                return i;
            }

            if (c != '<')
            {
                i++;
                continue;
            }

            if (StartsWith(i, "<!--"))
            {
                var end = _t.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? _n : end + 3;
                continue;
            }

            var next = At(i + 1);
            if (next == '/')
            {
                var nameEnd = ReadTagName(i + 2);
                if (element is not null && string.Compare(_t, i + 2, element, 0, Math.Max(nameEnd - i - 2, element.Length), StringComparison.OrdinalIgnoreCase) == 0)
                {
                    if (depth == 0)
                    {
                        endTagStart = i;
                        var gt = _t.IndexOf('>', nameEnd);
                        return gt < 0 ? _n : gt + 1;
                    }

                    depth--;
                }

                i = Math.Max(nameEnd, i + 2);
                continue;
            }

            if (!char.IsAsciiLetter(next))
            {
                i++;
                continue;
            }

            var tagNameEnd = ReadTagName(i + 1);
            var name = _t[(i + 1)..tagNameEnd];
            var tagEnd = ScanTag(tagNameEnd, out var selfClosing);
            if (!selfClosing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                i = ScanRawText(tagEnd, name);
                continue;
            }

            if (element is not null && !selfClosing && !s_void.Contains(name) && name.Equals(element, StringComparison.OrdinalIgnoreCase))
            {
                depth++;
            }

            i = tagEnd;
        }

        return _n;
    }

    private int ReadTagName(int i)
    {
        while (i < _n)
        {
            var c = _t[i];
            if (char.IsWhiteSpace(c) || c == '>' || c == '/' || c == '<' || c == '@')
            {
                break;
            }

            i++;
        }

        return i;
    }

    /// <summary>Scans a start tag's attributes (with transitions in them) to its '>'.</summary>
    private int ScanTag(int i, out bool selfClosing)
    {
        selfClosing = false;
        while (i < _n)
        {
            var c = _t[i];
            if (c == '@')
            {
                i = ScanTransition(i);
            }
            else if (c == '"' || c == '\'')
            {
                var j = i + 1;
                while (j < _n && _t[j] != c)
                {
                    j = _t[j] == '@' ? ScanTransition(j) : j + 1;
                }

                i = Math.Min(j + 1, _n);
            }
            else if (c == '>')
            {
                selfClosing = i > 0 && _t[i - 1] == '/';
                return i + 1;
            }
            else if (c == '<')
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return _n;
    }

    /// <summary>Script and style bodies: transitions still apply, but braces and tags do not.</summary>
    private int ScanRawText(int i, string name)
    {
        while (i < _n)
        {
            var c = _t[i];
            if (c == '@')
            {
                i = ScanTransition(i);
                continue;
            }

            if (c == '<' && At(i + 1) == '/' && string.Compare(_t, i + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                var gt = _t.IndexOf('>', i);
                return gt < 0 ? _n : gt + 1;
            }

            i++;
        }

        return _n;
    }

    /// <summary>A markup element inside C# (statement position): scans to its matching end tag.</summary>
    private int ScanMarkupElement(int lt)
    {
        var nameEnd = ReadTagName(lt + 1);
        var name = _t[(lt + 1)..nameEnd];
        var tagEnd = ScanTag(nameEnd, out var selfClosing);
        if (name == "text")
        {
            // <text> only delimits markup for Razor; it never renders.
            MarkCode(lt, tagEnd);
            if (selfClosing)
            {
                return tagEnd;
            }

            var end = ScanMarkup(tagEnd, Stop.Element, name, out var endTag);
            if (endTag >= 0)
            {
                MarkCode(endTag, end);
            }

            return end;
        }

        if (selfClosing || s_void.Contains(name))
        {
            return tagEnd;
        }

        if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            return ScanRawText(tagEnd, name);
        }

        return ScanMarkup(tagEnd, Stop.Element, name, out _);
    }

    // ---------------------------------------------------------------- transitions

    /// <summary>At an '@' in markup: masks what it starts and returns the index after it.</summary>
    private int ScanTransition(int i)
    {
        if (i > 0 && char.IsLetterOrDigit(_t[i - 1]))
        {
            // user@example.com: an '@' after a letter or digit is not a transition.
            return i + 1;
        }

        var next = At(i + 1);
        if (next == '@')
        {
            return i + 2;
        }

        if (next == '*')
        {
            var end = _t.IndexOf("*@", i + 2, StringComparison.Ordinal);
            var stop = end < 0 ? _n : end + 2;
            _comments.Add(new HtmlComment(TextSpan.FromBounds(i, stop), TextSpan.FromBounds(i + 2, end < 0 ? _n : end), IsRazor: true));
            return stop;
        }

        if (_nesting >= MaxNesting)
        {
            return i + 1;
        }

        _nesting++;
        try
        {
            if (next == '(')
            {
                var end = SkipBalanced(i + 1, '(', ')');
                MarkCode(i, end);
                return end;
            }

            if (next == '{')
            {
                return ScanCSharpBlock(i, i + 1);
            }

            if (next == ':')
            {
                // "@:" outside code is literal text; inside code it is handled by ScanCSharpBlock.
                return i + 1;
            }

            if (IsIdentStart(next))
            {
                return ScanKeywordOrExpression(i);
            }

            return i + 1;
        }
        finally
        {
            _nesting--;
        }
    }

    private int ScanKeywordOrExpression(int at)
    {
        var identStart = at + 1;
        var identEnd = ReadIdent(identStart);
        var ident = _t[identStart..identEnd];
        switch (ident)
        {
            case "if":
                return ScanIfChain(at, identEnd);
            case "for" or "foreach" or "while" or "lock" or "switch":
                return ScanStatement(at, identEnd);
            case "using":
            {
                var j = SkipWhitespace(identEnd);
                return At(j) == '(' ? ScanStatement(at, identEnd) : ScanDirective(at, ident, identEnd);
            }

            case "do":
            {
                var end = ScanStatement(at, identEnd);
                var j = SkipWhitespace(end);
                if (StartsWith(j, "while"))
                {
                    j = SkipWhitespace(j + 5);
                    if (At(j) == '(')
                    {
                        j = SkipBalanced(j, '(', ')');
                        j = At(SkipWhitespace(j)) == ';' ? SkipWhitespace(j) + 1 : j;
                        MarkCode(end, j);
                        return j;
                    }
                }

                return end;
            }

            case "try":
            {
                var end = ScanStatement(at, identEnd);
                while (true)
                {
                    var j = SkipWhitespace(end);
                    var word = ReadIdent(j);
                    var w = _t[j..word];
                    if (w is not ("catch" or "finally"))
                    {
                        return end;
                    }

                    end = ScanStatement(end, word);
                }
            }

            case "code" or "functions":
            {
                var j = SkipWhitespace(identEnd);
                return At(j) == '{' ? ScanCSharpBlock(at, j) : ScanImplicitChain(at, identEnd);
            }

            case "section":
                return ScanSection(at, identEnd);
            case "await":
            {
                var j = SkipWhitespace(identEnd);
                return IsIdentStart(At(j)) ? ScanImplicitChain(at, ReadIdent(j)) : ScanImplicitChain(at, identEnd);
            }

            default:
                return s_lineDirectives.Contains(ident) ? ScanDirective(at, ident, identEnd) : ScanImplicitChain(at, identEnd);
        }
    }

    private int ScanDirective(int at, string name, int identEnd)
    {
        var end = LineEnd(identEnd);
        MarkCode(at, end);
        _directives.Add(new RazorDirective(name, _t[identEnd..end].Trim(), TextSpan.FromBounds(at, end)));
        return end;
    }

    /// <summary><c>@Model.Items[0].Name</c>, <c>@Html.Raw(x)</c>, <c>@Foo&lt;T&gt;(x)</c>: stops before a trailing '.'.</summary>
    private int ScanImplicitChain(int at, int j)
    {
        while (j < _n)
        {
            var c = _t[j];
            if (c == '.' && IsIdentStart(At(j + 1)))
            {
                j = ReadIdent(j + 1);
            }
            else if (c == '?' && At(j + 1) == '.' && IsIdentStart(At(j + 2)))
            {
                j = ReadIdent(j + 2);
            }
            else if (c == '[')
            {
                j = SkipBalanced(j, '[', ']');
            }
            else if (c == '(')
            {
                j = SkipBalanced(j, '(', ')');
            }
            else if (c == '<' && TryGenericArguments(j) is var g and > 0)
            {
                j = g;
            }
            else
            {
                break;
            }
        }

        MarkCode(at, j);
        return j;
    }

    /// <summary>Generic arguments directly followed by a call: <c>&lt;Foo, Bar&gt;(</c>. Returns the index of '(' or -1.</summary>
    private int TryGenericArguments(int lt)
    {
        var depth = 0;
        for (var j = lt; j < _n && j < lt + 200; j++)
        {
            var c = _t[j];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
                if (depth == 0)
                {
                    return At(j + 1) == '(' ? j + 1 : -1;
                }
            }
            else if (!(IsIdentPart(c) || c == ',' || c == '.' || c == ' ' || c == '?' || c == '[' || c == ']'))
            {
                return -1;
            }
        }

        return -1;
    }

    private int ScanSection(int at, int identEnd)
    {
        var nameStart = SkipWhitespace(identEnd);
        var nameEnd = ReadIdent(nameStart);
        var brace = SkipWhitespace(nameEnd);
        if (At(brace) != '{')
        {
            return ScanDirective(at, "section", identEnd);
        }

        MarkCode(at, brace + 1);
        var end = ScanMarkup(brace + 1, Stop.CloseBrace, null, out _);
        var body = TextSpan.FromBounds(brace + 1, end);
        if (end < _n)
        {
            MarkCode(end, end + 1);
            end++;
        }

        _sections.Add(new RazorSection(_t[nameStart..nameEnd], TextSpan.FromBounds(at, end), body));
        return end;
    }

    /// <summary><c>for (...) { }</c> and friends: an optional parenthesized head, then a C# block.</summary>
    private int ScanStatement(int segStart, int afterKeyword)
    {
        var j = SkipWhitespace(afterKeyword);
        if (At(j) == '(')
        {
            j = SkipBalanced(j, '(', ')');
            j = SkipWhitespace(j);
        }

        if (At(j) == '{')
        {
            return ScanCSharpBlock(segStart, j);
        }

        MarkCode(segStart, j);
        return j;
    }

    /// <summary><c>if (...) { } else if (...) { } else { }</c>: each body is a branch of one group.</summary>
    private int ScanIfChain(int segStart, int afterIf)
    {
        var group = _groups++;
        var index = 0;
        var j = SkipWhitespace(afterIf);
        if (At(j) == '(')
        {
            j = SkipBalanced(j, '(', ')');
        }

        j = SkipWhitespace(j);
        if (At(j) != '{')
        {
            MarkCode(segStart, j);
            return j;
        }

        var end = ScanCSharpBlock(segStart, j);
        _branches.Add(new BranchRegion(group, index++, TextSpan.FromBounds(j, end)));
        while (true)
        {
            var k = SkipWhitespace(end);
            if (!StartsWith(k, "else") || IsIdentPart(At(k + 4)))
            {
                return end;
            }

            var m = SkipWhitespace(k + 4);
            if (StartsWith(m, "if") && !IsIdentPart(At(m + 2)))
            {
                m = SkipWhitespace(m + 2);
                if (At(m) == '(')
                {
                    m = SkipBalanced(m, '(', ')');
                }

                m = SkipWhitespace(m);
            }

            if (At(m) != '{')
            {
                return end;
            }

            var next = ScanCSharpBlock(end, m);
            _branches.Add(new BranchRegion(group, index++, TextSpan.FromBounds(m, next)));
            end = next;
        }
    }

    // ---------------------------------------------------------------- C#

    /// <summary>
    /// Scans a C# block from its '{' to the matching '}', masking C# from <paramref name="segStart"/> on and
    /// leaving markup (tags at statement starts, <c>@:</c> lines, <c>@&lt;tag&gt;</c>) visible.
    /// Returns the index after the closing brace.
    /// </summary>
    private int ScanCSharpBlock(int segStart, int openBrace)
    {
        var depth = 0;
        var i = openBrace;
        var seg = segStart;
        var prev = '{';
        while (i < _n)
        {
            var c = _t[i];
            switch (c)
            {
                case '{':
                    depth++;
                    prev = c;
                    i++;
                    continue;
                case '}':
                    depth--;
                    prev = c;
                    i++;
                    if (depth == 0)
                    {
                        MarkCode(seg, i);
                        return i;
                    }

                    continue;
                case '"':
                    i = SkipString(i);
                    prev = '"';
                    continue;
                case '\'':
                    i = SkipCharLiteral(i);
                    prev = '\'';
                    continue;
                case '/' when At(i + 1) == '/':
                    i = LineEnd(i);
                    continue;
                case '/' when At(i + 1) == '*':
                {
                    var end = _t.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? _n : end + 2;
                    continue;
                }

                case '$' when At(i + 1) == '"' || (At(i + 1) == '@' && At(i + 2) == '"'):
                    i = SkipString(i);
                    prev = '"';
                    continue;
                case '@':
                {
                    var next = At(i + 1);
                    if (next == '"' || (next == '$' && At(i + 2) == '"'))
                    {
                        i = SkipString(i);
                        prev = '"';
                    }
                    else if (next == '*')
                    {
                        MarkCode(seg, i);
                        i = ScanTransition(i);
                        seg = i;
                    }
                    else if (next == ':')
                    {
                        // "@:" makes the rest of the line markup.
                        MarkCode(seg, i + 2);
                        i = ScanMarkupNested(i + 2, Stop.EndOfLine);
                        seg = i;
                        prev = ';';
                    }
                    else if (next == '<')
                    {
                        MarkCode(seg, i + 1);
                        i = ScanMarkupElementNested(i + 1);
                        seg = i;
                        prev = '}';
                    }
                    else
                    {
                        i++;
                    }

                    continue;
                }

                case '<' when (prev is '{' or '}' or ';' or ':') && (char.IsAsciiLetter(At(i + 1)) || (At(i + 1) == '!' && StartsWith(i, "<!--"))):
                    MarkCode(seg, i);
                    i = StartsWith(i, "<!--") ? SkipHtmlComment(i) : ScanMarkupElementNested(i);
                    seg = i;
                    prev = '}';
                    continue;
                default:
                    if (IsIdentStart(c))
                    {
                        var identEnd = ReadIdent(i);
                        if (identEnd - i == 2 && c == 'i' && _t[i + 1] == 'f' && (prev is '{' or '}' or ';' or ':' or ')'))
                        {
                            // A C# if/else inside a code block: its branches hold alternative markup too.
                            var j = SkipWhitespace(identEnd);
                            if (At(j) == '(')
                            {
                                MarkCode(seg, i);
                                i = ScanIfChainNested(i, identEnd);
                                seg = i;
                                prev = '}';
                                continue;
                            }
                        }

                        prev = 'a';
                        i = identEnd;
                        continue;
                    }

                    if (!char.IsWhiteSpace(c))
                    {
                        prev = c;
                    }

                    i++;
                    continue;
            }
        }

        MarkCode(seg, _n);
        return _n;
    }

    private int SkipHtmlComment(int i)
    {
        var end = _t.IndexOf("-->", i + 4, StringComparison.Ordinal);
        return end < 0 ? _n : end + 3;
    }

    private int ScanMarkupNested(int i, Stop stop)
    {
        if (_nesting >= MaxNesting)
        {
            var end = LineEnd(i);
            MarkCode(i, end);
            return end;
        }

        _nesting++;
        try
        {
            return ScanMarkup(i, stop, null, out _);
        }
        finally
        {
            _nesting--;
        }
    }

    private int ScanMarkupElementNested(int lt)
    {
        if (_nesting >= MaxNesting)
        {
            return lt + 1;
        }

        _nesting++;
        try
        {
            return ScanMarkupElement(lt);
        }
        finally
        {
            _nesting--;
        }
    }

    private int ScanIfChainNested(int start, int afterIf)
    {
        if (_nesting >= MaxNesting)
        {
            return afterIf;
        }

        _nesting++;
        try
        {
            return ScanIfChain(start, afterIf);
        }
        finally
        {
            _nesting--;
        }
    }

    /// <summary>Skips from an opening bracket to after its match, ignoring brackets in strings and comments.</summary>
    private int SkipBalanced(int i, char open, char close)
    {
        var depth = 0;
        while (i < _n)
        {
            var c = _t[i];
            if (c == open)
            {
                depth++;
            }
            else if (c == close)
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
            else if (c == '"' || (c == '@' && At(i + 1) == '"') || (c == '$' && (At(i + 1) == '"' || At(i + 1) == '@')))
            {
                i = SkipString(i);
                continue;
            }
            else if (c == '\'')
            {
                i = SkipCharLiteral(i);
                continue;
            }
            else if (c == '/' && At(i + 1) == '*')
            {
                var end = _t.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? _n : end + 2;
                continue;
            }

            i++;
        }

        return _n;
    }

    /// <summary>Skips a C# string literal of any form: regular, verbatim, interpolated, raw.</summary>
    private int SkipString(int i)
    {
        var verbatim = false;
        var interpolated = false;
        while (i < _n && _t[i] != '"')
        {
            verbatim |= _t[i] == '@';
            interpolated |= _t[i] == '$';
            i++;
        }

        if (StartsWith(i, "\"\"\""))
        {
            var quotes = 0;
            while (At(i + quotes) == '"')
            {
                quotes++;
            }

            var closing = new string('"', quotes);
            var end = _t.IndexOf(closing, i + quotes, StringComparison.Ordinal);
            return end < 0 ? _n : end + quotes;
        }

        i++;
        var braceDepth = 0;
        while (i < _n)
        {
            var c = _t[i];
            if (interpolated && c == '{')
            {
                if (At(i + 1) == '{' && braceDepth == 0)
                {
                    i += 2;
                    continue;
                }

                braceDepth++;
            }
            else if (interpolated && c == '}' && braceDepth > 0)
            {
                braceDepth--;
            }
            else if (braceDepth > 0 && c == '"')
            {
                i = SkipString(i);
                continue;
            }
            else if (c == '\\' && !verbatim)
            {
                i += 2;
                continue;
            }
            else if (c == '"')
            {
                if (verbatim && At(i + 1) == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }
            else if ((c == '\n' || c == '\r') && !verbatim && braceDepth == 0)
            {
                // A regular string cannot span lines: stop here rather than swallow the template.
                return i;
            }

            i++;
        }

        return _n;
    }

    private int SkipCharLiteral(int i)
    {
        // 'x', '\n', '\u0041'; anything longer is not a char literal (an apostrophe in an odd place).
        for (var j = i + 1; j < _n && j <= i + 8; j++)
        {
            if (_t[j] == '\\')
            {
                j++;
                continue;
            }

            if (_t[j] == '\'')
            {
                return j + 1;
            }

            if (_t[j] == '\n')
            {
                break;
            }
        }

        return i + 1;
    }
}
