using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// A small local stand-in for SMO210 (the same static title on several pages) and SMO211 (the same static meta
/// description), until the core's site analysis lands: see <see cref="ISiteRules"/> for where the real one plugs in.
/// Only static values count (a Razor <c>@ViewData["Title"]</c> renders differently per page); values compare after
/// collapsing whitespace, ignoring case, as search engines group them.
/// </summary>
public sealed class DuplicateMetadataRules : ISiteRules
{
    /// <summary>Related locations per diagnostic: enough to find the others without flooding the editor on a 500-page copy.</summary>
    public const int MaxRelated = 20;

    public static readonly RuleDescriptor DuplicateTitle = new(
        "SMO210",
        "Same title on several pages",
        "The title \"{0}\" is also on {1} other page(s): each page needs its own title so results and share cards tell them apart",
        RuleCategory.Titles,
        DiagnosticSeverity.Warning);

    public static readonly RuleDescriptor DuplicateDescription = new(
        "SMO211",
        "Same meta description on several pages",
        "This meta description is also on {1} other page(s): search engines may replace a boilerplate description with a snippet of the page",
        RuleCategory.Titles,
        DiagnosticSeverity.Info);

    public IReadOnlyList<RuleDescriptor> Descriptors { get; } = [DuplicateTitle, DuplicateDescription];

    public PageFacts? ExtractFacts(AnalysisResult analysis, SmoLspConfiguration configuration)
    {
        var head = analysis.Head;
        if (head.IsFragment)
        {
            return null;
        }

        var title = head.Title?.Value is { IsStatic: true } t && t.NormalizedText.Length > 0 ? t : null;
        var description = head.GetMetaContent("description") is { IsStatic: true } d && d.NormalizedText.Length > 0 ? d : null;
        if (title is null && description is null)
        {
            return null;
        }

        IReadOnlyList<SuppressionDirective>? directives = null;
        return new PageFacts(analysis.Document.Path, Fact(title, DuplicateTitle), Fact(description, DuplicateDescription), configuration);

        SiteFact? Fact(TemplateValue? value, RuleDescriptor rule)
        {
            if (value is null)
            {
                return null;
            }

            directives ??= Suppressions.Find(analysis.Syntax);
            var suppressed = directives.Count > 0 && Suppressions.FindSuppressing(directives, rule.Id, value.Span, analysis.Syntax.Source) is not null;
            return new SiteFact(value.NormalizedText, value.Span, suppressed ? [rule.Id] : []);
        }
    }

    public IReadOnlyList<SiteDiagnostic> Analyze(IReadOnlyCollection<PageFacts> pages)
    {
        var result = new List<SiteDiagnostic>();
        Report(pages, p => p.Title, DuplicateTitle, "The same title", result);
        Report(pages, p => p.Description, DuplicateDescription, "The same meta description", result);
        return result;
    }

    private static void Report(IReadOnlyCollection<PageFacts> pages, Func<PageFacts, SiteFact?> select, RuleDescriptor rule, string relatedMessage, List<SiteDiagnostic> result)
    {
        var groups = new Dictionary<string, List<(PageFacts Page, SiteFact Fact)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var page in pages)
        {
            if (select(page) is not { } fact)
            {
                continue;
            }

            if (!groups.TryGetValue(fact.Text, out var group))
            {
                groups[fact.Text] = group = [];
            }

            group.Add((page, fact));
        }

        foreach (var group in groups.Values)
        {
            if (group.Count < 2)
            {
                continue;
            }

            group.Sort(static (a, b) => string.CompareOrdinal(a.Page.Path, b.Page.Path));
            foreach (var (page, fact) in group)
            {
                if (page.Configuration.ResolveSeverity(rule, rule.DefaultSeverity) is not { } severity || fact.SuppressedRuleIds.Contains(rule.Id, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var related = new List<RelatedLocation>(Math.Min(group.Count - 1, MaxRelated));
                foreach (var (other, otherFact) in group)
                {
                    if (!ReferenceEquals(other, page) && related.Count < MaxRelated)
                    {
                        related.Add(new RelatedLocation(other.Path, otherFact.Span, relatedMessage));
                    }
                }

                var message = rule.FormatMessage([fact.Text, group.Count - 1]);
                result.Add(new SiteDiagnostic(page.Path, new Diagnostic(rule, fact.Span, severity, message, [], related)));
            }
        }
    }
}
