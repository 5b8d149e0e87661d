using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// Mastodon verifies a profile's website link only when the site links back with rel="me" (Mastodon docs, "Verifying
/// your identity"); other fediverse servers and IndieWeb tools read rel="me" the same way.
/// </summary>
public sealed class SMO503FediverseLinkWithoutRelMe : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO503",
        "Fediverse profile link without rel=\"me\"",
        "The link to the fediverse profile {0} has no rel=\"me\": Mastodon shows the site as verified on that profile only when the site links back with rel=\"me\"",
        RuleCategory.Social,
        DiagnosticSeverity.Info,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var configured = context.Configuration.Profiles
            .Select(p => WebUrl.Parse(p)).OfType<LinkTarget>().Select(SocialLinks.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var anchor in context.Head.Anchors)
        {
            Check(context, anchor, configured);
        }
    }, includeFragments: true);

    private static void Check(RuleContext context, AnchorLink anchor, HashSet<string> configured)
    {
        var element = anchor.Element;
        var rel = element.GetAttribute("rel");
        if (rel?.Value.IsDynamic == true || SMO501NoSocialProfileLinks.HasRelMe(element))
        {
            return;
        }

        if (!anchor.Href.IsStatic || SocialLinks.Target(context.Syntax, anchor.Href) is not { } target || !SocialLinks.IsFediverseProfile(target))
        {
            return;
        }

        // rel="me" claims "this account is mine": a post that mentions someone else's account must not say so.
        if (element.HasAncestorOrSelf("article") && !configured.Contains(SocialLinks.Key(target)))
        {
            return;
        }

        var href = element.GetAttribute("href")!;
        var edit = rel switch
        {
            null => TextEdit.Insert(href.Span.End, " rel=\"me\""),
            { ValueSpan: null } => new TextEdit(rel.Span, "rel=\"me\""),
            { Quote: '\0', ValueSpan: { } v } => new TextEdit(v, "\"" + context.Source[v] + " me\""),
            { ValueSpan: { } v } => TextEdit.Insert(v.End, context.Source.Slice(v).IsWhiteSpace() ? "me" : " me"),
        };
        context.Report(href.Span, args: [anchor.Href.Text.Trim()], fixes: [new CodeFix("Add rel=\"me\"", FixSafety.Safe, [edit])]);
    }
}
