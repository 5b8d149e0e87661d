using System.Buffers;
using System.Globalization;

namespace SmoLsp.Server.Site;

/// <summary>The three glob dialects a site uses. They share one compiler and one matcher (<see cref="Glob"/>).</summary>
public enum GlobSyntax
{
    /// <summary>
    /// <c>.smolspignore</c> (gitignore's wildmatch): <c>*</c> and <c>?</c> within a folder name, <c>[a-z]</c> classes
    /// (<c>!</c> or <c>^</c> negates, <c>[:digit:]</c>-style names), <c>\</c> escapes, and <c>**</c> as a whole
    /// segment: <c>**/x</c> any folders before, <c>x/**</c> everything inside, <c>a/**/b</c> zero or more folders
    /// between. Any other run of asterisks is a plain <c>*</c>.
    /// </summary>
    Gitignore,

    /// <summary>
    /// <c>.editorconfig</c> section names: as gitignore, plus <c>{a,b}</c> alternatives (nested),
    /// <c>{1..5}</c> integer ranges, and <c>**</c> anywhere matching across folders (<c>**/</c> also matching none).
    /// </summary>
    EditorConfig,

    /// <summary>
    /// <c>smolsp.json</c> <c>include</c>/<c>exclude</c>: as gitignore, plus <c>{a,b}</c>; a pattern of just <c>**</c>
    /// matches everything, and <c>\</c> separates folders as <c>/</c> does (the globs of
    /// Microsoft.Extensions.FileSystemGlobbing, which these replace, accepted both).
    /// </summary>
    IncludeExclude,
}

/// <summary>
/// A compiled glob over a forward-slash path. Matching simulates a Thompson automaton over the path's characters
/// (the set of live states advances one character at a time), so it takes time linear in the path length times the
/// pattern size, whatever the pattern: no backtracking, so no pattern of a hostile site can make it exponential.
/// Compiling is linear in the pattern too (an integer range <c>{n..m}</c> becomes digit classes, never a list of
/// its numbers). The sets of states met are cached as a deterministic automaton, built lazily and bounded, so the
/// common case is one table look-up per character (measured against the regexes this replaced in docs/limits.md).
/// Thread-safe: the cache grows under a lock and is read without one.
/// </summary>
public sealed class Glob
{
    /// <summary>
    /// States per pattern. Real globs need a few dozen; this bounds the memory and the per-character work a single
    /// pattern can ask for (a range over 18-digit numbers needs about 600). A larger pattern never matches and
    /// says why in <see cref="Error"/>.
    /// </summary>
    public const int MaxStates = 16 * 1024;

    /// <summary>Characters per pattern: real globs are a few dozen; the parse tree of a longer one is not worth building.</summary>
    public const int MaxPatternLength = 8 * 1024;

    private const int StackallocStates = 256;

    /// <summary>ASCII characters get cached transitions; others (rare in paths) are simulated.</summary>
    private const int Alphabet = 128;

    private readonly State[] _states;
    private readonly CharClass[] _classes;
    private readonly int _start;

    /// <summary>Literal text every match starts and ends with: a cheap test that turns most paths away before the automaton runs.</summary>
    private readonly string _prefix;
    private readonly string _suffix;

    /// <summary>
    /// The deterministic states met so far, by their set of NFA states. Each holds one transition per character
    /// class (<see cref="_classOf"/>: ASCII characters no state tells apart share one), so a cell costs 8 bytes.
    /// </summary>
    private readonly Dictionary<string, DfaState> _dfa = new(StringComparer.Ordinal);
    private readonly DfaState? _dfaStart;
    private readonly byte[] _classOf = new byte[Alphabet];
    private readonly int _classCount;

    /// <summary>
    /// Transitions cached at most: 16 per automaton state, plus 64. A glob over paths needs a few dozen; the cap keeps
    /// a pattern built to blow up the deterministic automaton linear in memory too, and past it the path is finished
    /// on the NFA (still linear time).
    /// </summary>
    private readonly int _maxCells;
    private int _cells;

    private Glob(string pattern, bool ignoreCase, State[] states, CharClass[] classes, int start, string prefix, string suffix, string? error)
    {
        Pattern = pattern;
        IgnoreCase = ignoreCase;
        _states = states;
        _classes = classes;
        _start = start;
        _prefix = prefix;
        _suffix = suffix;
        Error = error;
        _maxCells = 64 + (16 * states.Length);
        _classCount = ClassifyAscii(states, classes, ignoreCase, _classOf);
        if (start >= 0)
        {
            var closure = new int[states.Length];
            var count = AddClosure(start, closure, 0, new int[states.Length], 1, new int[2 * states.Length]);
            _dfaStart = NewDfaState(closure[..count])!; // the first state always fits: the cap is at least 64 + 16 cells
        }
    }

    public string Pattern { get; }

    public bool IgnoreCase { get; }

    /// <summary>Why the pattern could not be compiled (it then matches nothing), or null.</summary>
    public string? Error { get; }

    /// <summary>The number of automaton states: the "pattern size" the matching time is linear in.</summary>
    public int Size => _states.Length;

    public static Glob Compile(string pattern, GlobSyntax syntax, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > MaxPatternLength)
        {
            return Never(pattern, ignoreCase, $"the glob is longer than {MaxPatternLength} characters");
        }

        var builder = new Builder(ignoreCase);
        var node = new Parser(pattern, syntax).Parse();
        var match = builder.Add(new State(Op.Match));
        var start = builder.Compile(node, match);
        if (builder.Overflowed)
        {
            return Never(pattern, ignoreCase, $"the glob needs more than {MaxStates} automaton states");
        }

        var literals = node.Items.Select(item => item is Literal literal ? literal.C : (char?)null).ToList();
        var prefix = new string([.. literals.TakeWhile(c => c is not null).Select(c => c!.Value)]);
        var suffix = new string([.. Enumerable.Reverse(literals).TakeWhile(c => c is not null).Select(c => c!.Value).Reverse()]);
        return new Glob(pattern, ignoreCase, [.. builder.States], [.. builder.Classes], start, prefix, suffix, null);
    }

    /// <summary>True when the whole of <paramref name="path"/> (forward slashes) matches the glob.</summary>
    public bool IsMatch(ReadOnlySpan<char> path) => Run(path, orAFolder: false);

    /// <summary>
    /// True when <paramref name="path"/> or one of its folders (a prefix ending before a <c>/</c>) matches: one pass,
    /// however deep the path.
    /// </summary>
    public bool IsMatchOrFolderMatch(ReadOnlySpan<char> path) => Run(path, orAFolder: true);

    public override string ToString() => Pattern;

    private static Glob Never(string pattern, bool ignoreCase, string error) =>
        new(pattern, ignoreCase, [new State(Op.Match)], [], -1, string.Empty, string.Empty, error);

    private bool Run(ReadOnlySpan<char> path, bool orAFolder)
    {
        if (_start < 0 || path.Length < _prefix.Length || !SameText(path[.._prefix.Length], _prefix)
            || (!orAFolder && (path.Length < _suffix.Length || !SameText(path[^_suffix.Length..], _suffix))))
        {
            return false;
        }

        // The cached deterministic automaton: one table look-up per character. A character it has no entry for yet
        // is worked out once (under a lock); past the cache's size, or on a non-ASCII character, the rest of the
        // path is simulated on the NFA from the same set of states, so the result never depends on the cache.
        var state = _dfaStart!;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (orAFolder && c == '/' && state.Accepting)
            {
                return true;
            }

            // A plain read: the entry is published with Volatile.Write after its state is complete, and a reference
            // is read whole; an entry not seen yet is looked up again under the lock.
            var next = c < Alphabet ? state.Next[_classOf[c]] ?? AddTransition(state, c) : null;
            if (next is null)
            {
                return Simulate(state.Nfa, path[i..], orAFolder);
            }

            if (next.IsDead)
            {
                return false;
            }

            state = next;
        }

        return state.Accepting;
    }

    /// <summary>Runs the NFA over <paramref name="path"/> from the (closed) set of states <paramref name="from"/>.</summary>
    private bool Simulate(int[] from, ReadOnlySpan<char> path, bool orAFolder)
    {
        var n = _states.Length;
        int[]? rented = null;
        var buffers = n <= StackallocStates ? stackalloc int[5 * n] : (rented = ArrayPool<int>.Shared.Rent(5 * n));
        try
        {
            var current = buffers[..n];
            var next = buffers.Slice(n, n);
            var marks = buffers.Slice(2 * n, n);
            var stack = buffers.Slice(3 * n, 2 * n);
            marks.Clear();
            from.CopyTo(current);
            var currentCount = from.Length;
            var generation = 0;
            foreach (var c in path)
            {
                if (orAFolder && c == '/' && HasMatch(current[..currentCount]))
                {
                    return true;
                }

                currentCount = Advance(current[..currentCount], c, next, marks, ++generation, stack);
                if (currentCount == 0)
                {
                    return false;
                }

                var swap = current;
                current = next;
                next = swap;
            }

            return HasMatch(current[..currentCount]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The closed set of states after reading <paramref name="c"/> from <paramref name="current"/>; returns its size.</summary>
    private int Advance(ReadOnlySpan<int> current, char c, Span<int> next, Span<int> marks, int generation, Span<int> stack)
    {
        var folded = IgnoreCase ? char.ToUpperInvariant(c) : c;
        var count = 0;
        foreach (var s in current)
        {
            ref readonly var state = ref _states[s];
            if (Accepts(state, c, folded, _classes, IgnoreCase))
            {
                count = AddClosure(state.Out, next, count, marks, generation, stack);
            }
        }

        return count;
    }

    /// <summary>The cached state for a set of NFA states (creating it), or null when the cache is full.</summary>
    private DfaState? NewDfaState(int[] nfa)
    {
        Array.Sort(nfa);
        var key = string.Join(',', nfa);
        if (!_dfa.TryGetValue(key, out var state))
        {
            if (_cells + _classCount > _maxCells)
            {
                return null;
            }

            _cells += _classCount;
            state = new DfaState(nfa, HasMatch(nfa), _classCount);
            _dfa.Add(key, state);
        }

        return state;
    }

    /// <summary>
    /// Gives each ASCII character a class: characters every state treats alike share one. Returns the count. The
    /// partition is refined state by state (split each class by "does this state read the character"), so it costs
    /// 128 steps per state and no allocation per character.
    /// </summary>
    private static int ClassifyAscii(State[] states, CharClass[] classes, bool ignoreCase, byte[] classOf)
    {
        var count = 1;
        Span<int> split = stackalloc int[2 * Alphabet];
        foreach (var state in states)
        {
            if (state.Op is not (Op.Char or Op.AnyButSlash or Op.Class))
            {
                continue;
            }

            split[..(2 * count)].Fill(-1);
            var next = 0;
            for (var c = (char)0; c < Alphabet; c++)
            {
                var folded = ignoreCase ? char.ToUpperInvariant(c) : c;
                var key = (2 * classOf[c]) + (Accepts(state, c, folded, classes, ignoreCase) ? 1 : 0);
                if (split[key] < 0)
                {
                    split[key] = next++;
                }

                classOf[c] = (byte)split[key];
            }

            count = next;
        }

        return count;
    }

    /// <summary>The cached state after <paramref name="c"/>, computed and published now; null when the cache is full.</summary>
    private DfaState? AddTransition(DfaState from, char c)
    {
        lock (_dfa)
        {
            var cls = _classOf[c];
            if (from.Next[cls] is { } known)
            {
                return known;
            }

            var n = _states.Length;
            var next = new int[n];
            var count = Advance(from.Nfa, c, next, new int[n], 1, new int[2 * n]);
            var state = NewDfaState(next[..count]);
            if (state is not null)
            {
                Volatile.Write(ref from.Next[cls], state);
            }

            return state;
        }
    }

    /// <summary>A set of NFA states, and where each ASCII character class leads from it (filled as paths need them).</summary>
    private sealed class DfaState(int[] nfa, bool accepting, int classCount)
    {
        public readonly int[] Nfa = nfa;

        public readonly bool Accepting = accepting;

        public readonly bool IsDead = nfa.Length == 0;

        public readonly DfaState?[] Next = new DfaState?[classCount];
    }

    /// <summary>Equal text under the same case rule the automaton applies.</summary>
    private bool SameText(ReadOnlySpan<char> text, string literal)
    {
        if (!IgnoreCase)
        {
            return text.SequenceEqual(literal);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToUpperInvariant(text[i]) != char.ToUpperInvariant(literal[i]))
            {
                return false;
            }
        }

        return true;
    }

    private bool HasMatch(ReadOnlySpan<int> states)
    {
        foreach (var s in states)
        {
            if (_states[s].Op == Op.Match)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Accepts(in State state, char c, char folded, CharClass[] classes, bool ignoreCase) => state.Op switch
    {
        Op.Char => state.C == folded,
        Op.AnyButSlash => c != '/',
        Op.Any => true,
        Op.Class => c != '/' && classes[state.Class].Contains(c, ignoreCase),
        _ => false,
    };

    /// <summary>Adds <paramref name="from"/> and every state reachable from it without reading a character.</summary>
    private int AddClosure(int from, Span<int> list, int count, Span<int> marks, int generation, Span<int> stack)
    {
        var top = 0;
        stack[top++] = from;
        while (top > 0)
        {
            var s = stack[--top];
            if (marks[s] == generation)
            {
                continue;
            }

            marks[s] = generation;
            ref readonly var state = ref _states[s];
            switch (state.Op)
            {
                case Op.Split:
                    stack[top++] = state.Out1;
                    stack[top++] = state.Out;
                    break;
                case Op.Jump:
                    stack[top++] = state.Out;
                    break;
                default:
                    list[count++] = s;
                    break;
            }
        }

        return count;
    }

    private enum Op : byte
    {
        Char,
        AnyButSlash,
        Any,
        Class,
        Split,
        Jump,
        Match,
    }

    /// <summary>One automaton state: reads one character (Char, AnyButSlash, Any, Class) or none (Split, Jump).</summary>
    private record struct State(Op Op, char C = '\0', int Class = -1, int Out = -1, int Out1 = -1);

    private sealed record CharClass(List<(char Lo, char Hi)> Ranges, bool Negated)
    {
        public bool Contains(char c, bool ignoreCase)
        {
            var inSet = InRanges(c) || (ignoreCase && (InRanges(char.ToUpperInvariant(c)) || InRanges(char.ToLowerInvariant(c))));
            return inSet != Negated;
        }

        private bool InRanges(char c)
        {
            foreach (var (lo, hi) in Ranges)
            {
                if (c >= lo && c <= hi)
                {
                    return true;
                }
            }

            return false;
        }
    }

    // The parsed glob: a small regular-expression tree.
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

/// <summary>
/// <c>include</c>/<c>exclude</c> globs of a configuration, relative to its folder: a file is in when an include glob
/// matches its path (every file when there is none) and no exclude glob matches its path or the path of one of its
/// folders (so <c>"exclude": ["legacy"]</c> leaves out the whole folder). Case-insensitive.
/// </summary>
public sealed class IncludeExcludeGlobs
{
    private readonly Glob[] _include;
    private readonly Glob[] _exclude;

    private IncludeExcludeGlobs(Glob[] include, Glob[] exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    /// <summary>The filter, or null when there is nothing to filter.</summary>
    public static IncludeExcludeGlobs? Create(IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        include.Count == 0 && exclude.Count == 0 ? null : new([.. include.Select(Compile)], [.. exclude.Select(Compile)]);

    /// <summary>True when <paramref name="fullPath"/>, inside <paramref name="root"/>, passes the filter.</summary>
    public bool Includes(string root, string fullPath) =>
        Includes(Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/'));

    /// <summary>True when <paramref name="relativePath"/> (forward slashes) passes the filter.</summary>
    public bool Includes(string relativePath)
    {
        if (_include.Length > 0 && !_include.Any(g => g.IsMatch(relativePath)))
        {
            return false;
        }

        return !_exclude.Any(g => g.IsMatchOrFolderMatch(relativePath));
    }

    private static Glob Compile(string pattern)
    {
        // "./x" and "/x" are the folder's own "x"; a trailing slash names the folder, which the folder test covers.
        var trimmed = pattern.Replace('\\', '/');
        trimmed = trimmed.StartsWith("./", StringComparison.Ordinal) ? trimmed[2..] : trimmed.TrimStart('/');
        return Glob.Compile(trimmed.TrimEnd('/'), GlobSyntax.IncludeExclude, ignoreCase: true);
    }
}
