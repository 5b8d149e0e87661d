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

    /// <summary>
    /// The findings, ordered by path, then position, then rule id. Lazy: each finding is built as it is enumerated,
    /// so a host can format and drop them file by file; only the groups of facts are held. A value shared by
    /// thousands of pages costs linear time: each finding names at most <see cref="MaxRelatedLocations"/> others.
    /// </summary>
    /// <param name="pages">Every page's facts.</param>
    /// <param name="name">How a message names another page (e.g. relative to the site's folder); the path as given when null.</param>
    public static IEnumerable<SiteDiagnostic> Analyze(IEnumerable<PageFacts> pages, Func<string, string>? name = null)
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

        var shared = new List<(string Path, PageFact Fact, List<(string Path, PageFact Fact)> Group)>();
        foreach (var members in groups.Values)
        {
            if (members.Count < 2)
            {
                continue;
            }

            members.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
            foreach (var (path, fact) in members)
            {
                shared.Add((path, fact, members));
            }
        }

        shared.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Path, b.Path);
            c = c != 0 ? c : a.Fact.Value.Span.Start.CompareTo(b.Fact.Value.Span.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Fact.Descriptor.Id, b.Fact.Descriptor.Id);
        });

        // One name and one label per page, however many findings name it: a title shared by thousands of pages names
        // each one up to MaxRelatedLocations times.
        var given = name ?? (static p => p);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string Name(string p) => names.TryGetValue(p, out var n) ? n : names[p] = given(p);
        string Label(string p) => labels.TryGetValue(p, out var l) ? l : labels[p] = "The same text on " + Name(p);

        // Select rather than a C# iterator: the compiler's iterator reads Environment.CurrentManagedThreadId, and the
        // core must not touch the environment (CoreBoundaryTests).
        return shared.Select(s => Finding(s.Path, s.Fact, s.Group, Name, Label));
    }

    private static SiteDiagnostic Finding(string path, PageFact fact, List<(string Path, PageFact Fact)> group, Func<string, string> name, Func<string, string> label)
    {
        // The group is sorted by path; the page itself is skipped (fact is a reference: the same page may in
        // principle appear twice in a group, as two facts).
        var related = new List<SiteRelatedLocation>(Math.Min(MaxRelatedLocations, group.Count - 1));
        var named = new List<string>(MaxPagesInMessage);
        var others = 0;
        foreach (var (otherPath, otherFact) in group)
        {
            if (ReferenceEquals(otherFact, fact))
            {
                continue;
            }

            others++;
            if (named.Count < MaxPagesInMessage)
            {
                named.Add(name(otherPath));
            }

            if (related.Count < MaxRelatedLocations)
            {
                related.Add(new SiteRelatedLocation(otherPath, otherFact.Value.Span, otherFact.Range, label(otherPath)));
            }
        }

        var descriptor = fact.Descriptor;
        var diagnostic = new Diagnostic(
            descriptor,
            fact.Value.Span,
            fact.Severity,
            descriptor.FormatMessage([fact.Value.Text, ListPages(named, others), others]),
            [],
            related.Select(r => new RelatedLocation(r.Path, r.Span, r.Message)).ToList());
        return new SiteDiagnostic(path, diagnostic, fact.Range, related, fact.Suppression) { Value = fact.Value };
    }

    /// <summary>"a.html", "a.html and b.html", "a.html, b.html, c.html, d.html, e.html and 7 more pages".</summary>
    public static string ListPages(IReadOnlyList<string> shown, int total)
    {
        var rest = total - shown.Count;
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
