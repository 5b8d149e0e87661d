using System.Buffers;
using System.Globalization;

namespace SmoLsp.Analysis.Configuration;

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
public sealed partial class Glob
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
            _dfaStart = NewDfaState(closure.AsSpan(0, count).ToArray())!; // the first state always fits: the cap is at least 64 + 16 cells
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
            var state = NewDfaState(next.AsSpan(0, count).ToArray());
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
}
