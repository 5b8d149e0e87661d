using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>The profiles listed in smolsp.json are the site's own: each page should link every one.</summary>
public sealed class SMO502ConfiguredProfileNotLinked : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO502",
        "Configured profile not linked",
        "The profile {0} listed in smolsp.json is not linked from this page: add <a href=\"{0}\" rel=\"me\"> (usually in the footer)",
        RuleCategory.Social,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var profiles = context.Configuration.Profiles;
        if (profiles.Count == 0 || BlockInsertion.RendersElsewhere(head, SMO501NoSocialProfileLinks.FooterWords))
        {
            return;
        }

        var linked = LinkedKeys(head);
        var container = BlockInsertion.SiteLinksContainer(head);
        foreach (var profile in profiles.Distinct(StringComparer.Ordinal))
        {
            if (WebUrl.Parse(profile) is not { } target || linked.Contains(SocialLinks.Key(target)))
            {
                continue;
            }

            CodeFix? fix = null;
            if (container is not null && BlockInsertion.BeforeEndTag(context.Source, container, [(0, SocialLinks.ProfileAnchor(profile, context.Syntax.Language))]) is { } edit)
            {
                fix = new CodeFix($"Link {profile} in <{container.Name}>", FixSafety.Safe, [edit]);
            }

            context.Report(HeadInsertion.DocumentAnchor(head), args: [profile.Trim()], fixes: SocialTags.Fixes(fix));
        }
    });

    /// <summary>Keys of every complete link target on the page: anchors and <c>&lt;link rel="me"&gt;</c>.</summary>
    internal static HashSet<string> LinkedKeys(HeadModel head)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var hrefs = head.Anchors.Select(a => a.Href).Concat(head.RelMeLinks.Select(l => l.Href));
        foreach (var href in hrefs)
        {
            if (href is { IsStatic: true } && WebUrl.Parse(href.Text) is { } target)
            {
                keys.Add(SocialLinks.Key(target));
            }
        }

        return keys;
    }
}
