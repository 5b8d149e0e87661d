namespace SmoLsp.Analysis.Rules;

public enum DiagnosticSeverity
{
    Hint = 1,
    Info = 2,
    Warning = 3,
    Error = 4,
}

public enum RuleCategory
{
    OpenGraph,
    Twitter,
    Titles,
    Urls,
    Images,
    Social,
    Engine,
}

/// <summary>What a rule's fixes are: none, safe (check --fix and fix-all may apply them), or suggestions only.</summary>
public enum FixAvailability
{
    None,
    Safe,
    Suggestion,

    /// <summary>Safe when the facts allow (e.g. a site URL is configured), a suggestion otherwise.</summary>
    SafeOrSuggestion,
}

/// <summary>
/// Which file must change when a composed page's head lacks what a rule asks for (a "missing tag" finding, reported on
/// the head). See docs/composition.md.
/// </summary>
public enum HeadResponsibility
{
    /// <summary>
    /// Site-wide metadata (og:site_name, og:type): the layout's. Reported when the layout is analyzed, never on its pages.
    /// </summary>
    Site,

    /// <summary>
    /// Metadata that differs per page (og:title, og:description, og:image, og:url, the title, the description, the
    /// canonical link): when the layout lets pages add to its head (a head section, Blazor's HeadOutlet) and does not
    /// supply it itself, each page that lacks it is told, and the fix writes into the page's section or HeadContent.
    /// </summary>
    Page,
}

/// <summary>A number a user may configure for a rule, with its default and why.</summary>
public sealed record RuleThreshold(string Name, double DefaultValue, string Description);

/// <summary>
/// A rule's identity and metadata. Ids are stable forever and never reused. A built-in rule's help link is
/// derived from the id, never typed, so it cannot drift from the doc page; a plugin rule's docs live elsewhere,
/// so it sets <see cref="HelpLinkUri"/>.
/// </summary>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    RuleCategory Category,
    DiagnosticSeverity DefaultSeverity,
    FixAvailability Fix = FixAvailability.None,
    bool EnabledByDefault = true,
    IReadOnlyList<RuleThreshold>? Thresholds = null)
{
    /// <summary>Where the rule's documentation lives; <see cref="HelpLink"/> appends <c>{Id}.md</c>.</summary>
    public const string DocsBaseUrl = "https://github.com/smolsp/smolsp/blob/main/rules/docs/";

    /// <summary>Where a plugin rule's documentation lives; null for built-in rules, whose link is derived from the id.</summary>
    public string? HelpLinkUri { get; init; }

    public string HelpLink => HelpLinkUri ?? DocsBaseUrl + Id + ".md";

    /// <summary>Who answers for this rule's missing-tag findings on composed pages; <see cref="HeadResponsibility.Site"/> unless a rule says otherwise.</summary>
    public HeadResponsibility Responsibility { get; init; } = HeadResponsibility.Site;

    /// <summary>
    /// True when the rule judges files beside the template that a page names (the local image behind og:image): a host
    /// that cannot read them does not run it — the Roslyn analyzer package sees the project's AdditionalFiles only
    /// (docs/analyzers.md), and <c>smolsp rules</c> marks these rules.
    /// </summary>
    public bool ReadsLocalFiles { get; init; }

    public IReadOnlyList<RuleThreshold> ThresholdList => Thresholds ?? [];

    public string FormatMessage(IReadOnlyList<object?> args)
    {
        if (args.Count == 0)
        {
            return MessageFormat;
        }

        try
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args.ToArray());
        }
        catch (FormatException)
        {
            return MessageFormat + " (" + string.Join(", ", args) + ")";
        }
    }
}
