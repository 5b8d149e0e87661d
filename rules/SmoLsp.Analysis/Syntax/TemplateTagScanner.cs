using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// Finds the template code in HTML-like templates — Liquid (Jekyll, Eleventy), Go templates (Hugo), Django, Jinja and
/// Nunjucks, which all write code as <c>{{ ... }}</c> and <c>{% ... %}</c> — and masks it so the HTML scanner sees the
/// markup at unchanged offsets, as <see cref="RazorScanner"/> does for Razor:
/// <list type="bullet">
/// <item>every tag is code: a value that contains one is Dynamic;</item>
/// <item><c>{% if %}…{% elsif/elif/else %}…{% endif %}</c>, <c>case/when</c>, <c>for…else/empty</c>, and Go's
/// <c>{{ if/with/range }}…{{ else }}…{{ end }}</c> are branch groups: tags in different branches are alternatives;
/// two <c>if</c>s whose conditions contradict (<c>if A</c> / <c>if not A</c>) are too;</item>
/// <item>comments (<c>{# #}</c>, <c>{% comment %}</c>, <c>{{/* */}}</c>) are blanked like HTML comments and kept (so
/// suppression directives work in them); <c>{% raw %}</c>, <c>{% verbatim %}</c>, <c>{% highlight %}</c> and Hugo's
/// <c>{{&lt; highlight &gt;}}</c> are text, not markup of the page, and masked whole;</item>
/// <item>named blocks (<c>{% block %}</c>, Go <c>define</c>/<c>block</c>) and front matter are recorded for composition.</item>
/// </list>
/// The syntaxes do not collide, so one scanner reads them all without knowing the engine. Never throws; an
/// unterminated tag is text.
/// </summary>
internal sealed class TemplateTagScanner
{
    private const int MaxTagLength = 20_000;
    private const int MaxExclusivePairs = 64;
    private const int MaxExclusiveComparisons = 100_000;

    private readonly string _t;
    private readonly List<TextSpan> _code = [];
    private readonly List<HtmlComment> _comments = [];
    private readonly List<BranchRegion> _branches = [];
    private readonly List<TemplateTag> _tags = [];
    private readonly List<TemplateBlock> _blocks = [];
    private readonly List<Frame> _statements = [];
    private readonly List<Frame> _actions = [];
    private readonly List<Condition> _conditions = [];
    private int _groups;

    private TemplateTagScanner(string text)
    {
        _t = text;
    }

    private enum FrameKind
    {
        Conditional,
        Loop,
        Case,
        Block,
        Define,
        Other,
    }

    public static RazorProjection Scan(string text)
    {
        var frontMatter = FrontMatterReader.Read(text);
        var first = text.IndexOf('{', frontMatter?.Span.End ?? 0);
        if (first < 0 && frontMatter is null)
        {
            return RazorProjection.Plain(text);
        }

        var scanner = new TemplateTagScanner(text);
        return scanner.Run(frontMatter, first);
    }

    private RazorProjection Run(FrontMatter? frontMatter, int first)
    {
        if (frontMatter is not null)
        {
            _code.Add(frontMatter.Span);
        }

        var i = first;
        while (i >= 0 && i < _t.Length - 1)
        {
            var next = _t[i + 1];
            var end = next switch
            {
                '{' => Output(i),
                '%' => Statement(i),
                '#' => JinjaComment(i),
                _ => -1,
            };
            i = end > i ? end : i + 1;
            i = i < _t.Length ? _t.IndexOf('{', i) : -1;
        }

        // Frames never closed end with the text.
        while (_statements.Count > 0)
        {
            Close(_statements, _statements.Count - 1, _t.Length, _t.Length);
        }

        while (_actions.Count > 0)
        {
            Close(_actions, _actions.Count - 1, _t.Length, _t.Length);
        }

        AddExclusiveConditions();
        if (_code.Count == 0 && _comments.Count == 0)
        {
            return RazorProjection.Plain(_t);
        }

        return new RazorProjection(RazorProjection.Mask(_t, _code, _comments), _code, _comments, _branches, [], [])
        {
            Tags = _tags,
            Blocks = _blocks,
            FrontMatter = frontMatter,
        };
    }


    // ---------------------------------------------------------------- tags

    /// <summary>
    /// The index just after the closing delimiter, skipping quoted strings (<c>{{ "}}" }}</c>; Go raw strings in
    /// backquotes span lines, other strings end at their line); -1 when unterminated.
    /// </summary>
    private int FindClose(int from, string close)
    {
        var limit = Math.Min(_t.Length, from + MaxTagLength);
        var i = from;
        while (i < limit)
        {
            var c = _t[i];
            if (c is '"' or '\'' or '`')
            {
                var q = StringEnd(i, limit);
                i = q < 0 ? i + 1 : q + 1; // an unbalanced quote is a character, not a string
                continue;
            }

            if (c == close[0] && string.CompareOrdinal(_t, i, close, 0, close.Length) == 0)
            {
                return i + close.Length;
            }

            i++;
        }

        return -1;
    }

    private int StringEnd(int open, int limit)
    {
        var quote = _t[open];
        for (var i = open + 1; i < limit; i++)
        {
            var c = _t[i];
            if (c == quote)
            {
                return i;
            }

            if (quote != '`' && (c is '\n' or '\r'))
            {
                return -1;
            }

            if (c == '\\' && quote != '`')
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>The expression inside a tag: without delimiters, trim markers (<c>-</c>, <c>+</c>, <c>~</c>) and surrounding whitespace.</summary>
    private TextSpan Inner(int start, int end, int openLength, int closeLength)
    {
        var s = start + openLength;
        var e = end - closeLength;
        if (s < e && _t[s] is '-' or '+' or '~')
        {
            s++;
        }

        if (e > s && _t[e - 1] is '-' or '~')
        {
            e--;
        }

        while (s < e && char.IsWhiteSpace(_t[s]))
        {
            s++;
        }

        while (e > s && char.IsWhiteSpace(_t[e - 1]))
        {
            e--;
        }

        return TextSpan.FromBounds(s, Math.Max(s, e));
    }

    private string FirstWord(TextSpan expression)
    {
        var i = expression.Start;
        if (i < expression.End && _t[i] == '#')
        {
            return "#";
        }

        while (i < expression.End && (char.IsLetterOrDigit(_t[i]) || _t[i] == '_'))
        {
            i++;
        }

        return _t[expression.Start..i];
    }

    private int AfterWord(TextSpan expression, string word) => expression.Start + word.Length;

    private bool FollowedBySpace(TextSpan expression, string word)
    {
        var at = AfterWord(expression, word);
        return at < expression.End && char.IsWhiteSpace(_t[at]);
    }

    private bool FollowedByName(TextSpan expression, string word)
    {
        var at = AfterWord(expression, word);
        while (at < expression.End && char.IsWhiteSpace(_t[at]))
        {
            at++;
        }

        return at > AfterWord(expression, word) && at < expression.End && _t[at] is '"' or '`' or '$';
    }

    private TemplateTag AddTag(TemplateTagKind kind, string keyword, int start, int end, TextSpan expression)
    {
        var tag = new TemplateTag(kind, keyword, TextSpan.FromBounds(start, end), expression);
        _tags.Add(tag);
        _code.Add(tag.Span);
        return tag;
    }

    /// <summary><c>{{ ... }}</c>: an output expression, a Go action or comment, or a Hugo shortcode.</summary>
    private int Output(int open)
    {
        var at = open + 2;
        if (at < _t.Length && _t[at] is '<' or '%')
        {
            return Shortcode(open);
        }

        // Go comments: {{/* ... */}} and {{- /* ... */ -}}.
        var c = at;
        if (c < _t.Length && _t[c] == '-')
        {
            c++;
            while (c < _t.Length && _t[c] == ' ')
            {
                c++;
            }
        }

        if (string.CompareOrdinal(_t, c, "/*", 0, 2) == 0)
        {
            var stop = _t.IndexOf("*/", c + 2, StringComparison.Ordinal);
            if (stop < 0)
            {
                return -1;
            }

            var j = stop + 2;
            while (j < _t.Length && _t[j] is ' ' or '-')
            {
                j++;
            }

            if (string.CompareOrdinal(_t, j, "}}", 0, 2) != 0)
            {
                return -1;
            }

            _comments.Add(new HtmlComment(TextSpan.FromBounds(open, j + 2), TextSpan.FromBounds(c + 2, stop), IsRazor: false));
            return j + 2;
        }

        var triple = at < _t.Length && _t[at] == '{';
        var close = triple ? "}}}" : "}}";
        var end = FindClose(at, close);
        if (end < 0)
        {
            return -1;
        }

        var expression = Inner(open, end, triple ? 3 : 2, close.Length);
        var word = FirstWord(expression);
        var keyword = GoKeyword(expression, word);
        var tag = AddTag(TemplateTagKind.Output, keyword, open, end, expression);
        if (keyword.Length > 0)
        {
            GoAction(tag, expression);
        }

        return end;
    }

    /// <summary>The Go template keyword an action starts with, or empty: <c>{{ end }}</c> is Go, <c>{{ end_date }}</c> is not.</summary>
    private string GoKeyword(TextSpan expression, string word) => word switch
    {
        "end" or "break" or "continue" when expression.Length == word.Length => word,
        "return" when expression.Length == 6 || FollowedBySpace(expression, word) => word,
        "else" when expression.Length == 4 || FollowedBySpace(expression, word) => word,
        "if" or "range" or "with" when FollowedBySpace(expression, word) => word,
        "define" or "block" or "template" or "partial" or "partialCached" when FollowedByName(expression, word) => word,
        _ => string.Empty,
    };

    private void GoAction(TemplateTag tag, TextSpan expression)
    {
        switch (tag.Keyword)
        {
            case "if" or "with":
                Open(_actions, FrameKind.Conditional, tag, ConditionText(expression, tag.Keyword), negated: false);
                break;
            case "range":
                Open(_actions, FrameKind.Loop, tag, null, false);
                break;
            case "define" or "block":
                Open(_actions, tag.Keyword == "define" ? FrameKind.Define : FrameKind.Block, tag, null, false, QuotedName(expression, tag.Keyword));
                break;
            case "else":
                if (_actions.Count > 0 && _actions[^1].Kind is FrameKind.Conditional or FrameKind.Loop)
                {
                    Switch(_actions[^1], tag);
                }

                break;
            case "end":
                if (_actions.Count > 0)
                {
                    Close(_actions, _actions.Count - 1, tag.Span.Start, tag.Span.End);
                }

                break;
        }
    }

    private string QuotedName(TextSpan expression, string keyword)
    {
        var i = AfterWord(expression, keyword);
        while (i < expression.End && char.IsWhiteSpace(_t[i]))
        {
            i++;
        }

        if (i >= expression.End || _t[i] is not ('"' or '`' or '\''))
        {
            return string.Empty;
        }

        var close = _t.IndexOf(_t[i], i + 1, expression.End - i - 1);
        return close < 0 ? string.Empty : _t[(i + 1)..close];
    }

    /// <summary>Hugo shortcodes: <c>{{&lt; name &gt;}}</c>, <c>{{% name %}}</c>; a highlight/code pair is masked with its content.</summary>
    private int Shortcode(int open)
    {
        var kind = _t[open + 2];
        var close = kind == '<' ? ">}}" : "%}}";
        var end = FindClose(open + 3, close);
        if (end < 0)
        {
            return -1;
        }

        var expression = Inner(open, end, 3, 3);
        var name = FirstWord(expression);
        if (name is "highlight" or "code" or "codeblock")
        {
            var closing = "{{" + kind + " /" + name;
            var at = _t.IndexOf(closing, end, StringComparison.Ordinal);
            if (at < 0)
            {
                at = _t.IndexOf("{{" + kind + "/" + name, end, StringComparison.Ordinal);
            }

            if (at >= 0 && FindClose(at + 3, close) is var blockEnd and > 0)
            {
                AddTag(TemplateTagKind.Raw, name, open, blockEnd, TextSpan.FromBounds(end, at));
                return blockEnd;
            }
        }

        AddTag(TemplateTagKind.Output, "shortcode", open, end, expression);
        return end;
    }

    private int JinjaComment(int open)
    {
        var stop = _t.IndexOf("#}", open + 2, Math.Min(MaxTagLength, _t.Length - open - 2), StringComparison.Ordinal);
        if (stop < 0)
        {
            return -1;
        }

        var content = Inner(open, stop + 2, 2, 2);
        _comments.Add(new HtmlComment(TextSpan.FromBounds(open, stop + 2), content, IsRazor: false));
        return stop + 2;
    }

    /// <summary><c>{% ... %}</c>: a Liquid or Django/Jinja/Nunjucks statement.</summary>
    private int Statement(int open)
    {
        var end = FindClose(open + 2, "%}");
        if (end < 0)
        {
            return -1;
        }

        var expression = Inner(open, end, 2, 2);
        var keyword = FirstWord(expression);
        switch (keyword)
        {
            case "comment":
            {
                var (closeStart, closeEnd) = FindEndTag(end, "endcomment");
                _comments.Add(new HtmlComment(TextSpan.FromBounds(open, closeEnd), TextSpan.FromBounds(end, closeStart), IsRazor: false));
                return closeEnd;
            }

            case "raw" or "verbatim" or "highlight":
            {
                var (closeStart, closeEnd) = FindEndTag(end, "end" + keyword);
                AddTag(TemplateTagKind.Raw, keyword, open, closeEnd, TextSpan.FromBounds(end, closeStart));
                return closeEnd;
            }
        }

        var tag = AddTag(TemplateTagKind.Statement, keyword, open, end, expression);
        switch (keyword)
        {
            case "if" or "unless" or "ifequal" or "ifnotequal" or "ifchanged":
                Open(_statements, FrameKind.Conditional, tag, keyword is "if" or "unless" ? ConditionText(expression, keyword) : null, negated: keyword == "unless");
                break;
            case "for":
                Open(_statements, FrameKind.Loop, tag, null, false);
                break;
            case "case":
                Open(_statements, FrameKind.Case, tag, null, false);
                break;
            case "block":
                Open(_statements, FrameKind.Block, tag, null, false, BlockName(expression));
                break;
            case "elsif" or "elif" or "else" or "when" or "empty":
                for (var k = _statements.Count - 1; k >= 0; k--)
                {
                    var f = _statements[k];
                    if (f.Kind is FrameKind.Conditional or FrameKind.Loop or FrameKind.Case)
                    {
                        Switch(f, tag);
                        break;
                    }

                    if (f.Kind == FrameKind.Block)
                    {
                        break;
                    }
                }

                break;
            default:
                if (keyword.StartsWith("end", StringComparison.Ordinal) && keyword.Length > 3)
                {
                    var opener = keyword[3..];
                    for (var k = _statements.Count - 1; k >= 0; k--)
                    {
                        if (_statements[k].Open.Keyword == opener)
                        {
                            Close(_statements, k, tag.Span.Start, tag.Span.End);
                            break;
                        }
                    }
                }

                break;
        }

        return end;
    }

    /// <summary>The closing tag of a raw/comment block: (start, end), or the end of the text when it is missing.</summary>
    private (int Start, int End) FindEndTag(int from, string name)
    {
        var i = from;
        while (true)
        {
            var at = _t.IndexOf("{%", i, StringComparison.Ordinal);
            if (at < 0)
            {
                return (_t.Length, _t.Length);
            }

            var end = FindClose(at + 2, "%}");
            if (end < 0)
            {
                return (_t.Length, _t.Length);
            }

            if (FirstWord(Inner(at, end, 2, 2)) == name)
            {
                return (at, end);
            }

            i = end;
        }
    }

    private string BlockName(TextSpan expression)
    {
        var i = AfterWord(expression, "block");
        while (i < expression.End && char.IsWhiteSpace(_t[i]))
        {
            i++;
        }

        var start = i;
        while (i < expression.End && (char.IsLetterOrDigit(_t[i]) || _t[i] is '_' or '-' or '.'))
        {
            i++;
        }

        return _t[start..i];
    }

    // ---------------------------------------------------------------- frames and branches

    private sealed class Frame(FrameKind kind, TemplateTag open, string? condition, bool negated, string name)
    {
        public FrameKind Kind { get; } = kind;

        public TemplateTag Open { get; } = open;

        public string? Condition { get; } = condition;

        public bool Negated { get; } = negated;

        public string Name { get; } = name;

        public List<TextSpan> Bodies { get; } = [];

        public int BranchStart { get; set; } = -1;
    }

    private sealed record Condition(TextSpan Body, string Text, bool Negated);

    private static void Open(List<Frame> stack, FrameKind kind, TemplateTag tag, string? condition, bool negated, string name = "")
    {
        var frame = new Frame(kind, tag, condition, negated, name);
        if (kind != FrameKind.Case)
        {
            frame.BranchStart = tag.Span.End;
        }

        stack.Add(frame);
    }

    private static void Switch(Frame frame, TemplateTag tag)
    {
        if (frame.BranchStart >= 0)
        {
            frame.Bodies.Add(TextSpan.FromBounds(frame.BranchStart, tag.Span.Start));
        }

        frame.BranchStart = tag.Span.End;
    }

    private void Close(List<Frame> stack, int index, int closeStart, int closeEnd)
    {
        // Frames opened inside and never closed end here too.
        for (var k = stack.Count - 1; k >= index; k--)
        {
            var frame = stack[k];
            if (frame.BranchStart >= 0)
            {
                frame.Bodies.Add(TextSpan.FromBounds(frame.BranchStart, Math.Max(frame.BranchStart, closeStart)));
            }

            Finish(frame, closeStart, closeEnd);
        }

        stack.RemoveRange(index, stack.Count - index);
    }

    private void Finish(Frame frame, int closeStart, int closeEnd)
    {
        switch (frame.Kind)
        {
            case FrameKind.Block or FrameKind.Define:
                _blocks.Add(new TemplateBlock(
                    frame.Kind == FrameKind.Define ? TemplateBlockKind.Define : TemplateBlockKind.Block,
                    frame.Name,
                    TextSpan.FromBounds(frame.Open.Span.Start, closeEnd),
                    TextSpan.FromBounds(frame.Open.Span.End, Math.Max(frame.Open.Span.End, closeStart))));
                return;
            // One-branch groups too: what sits in them is conditional (a redirect inside {{ with .Params.redirect }}).
            case FrameKind.Conditional or FrameKind.Loop or FrameKind.Case when frame.Bodies.Count >= 1:
            {
                var group = _groups++;
                for (var b = 0; b < frame.Bodies.Count; b++)
                {
                    _branches.Add(new BranchRegion(group, b, frame.Bodies[b]));
                }

                break;
            }
        }

        if (frame.Kind == FrameKind.Conditional && frame.Condition is { Length: > 0 } condition && frame.Bodies.Count > 0)
        {
            _conditions.Add(new Condition(frame.Bodies[0], condition, frame.Negated));
            if (frame.Bodies.Count == 2)
            {
                // if A … else …: the else branch runs when A does not.
                _conditions.Add(new Condition(frame.Bodies[1], condition, !frame.Negated));
            }
        }
    }

    private string? ConditionText(TextSpan expression, string keyword)
    {
        var start = AfterWord(expression, keyword);
        return start >= expression.End ? null : _t[start..expression.End].Trim();
    }

    /// <summary>
    /// Two conditional bodies whose conditions contradict — one requires <c>A</c>, the other <c>not A</c> (as a whole
    /// condition or one of its <c>and</c>-ed parts: <c>{% if url and not pageurl %}</c> / <c>{% if pageurl %}</c>) —
    /// never both render: they get a group of their own, as if written as if/else.
    /// </summary>
    private void AddExclusiveConditions()
    {
        if (_conditions.Count < 2)
        {
            return;
        }

        var positive = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        var negative = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        foreach (var c in _conditions)
        {
            foreach (var (atom, negated) in Conjuncts(c.Text, c.Negated))
            {
                var map = negated ? negative : positive;
                if (!map.TryGetValue(atom, out var list))
                {
                    map[atom] = list = [];
                }

                list.Add(c.Body);
            }
        }

        var (pairs, turns) = (0, 0);
        foreach (var (atom, negatedBodies) in negative)
        {
            if (!positive.TryGetValue(atom, out var positiveBodies))
            {
                continue;
            }

            foreach (var p in positiveBodies)
            {
                foreach (var n in negatedBodies)
                {
                    // Stop at the caps, not only stop adding: 50,000 if/else pairs were 2.5 billion turns here (15 s).
                    if (pairs >= MaxExclusivePairs || ++turns > MaxExclusiveComparisons)
                    {
                        return;
                    }

                    if (p.OverlapsWith(n) || p.Contains(n) || n.Contains(p))
                    {
                        continue;
                    }

                    pairs++;

                    var group = _groups++;
                    _branches.Add(new BranchRegion(group, 0, p));
                    _branches.Add(new BranchRegion(group, 1, n));
                }
            }
        }
    }

    /// <summary>
    /// The <c>and</c>-ed parts of a condition, each with whether it is negated: Liquid/Jinja <c>A and not B</c>, Go
    /// <c>and A (not B)</c> and <c>not A</c>. A negated condition with several parts (<c>unless A and B</c>) says nothing
    /// about each part, so it yields nothing.
    /// </summary>
    internal static List<(string Atom, bool Negated)> Conjuncts(string condition, bool negated)
    {
        var parts = new List<string>();
        var text = condition.Trim();
        if (text.StartsWith("and ", StringComparison.Ordinal))
        {
            parts.AddRange(GoArguments(text[4..]));
        }
        else
        {
            parts.AddRange(SplitTopLevel(text, " and "));
        }

        var result = new List<(string, bool)>();
        if (negated && parts.Count != 1)
        {
            return result;
        }

        foreach (var raw in parts)
        {
            var part = Unparenthesize(raw.Trim());
            var isNot = false;
            if (part.StartsWith("not ", StringComparison.Ordinal))
            {
                isNot = true;
                part = Unparenthesize(part[4..].Trim());
            }

            if (part.Length == 0 || part.Contains(" or ", StringComparison.Ordinal) || part.StartsWith("or ", StringComparison.Ordinal))
            {
                continue;
            }

            result.Add((string.Concat(part.Where(c => !char.IsWhiteSpace(c))), isNot ^ negated));
        }

        return result;
    }

    private static string Unparenthesize(string s)
    {
        while (s.Length >= 2 && s[0] == '(' && s[^1] == ')' && SplitTopLevel(s[1..^1], ")").Count == 1)
        {
            s = s[1..^1].Trim();
        }

        return s;
    }

    private static List<string> SplitTopLevel(string text, string separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            if (c is '"' or '\'' or '`')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (depth == 0 && string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(text[start..i]);
                start = i + separator.Length;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Go template arguments separated by spaces, with parenthesised pipelines kept whole.</summary>
    private static List<string> GoArguments(string text)
    {
        var args = new List<string>();
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }

            if (char.IsWhiteSpace(c) && depth == 0)
            {
                if (start >= 0)
                {
                    args.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        return args;
    }
}
