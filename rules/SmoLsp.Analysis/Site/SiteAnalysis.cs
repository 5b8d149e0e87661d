using System.Globalization;
using System.Text;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Site;

/// <summary>A related location on another page, with its position (the other document is gone by now).</summary>
public sealed record SiteRelatedLocation(string Path, TextSpan Span, LinePositionSpan Range, string Message);

/// <summary>A site rule's finding on one page. <see cref="Suppression"/> is set when an inline directive on that page suppresses it.</summary>
public sealed record SiteDiagnostic(string Path, Diagnostic Diagnostic, LinePositionSpan Range, IReadOnlyList<SiteRelatedLocation> Related, SuppressionDirective? Suppression)
{
    /// <summary>The value this page shares with the others (what a report's fingerprint is about).</summary>
    public PageValue? Value { get; init; }
}

/// <summary>
/// Runs site rules over the facts collected from every page: pages that share a value (same key for the same rule)
/// each get a finding that names the others. Pure and deterministic: the output depends only on the set of facts,
/// not on the order they arrive in.
/// </summary>
public static class SiteAnalysis
{
    /// <summary>Pages named in a message: enough to find the copies, short enough to read (the rest are counted).</summary>
    public const int MaxPagesInMessage = 5;

    /// <summary>Related locations per finding: a title shared by a thousand generated pages must not make the report quadratic.</summary>
    public const int MaxRelatedLocations = 20;

    public static IReadOnlyList<SiteDiagnostic> Analyze(IEnumerable<PageFacts> pages)
    {
        var groups = new Dictionary<(string RuleId, string Key), List<(string Path, PageFact Fact)>>();
        foreach (var page in pages)
        {
            foreach (var fact in page.Facts)
            {
                var key = (fact.Descriptor.Id, fact.Value.Key);
                if (!groups.TryGetValue(key, out var members))
                {
                    groups[key] = members = [];
                }

                members.Add((page.Path, fact));
            }
        }

        var result = new List<SiteDiagnostic>();
        foreach (var members in groups.Values)
        {
            if (members.Count < 2)
            {
                continue;
            }

            members.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
            for (var i = 0; i < members.Count; i++)
            {
                var (path, fact) = members[i];
                var others = new List<(string Path, PageFact Fact)>(members.Count - 1);
                for (var j = 0; j < members.Count; j++)
                {
                    if (j != i)
                    {
                        others.Add(members[j]);
                    }
                }

                var related = others.Take(MaxRelatedLocations)
                    .Select(o => new SiteRelatedLocation(o.Path, o.Fact.Value.Span, o.Fact.Range, "The same text on " + o.Path))
                    .ToList();
                var descriptor = fact.Descriptor;
                var diagnostic = new Diagnostic(
                    descriptor,
                    fact.Value.Span,
                    fact.Severity,
                    descriptor.FormatMessage([fact.Value.Text, ListPages(others.Select(o => o.Path)), others.Count]),
                    [],
                    related.Select(r => new RelatedLocation(r.Path, r.Span, r.Message)).ToList());
                result.Add(new SiteDiagnostic(path, diagnostic, fact.Range, related, fact.Suppression) { Value = fact.Value });
            }
        }

        result.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Path, b.Path);
            c = c != 0 ? c : a.Diagnostic.Span.Start.CompareTo(b.Diagnostic.Span.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Diagnostic.Id, b.Diagnostic.Id);
        });
        return result;
    }

    /// <summary>"a.html", "a.html and b.html", "a.html, b.html, c.html, d.html, e.html and 7 more pages".</summary>
    public static string ListPages(IEnumerable<string> paths)
    {
        var all = paths.ToList();
        var shown = all.Take(MaxPagesInMessage).ToList();
        var rest = all.Count - shown.Count;
        var sb = new StringBuilder();
        for (var i = 0; i < shown.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(i == shown.Count - 1 && rest == 0 ? " and " : ", ");
            }

            sb.Append(shown[i]);
        }

        if (rest > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $" and {rest} more page{(rest == 1 ? string.Empty : "s")}");
        }

        return sb.ToString();
    }
}
