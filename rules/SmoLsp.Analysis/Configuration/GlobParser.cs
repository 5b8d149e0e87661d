using System.Buffers;
using System.Globalization;

namespace SmoLsp.Analysis.Configuration;

/// <summary>How a glob is read: its syntax tree, the parser of the three dialects, and the compiler to the automaton <see cref="Glob"/> runs.</summary>
public sealed partial class Glob
{
    private abstract record Node;

    private sealed record Literal(char C) : Node;

    private sealed record AnyButSlash : Node;

    private sealed record AnyChar : Node;

    private sealed record ClassNode(CharClass Class) : Node;

    private sealed record Sequence(List<Node> Items) : Node;

    private sealed record Alternatives(List<Node> Options) : Node;

    private sealed record Repeat(Node Item) : Node;

    private sealed record Optional(Node Item) : Node;

    /// <summary>Builds states back to front: each node is compiled knowing the state that follows it.</summary>
    private sealed class Builder(bool ignoreCase)
    {
        public List<State> States { get; } = [];

        public List<CharClass> Classes { get; } = [];

        public bool Overflowed { get; private set; }

        public int Add(State state)
        {
            if (States.Count >= MaxStates)
            {
                Overflowed = true;
                return 0;
            }

            States.Add(state);
            return States.Count - 1;
        }

        public int Compile(Node node, int next)
        {
            if (Overflowed)
            {
                return 0;
            }

            switch (node)
            {
                case Literal literal:
                    return Add(new State(Op.Char, ignoreCase ? char.ToUpperInvariant(literal.C) : literal.C, Out: next));
                case AnyButSlash:
                    return Add(new State(Op.AnyButSlash, Out: next));
                case AnyChar:
                    return Add(new State(Op.Any, Out: next));
                case ClassNode c:
                    Classes.Add(c.Class);
                    return Add(new State(Op.Class, Class: Classes.Count - 1, Out: next));
                case Sequence sequence:
                    for (var i = sequence.Items.Count - 1; i >= 0; i--)
                    {
                        next = Compile(sequence.Items[i], next);
                    }

                    return next;
                case Alternatives alternatives:
                    var entry = Compile(alternatives.Options[^1], next);
                    for (var i = alternatives.Options.Count - 2; i >= 0; i--)
                    {
                        entry = Add(new State(Op.Split, Out: Compile(alternatives.Options[i], next), Out1: entry));
                    }

                    return entry;
                case Repeat repeat:
                    // The split state is created first so the repeated item can loop back to it.
                    var loop = Add(new State(Op.Split));
                    var body = Compile(repeat.Item, loop);
                    if (!Overflowed)
                    {
                        States[loop] = new State(Op.Split, Out: body, Out1: next);
                    }

                    return loop;
                case Optional optional:
                    return Add(new State(Op.Split, Out: Compile(optional.Item, next), Out1: next));
                default:
                    throw new InvalidOperationException(node.GetType().Name);
            }
        }
    }

    /// <summary>
    /// Turns glob text into a <see cref="Node"/> tree. Never fails: what is not syntax is a literal. Linear in the
    /// pattern: matching braces are found in one pass up front, a <c>[</c> that never closes is remembered, and
    /// braces nest at most <see cref="MaxBraceDepth"/> deep (deeper ones are literal text).
    /// </summary>
    private sealed class Parser
    {
        private const int MaxBraceDepth = 32;

        private readonly string _p;
        private readonly GlobSyntax _syntax;

        /// <summary>For a <c>{</c> at i: the index of its <c>}</c> (or -1), and whether a comma sits at its own level.</summary>
        private readonly (int Close, bool Comma)[]? _braces;

        private int _i;
        private int _depth;
        private int _noClassCloseFrom = int.MaxValue;
        private int _noClassCloseEnd = -1;

        public Parser(string pattern, GlobSyntax syntax)
        {
            _p = syntax == GlobSyntax.IncludeExclude ? pattern.Replace('\\', '/') : pattern;
            _syntax = syntax;
            _braces = syntax == GlobSyntax.Gitignore ? null : MatchBraces(_p);
        }

        public Sequence Parse() => ParseSequence(_p.Length, inAlternative: false);

        private static (int, bool)[] MatchBraces(string p)
        {
            var braces = new (int Close, bool Comma)[p.Length];
            var open = new Stack<int>();
            for (var j = 0; j < p.Length; j++)
            {
                switch (p[j])
                {
                    case '\\':
                        j++;
                        break;
                    case '{':
                        braces[j] = (-1, false);
                        open.Push(j);
                        break;
                    case '}' when open.Count > 0:
                        braces[open.Pop()].Close = j;
                        break;
                    case ',' when open.Count > 0:
                        braces[open.Peek()].Comma = true;
                        break;
                }
            }

            return braces;
        }

        /// <summary>Parses up to <paramref name="end"/>, or to a <c>,</c> or <c>}</c> of the enclosing alternatives.</summary>
        private Sequence ParseSequence(int end, bool inAlternative)
        {
            var items = new List<Node>();
            while (_i < end)
            {
                var c = _p[_i];
                if (inAlternative && c is ',' or '}')
                {
                    break;
                }

                switch (c)
                {
                    case '*':
                        items.Add(ParseStars(end));
                        break;
                    case '?':
                        items.Add(new AnyButSlash());
                        _i++;
                        break;
                    case '[':
                        if (ParseClass(end) is { } cls)
                        {
                            items.Add(cls);
                        }
                        else
                        {
                            items.Add(new Literal('['));
                            _i++;
                        }

                        break;
                    case '{' when _braces is not null:
                        ParseBraces(items);
                        break;
                    case '\\' when _i + 1 < end:
                        items.Add(new Literal(_p[_i + 1]));
                        _i += 2;
                        break;
                    default:
                        items.Add(new Literal(c));
                        _i++;
                        break;
                }
            }

            return new Sequence(items);
        }

        private Node ParseStars(int end)
        {
            var first = _i;
            while (_i < end && _p[_i] == '*')
            {
                _i++;
            }

            if (_i - first == 1)
            {
                return new Repeat(new AnyButSlash());
            }

            var slashFollows = _i < end && _p[_i] == '/';
            if (_syntax == GlobSyntax.EditorConfig)
            {
                if (slashFollows)
                {
                    _i++;
                    return ZeroOrMoreFolders();
                }

                return new Repeat(new AnyChar());
            }

            var segmentStart = first == 0 || _p[first - 1] == '/';
            if (segmentStart && slashFollows)
            {
                _i++;
                return ZeroOrMoreFolders();
            }

            var atEnd = _i == _p.Length;
            if (segmentStart && atEnd && (first > 0 || _syntax == GlobSyntax.IncludeExclude))
            {
                return new Repeat(new AnyChar()); // "x/**": everything inside
            }

            return new Repeat(new AnyButSlash());
        }

        /// <summary>"**/": any number of whole folders, including none.</summary>
        private static Optional ZeroOrMoreFolders() => new(new Sequence([new Repeat(new AnyChar()), new Literal('/')]));

        /// <summary>A <c>[...]</c> class ending before <paramref name="end"/>, or null (then the <c>[</c> is a literal).</summary>
        private ClassNode? ParseClass(int end)
        {
            if (_i >= _noClassCloseFrom && end <= _noClassCloseEnd)
            {
                return null; // an earlier "[" found no "]" up to there: neither will this one
            }

            var j = _i + 1;
            var negated = j < end && (_p[j] == '!' || (_p[j] == '^' && _syntax != GlobSyntax.EditorConfig));
            if (negated)
            {
                j++;
            }

            var ranges = new List<(char, char)>();
            var first = true;
            while (j < end && (_p[j] != ']' || first))
            {
                first = false;
                if (_p[j] == '[' && j + 1 < end && _p[j + 1] == ':' && TryNamedClass(j, end, ranges, out var after))
                {
                    j = after;
                    continue;
                }

                var lo = _p[j];
                if (lo == '\\' && j + 1 < end)
                {
                    lo = _p[++j];
                }

                j++;
                var hi = lo;
                if (j + 1 < end && _p[j] == '-' && _p[j + 1] != ']')
                {
                    hi = _p[j + 1];
                    j += 2;
                    if (hi == '\\' && j < end)
                    {
                        hi = _p[j++];
                    }
                }

                ranges.Add(lo <= hi ? (lo, hi) : (hi, lo));
            }

            if (j >= end)
            {
                (_noClassCloseFrom, _noClassCloseEnd) = (_i, end);
                return null;
            }

            _i = j + 1;
            return new ClassNode(new CharClass(ranges, negated));
        }

        /// <summary>POSIX names inside a class, as wildmatch has them: <c>[[:digit:]]</c>.</summary>
        private bool TryNamedClass(int at, int end, List<(char, char)> ranges, out int after)
        {
            after = at;
            var window = Math.Min(end - at - 2, 10); // the longest name is 6 letters
            var close = window > 0 ? _p.IndexOf(":]", at + 2, window, StringComparison.Ordinal) : -1;
            if (close < 0)
            {
                return false;
            }

            (char, char)[]? named = _p[(at + 2)..close] switch
            {
                "alpha" => [('a', 'z'), ('A', 'Z')],
                "digit" => [('0', '9')],
                "alnum" => [('a', 'z'), ('A', 'Z'), ('0', '9')],
                "upper" => [('A', 'Z')],
                "lower" => [('a', 'z')],
                "xdigit" => [('0', '9'), ('a', 'f'), ('A', 'F')],
                "space" => [(' ', ' '), ('\t', '\r')],
                "blank" => [(' ', ' '), ('\t', '\t')],
                "punct" => [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
                _ => null,
            };
            if (named is null)
            {
                return false;
            }

            ranges.AddRange(named);
            after = close + 2;
            return true;
        }

        /// <summary>
        /// <c>{a,b}</c> (alternatives, each parsed as a glob), <c>{n..m}</c> (an integer range), or, without a comma or
        /// a closing brace, literal text.
        /// </summary>
        private void ParseBraces(List<Node> items)
        {
            var (close, comma) = _braces![_i];
            if (close < 0 || _depth >= MaxBraceDepth)
            {
                items.Add(new Literal('{'));
                _i++;
                return;
            }

            var inner = _p.AsSpan(_i + 1, close - _i - 1);
            if (!comma && IntegerRange.TryParse(inner, out var lo, out var hi))
            {
                items.Add(IntegerRange.Build(lo, hi));
                _i = close + 1;
                return;
            }

            _depth++;
            _i++;
            if (!comma)
            {
                // "{single}" is the text itself; what is inside may still hold wildcards.
                items.Add(new Literal('{'));
                items.AddRange(ParseSequence(close, inAlternative: false).Items);
                items.Add(new Literal('}'));
            }
            else
            {
                var options = new List<Node>();
                while (true)
                {
                    options.Add(ParseSequence(close, inAlternative: true));
                    if (_i >= close)
                    {
                        break;
                    }

                    _i++; // the comma (or a "}" of a brace nested too deep, read as one)
                }

                items.Add(new Alternatives(options));
            }

            _depth--;
            _i = close + 1;
        }
    }

    /// <summary>
    /// <c>{n..m}</c>: the integers from n to m written plainly (no leading zeros or plus sign), as digit classes: the
    /// classic split of a range into runs that share a prefix, so the automaton grows with the number of digits
    /// squared, not with the count of numbers.
    /// </summary>
    private static class IntegerRange
    {
        public static bool TryParse(ReadOnlySpan<char> inner, out long lo, out long hi)
        {
            lo = hi = 0;
            var dots = inner.IndexOf("..", StringComparison.Ordinal);
            return dots > 0
                && IsInteger(inner[..dots]) && IsInteger(inner[(dots + 2)..])
                && long.TryParse(inner[..dots], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out lo)
                && long.TryParse(inner[(dots + 2)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hi)
                && lo > long.MinValue && hi > long.MinValue;
        }

        public static Node Build(long a, long b)
        {
            var (lo, hi) = a <= b ? (a, b) : (b, a);
            var options = new List<Node>();
            if (lo < 0)
            {
                // -1 .. -k is "-" and the range 1 .. k.
                var negative = NonNegative(Math.Max(1, -Math.Min(hi, -1)), -lo);
                options.Add(new Sequence([new Literal('-'), negative]));
            }

            if (hi >= 0)
            {
                options.Add(NonNegative(Math.Max(lo, 0), hi));
            }

            return options.Count == 1 ? options[0] : new Alternatives(options);
        }

        private static bool IsInteger(ReadOnlySpan<char> text)
        {
            var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
            return digits.Length is > 0 and <= 18 && !digits.ContainsAnyExceptInRange('0', '9');
        }

        private static Node NonNegative(long lo, long hi)
        {
            var options = new List<Node>();
            var loText = lo.ToString(CultureInfo.InvariantCulture);
            var hiText = hi.ToString(CultureInfo.InvariantCulture);
            for (var length = loText.Length; length <= hiText.Length; length++)
            {
                var from = length == loText.Length ? loText : "1" + new string('0', length - 1);
                var to = length == hiText.Length ? hiText : new string('9', length);
                options.Add(SameLength(from, to));
            }

            return options.Count == 1 ? options[0] : new Alternatives(options);
        }

        /// <summary>Every number from <paramref name="from"/> to <paramref name="to"/>, both of the same length.</summary>
        private static Node SameLength(string from, string to)
        {
            if (from.Length == 0)
            {
                return new Sequence([]);
            }

            var restFrom = from[1..];
            var restTo = to[1..];
            if (from[0] == to[0])
            {
                return new Sequence([new Literal(from[0]), SameLength(restFrom, restTo)]);
            }

            if (IsAll(restFrom, '0') && IsAll(restTo, '9'))
            {
                return new Sequence([Digits(from[0], to[0]), AnyDigits(restFrom.Length)]);
            }

            var options = new List<Node> { new Sequence([new Literal(from[0]), SameLength(restFrom, new string('9', restFrom.Length))]) };
            if (to[0] - from[0] > 1)
            {
                options.Add(new Sequence([Digits((char)(from[0] + 1), (char)(to[0] - 1)), AnyDigits(restFrom.Length)]));
            }

            options.Add(new Sequence([new Literal(to[0]), SameLength(new string('0', restTo.Length), restTo)]));
            return new Alternatives(options);
        }

        private static bool IsAll(string text, char c) => !text.AsSpan().ContainsAnyExcept(c);

        private static ClassNode Digits(char lo, char hi) => new(new CharClass([(lo, hi)], Negated: false));

        private static Sequence AnyDigits(int count) => new([.. Enumerable.Range(0, count).Select(_ => (Node)Digits('0', '9'))]);
    }
}
