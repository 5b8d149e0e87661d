using System.Collections.Concurrent;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>
/// Reports a missing meta on the head, the way the built-in missing-tag rules do: per-page tags stay silent on a head
/// that pages add to; site-wide ones only on a head partly unseen. The fix inserts the tag with HeadInsertion.
/// </summary>
internal sealed class MissingMetaRule : Rule
{
    private readonly string _key;

    public MissingMetaRule(string id, string key, HeadResponsibility responsibility)
    {
        _key = key;
        Descriptor = new RuleDescriptor(id, "Missing " + key, "The page has no " + key, RuleCategory.OpenGraph, DiagnosticSeverity.Warning, FixAvailability.Safe)
        {
            Responsibility = responsibility,
        };
    }

    public static MissingMetaRule Description() => new("SMO981", "og:description", HeadResponsibility.Page);

    public static MissingMetaRule SiteName() => new("SMO982", "og:site_name", HeadResponsibility.Site);

    public override RuleDescriptor Descriptor { get; }

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var open = Descriptor.Responsibility == HeadResponsibility.Page ? head.IsExtendedElsewhere : head.HasUnknownHeadContent;
        if (head.HasMeta(_key) || open)
        {
            return;
        }

        var content = _key == "og:description" && head.Title is { Value.IsEmpty: false } title ? title.Value.ToAttributeText() : "TODO";
        var edit = HeadInsertion.InsertLine(head, HeadInsertion.Meta(head, "property", _key, content));
        context.Report(HeadInsertion.DocumentAnchor(head), fixes: edit is null ? [] : [new CodeFix("Add " + _key, FixSafety.Safe, [edit])]);
    });
}

/// <summary>Like SMO205: a static title starting with "Home" is a placeholder, reported on the title element.</summary>
internal sealed class HomeTitleRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO983", "Placeholder title", "Title \"{0}\" is a placeholder", RuleCategory.Titles, DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var title in context.Head.Titles)
        {
            if (title.Value.IsStatic && title.Value.NormalizedText.StartsWith("Home", StringComparison.Ordinal))
            {
                context.Report(title.Element.Span, [title.Value.NormalizedText]);
            }
        }
    }, includeFragments: true);
}

/// <summary>Like SMO301: a meta content starting with "/" is relative; the fix prefixes a site URL.</summary>
internal sealed class RelativeContentRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO984", "Relative URL", "Relative URL", RuleCategory.Urls, DiagnosticSeverity.Error, FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterElementAction((context, meta) =>
    {
        if (meta.GetAttribute("content") is { ValueSpan: { } span, Value: { IsStatic: true } value } && value.Text.StartsWith('/'))
        {
            context.Report(span, fixes: [new CodeFix("Make absolute", FixSafety.Safe, [TextEdit.Insert(span.Start, "https://acme.example")])]);
        }
    }, "meta");
}

/// <summary>Like SMO009: a second og:type is reported on the second copy, pointing at the first.</summary>
internal sealed class DuplicateTypeRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO985", "Duplicate og:type", "og:type is already set on {0}", RuleCategory.OpenGraph, DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var metas = context.Head.GetMetas("og:type");
        for (var i = 1; i < metas.Count; i++)
        {
            context.Report(metas[i].Element.StartTagSpan, [context.DescribeLine(metas[0].Element.StartTagSpan.Start)],
                related: [new RelatedLocation(null, metas[0].Element.StartTagSpan, "the first og:type")]);
        }
    }, includeFragments: true);
}

/// <summary>Counts the documents it runs on, by path: proves a layout is analyzed once for all its pages.</summary>
internal sealed class CountingRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO986", "Counts", "never", RuleCategory.Engine, DiagnosticSeverity.Hint);

    public ConcurrentDictionary<string, int> Runs { get; } = new(StringComparer.Ordinal);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterDocumentAction(context => Runs.AddOrUpdate(context.Document.Path, 1, (_, n) => n + 1), includeFragments: true);
}
