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

    /// <summary>
    /// The directive that suppresses a diagnostic of <paramref name="ruleId"/> at <paramref name="span"/>, if any. A
    /// page-level finding sits on the head's end tag (<see cref="Fixes.HeadInsertion.DocumentAnchor"/>) but is about the
    /// whole head: with <paramref name="head"/> given, one on that anchor is also suppressed by a directive aimed at the
    /// <c>&lt;head&gt;</c> start tag (the line above it, or on it) and by a <c>smolsp-disable</c> anywhere inside the head
    /// (no <c>smolsp-enable</c> is needed to end it).
    /// </summary>
    public static SuppressionDirective? FindSuppressing(IReadOnlyList<SuppressionDirective> directives, string ruleId, TextSpan span, SourceText source, HtmlElement? head = null)
    {
        if (head is { EndTagSpan: { } end } && span == end)
        {
            return FindSuppressing(directives, ruleId, span, source)
                ?? FindSuppressing(directives, ruleId, head.StartTagSpan, source)
                ?? directives.FirstOrDefault(d => d.Kind == SuppressionKind.Disable && d.Covers(ruleId) && d.Span.Start >= head.StartTagSpan.End && d.Span.End <= end.Start);
        }

        return FindSuppressingAt(directives, ruleId, span, source);
    }

    private static SuppressionDirective? FindSuppressingAt(IReadOnlyList<SuppressionDirective> directives, string ruleId, TextSpan span, SourceText source)
    {
        if (directives.Count == 0)
        {
            return null;
        }

        var line = source.Lines.GetLineNumber(span.Start);
        for (var i = 0; i < directives.Count; i++)
        {
            var d = directives[i];
            if (!d.Covers(ruleId))
            {
                continue;
            }

            switch (d.Kind)
            {
                case SuppressionKind.DisableNextLine when source.Lines.GetLineNumber(d.Span.End) + 1 == line:
                case SuppressionKind.DisableLine when source.Lines.GetLineNumber(d.Span.Start) == line:
                    return d;
                case SuppressionKind.Disable when span.Start >= d.Span.End && span.Start < RegionEnd(directives, i, ruleId, source.Length):
                    return d;
            }
        }

        return null;
    }

    private static int RegionEnd(IReadOnlyList<SuppressionDirective> directives, int disableIndex, string ruleId, int textLength)
    {
        for (var j = disableIndex + 1; j < directives.Count; j++)
        {
            if (directives[j].Kind == SuppressionKind.Enable && directives[j].Covers(ruleId))
            {
                return directives[j].Span.Start;
            }
        }

        return textLength;
    }
}
