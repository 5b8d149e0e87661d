using System.Text.RegularExpressions;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Engine;

public enum SuppressionKind
{
    DisableNextLine,
    DisableLine,
    Disable,
    Enable,
}

/// <summary>
/// An inline directive: <c>&lt;!-- smolsp-disable-next-line SMO001 -- reason --&gt;</c>, or the same words in a Razor
/// comment <c>@* ... *@</c> (stripped on the server, so it never ships to browsers). No ids means every rule.
/// </summary>
public sealed record SuppressionDirective(SuppressionKind Kind, IReadOnlyList<string> RuleIds, TextSpan Span, string? Justification)
{
    public bool AppliesToAll => RuleIds.Count == 0;

    public bool Covers(string ruleId) => AppliesToAll || RuleIds.Contains(ruleId, StringComparer.OrdinalIgnoreCase);
}

public static partial class Suppressions
{
    [GeneratedRegex(@"^\s*smolsp-(?<kind>disable-next-line|disable-line|disable|enable)(?=\s|$)(?<rest>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DirectivePattern();

    public static IReadOnlyList<SuppressionDirective> Find(ParsedTemplate syntax)
    {
        List<SuppressionDirective>? result = null;
        foreach (var comment in syntax.Comments)
        {
            // Razor comments are only comments in Razor files; in HTML "@*" is text and never reaches here.
            var content = syntax.Source.Text.AsSpan(comment.ContentSpan.Start, comment.ContentSpan.Length);
            if (!content.Contains("smolsp-", StringComparison.Ordinal))
            {
                continue;
            }

            var match = DirectivePattern().Match(content.ToString());
            if (!match.Success)
            {
                continue;
            }

            var kind = match.Groups["kind"].Value switch
            {
                "disable-next-line" => SuppressionKind.DisableNextLine,
                "disable-line" => SuppressionKind.DisableLine,
                "disable" => SuppressionKind.Disable,
                _ => SuppressionKind.Enable,
            };
            var rest = match.Groups["rest"].Value;
            string? justification = null;
            var dashes = rest.IndexOf("--", StringComparison.Ordinal);
            if (dashes >= 0)
            {
                justification = rest[(dashes + 2)..].Trim();
                rest = rest[..dashes];
            }

            var ids = rest.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(id => id.ToUpperInvariant()).ToArray();
            (result ??= []).Add(new SuppressionDirective(kind, ids, comment.Span, string.IsNullOrEmpty(justification) ? null : justification));
        }

        return result ?? (IReadOnlyList<SuppressionDirective>)[];
    }
}

/// <summary>
/// The directives of one document, indexed so that finding the one that suppresses a diagnostic costs a hash look-up
/// and two binary searches instead of a scan of every directive (and, for regions, of every later one): a page can
/// hold a million directives. The index for a rule id is built on first use, in one pass. The answer is the one a scan
/// in document order gives: the first directive that applies.
/// </summary>
public sealed class SuppressionIndex
{
    private readonly IReadOnlyList<SuppressionDirective> _directives;
    private readonly SourceText _source;
    private readonly Dictionary<string, ForRule> _byRule = new(StringComparer.OrdinalIgnoreCase);
    private int[]? _startLines;
    private int[]? _endLines;

    public SuppressionIndex(IReadOnlyList<SuppressionDirective> directives, SourceText source)
    {
        _directives = directives;
        _source = source;
    }

    public IReadOnlyList<SuppressionDirective> Directives => _directives;

    /// <summary>
    /// The directive that suppresses a diagnostic of <paramref name="ruleId"/> at <paramref name="span"/>, if any. A
    /// page-level finding sits on the head's end tag (<see cref="Fixes.HeadInsertion.DocumentAnchor"/>) but is about the
    /// whole head: with <paramref name="head"/> given, one on that anchor is also suppressed by a directive aimed at the
    /// <c>&lt;head&gt;</c> start tag (the line above it, or on it) and by a <c>smolsp-disable</c> anywhere inside the head
    /// (no <c>smolsp-enable</c> is needed to end it).
    /// </summary>
    public SuppressionDirective? Find(string ruleId, TextSpan span, HtmlElement? head = null)
    {
        if (_directives.Count == 0)
        {
            return null;
        }

        var rule = For(ruleId);
        if (head is { EndTagSpan: { } end } && span == end)
        {
            return At(rule, span.Start) ?? At(rule, head.StartTagSpan.Start) ?? rule.FirstDisableWithin(head.StartTagSpan.End, end.Start, _directives);
        }

        return At(rule, span.Start);
    }

    /// <summary>The first directive (in document order) that covers <paramref name="position"/> for this rule.</summary>
    private SuppressionDirective? At(ForRule rule, int position)
    {
        var line = _source.Lines.GetLineNumber(position);
        var best = rule.FirstOnLine.TryGetValue(line, out var onLine) ? onLine : int.MaxValue;
        var region = rule.RegionAt(position, _directives);
        if (region >= 0 && region < best)
        {
            best = region;
        }

        return best == int.MaxValue ? null : _directives[best];
    }

    private ForRule For(string ruleId)
    {
        if (_byRule.TryGetValue(ruleId, out var rule))
        {
            return rule;
        }

        _startLines ??= [.. _directives.Select(d => _source.Lines.GetLineNumber(d.Span.Start))];
        _endLines ??= [.. _directives.Select(d => _source.Lines.GetLineNumber(d.Span.End))];
        rule = new ForRule();
        for (var i = 0; i < _directives.Count; i++)
        {
            var d = _directives[i];
            if (!d.Covers(ruleId))
            {
                continue;
            }

            switch (d.Kind)
            {
                case SuppressionKind.DisableNextLine:
                    rule.FirstOnLine.TryAdd(_endLines[i] + 1, i);
                    break;
                case SuppressionKind.DisableLine:
                    rule.FirstOnLine.TryAdd(_startLines[i], i);
                    break;
                case SuppressionKind.Disable:
                    rule.Disables.Add(i);
                    break;
                case SuppressionKind.Enable:
                    rule.Enables.Add(i);
                    break;
            }
        }

        _byRule[ruleId] = rule;
        return rule;
    }

    /// <summary>One rule's view of the directives: indices into the document's directives, in document order.</summary>
    private sealed class ForRule
    {
        public Dictionary<int, int> FirstOnLine { get; } = [];

        public List<int> Disables { get; } = [];

        public List<int> Enables { get; } = [];

        /// <summary>
        /// The first disable whose region holds <paramref name="position"/>, or -1. A disable's region runs from its end
        /// to the start of the next enable for the rule; so the disables that hold a position are those after the last
        /// enable that starts at or before it, and that end at or before it: the first of them is the answer.
        /// </summary>
        public int RegionAt(int position, IReadOnlyList<SuppressionDirective> directives)
        {
            if (Disables.Count == 0)
            {
                return -1;
            }

            var lastEnable = LastAtOrBefore(Enables, position, directives);
            var after = FirstIndexAfter(Disables, lastEnable);
            return after < Disables.Count && directives[Disables[after]].Span.End <= position ? Disables[after] : -1;
        }

        /// <summary>The first disable that starts at or after <paramref name="from"/> and ends by <paramref name="to"/>.</summary>
        public SuppressionDirective? FirstDisableWithin(int from, int to, IReadOnlyList<SuppressionDirective> directives)
        {
            int lo = 0, hi = Disables.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (directives[Disables[mid]].Span.Start < from)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo < Disables.Count && directives[Disables[lo]].Span.End <= to ? directives[Disables[lo]] : null;
        }

        /// <summary>The directive index of the last entry of <paramref name="indices"/> that starts at or before <paramref name="position"/>, or -1.</summary>
        private static int LastAtOrBefore(List<int> indices, int position, IReadOnlyList<SuppressionDirective> directives)
        {
            int lo = 0, hi = indices.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (directives[indices[mid]].Span.Start <= position)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo == 0 ? -1 : indices[lo - 1];
        }

        /// <summary>The position in <paramref name="indices"/> of the first entry greater than <paramref name="index"/>.</summary>
        private static int FirstIndexAfter(List<int> indices, int index)
        {
            var at = indices.BinarySearch(index + 1);
            return at >= 0 ? at : ~at;
        }
    }
}
