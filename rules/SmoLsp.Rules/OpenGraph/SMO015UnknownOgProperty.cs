using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me defines a closed set of og: properties (and the article:, book:, profile:, music:, video: object properties);
/// Facebook adds fb:, al: (App Links) and product:. Crawlers look tags up by exact name, so <c>og:titel</c>,
/// <c>og-description</c> or <c>og:img</c> is read by nobody, and the page shares as if the tag were missing. A namespace
/// the page declares with prefix= is its own vocabulary and is left alone.
/// </summary>
public sealed class SMO015UnknownOgProperty : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO015",
        "Unknown or misspelled Open Graph property",
        "\"{0}\" is not an Open Graph property, so crawlers ignore this tag: {1}",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(
        context => PropertyNames.Report(context, PropertyFamily.OpenGraph, "ogp.me and Facebook's sharing docs define no such property; remove the tag or use a property they define"),
        includeFragments: true);
}
