using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.Social;

/// <summary>
/// squirrelscan's social-profiles check: a site should link its profiles so visitors (and crawlers building a
/// knowledge panel) can find them. A heuristic at site level, hence information.
/// </summary>
public sealed class SMO501NoSocialProfileLinks : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO501",
        "No link to a social profile",
        "The page links to no social profile (X, Facebook, LinkedIn, Instagram, YouTube, GitHub, TikTok, Threads, Bluesky or a Mastodon account with rel=\"me\"): link the site's profiles, usually in the footer{0}",
        RuleCategory.Social,
        DiagnosticSeverity.Info,
        FixAvailability.Suggestion);

    internal static readonly string[] FooterWords = ["footer", "social", "profile", "follow"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        if (HasProfileLink(head) || BlockInsertion.RendersElsewhere(head, FooterWords))
        {
            return;
        }

        var profiles = context.Configuration.Profiles;
        CodeFix? fix = null;
        if (profiles.Count > 0 && BlockInsertion.SiteLinksContainer(head) is { } container)
        {
            var lines = profiles.Select(p => (0, SocialLinks.ProfileAnchor(p, context.Syntax.Language))).ToList();
            if (BlockInsertion.BeforeEndTag(context.Source, container, lines) is { } edit)
            {
                fix = new CodeFix($"Link the configured profiles in <{container.Name}>", FixSafety.Suggestion, [edit]);
            }
        }

        var hint = profiles.Count > 0 ? string.Empty : " (list them in \"profiles\" in smolsp.json to get a fix)";
        context.Report(HeadInsertion.DocumentAnchor(head), args: [hint], fixes: SocialTags.Fixes(fix));
    });

    private static bool HasProfileLink(HeadModel head)
    {
        if (head.RelMeLinks.Any(l => l.Href is { IsEmpty: false }))
        {
            return true;
        }

        foreach (var anchor in head.Anchors)
        {
            if (HasRelMe(anchor.Rel))
            {
                return true;
            }

            if (SocialLinks.Target(head.Syntax, anchor.Href) is { } target && (SocialLinks.IsProfileHostLink(target) || SocialLinks.IsFediverseProfile(target)))
            {
                return true;
            }

            // A footer link whose whole URL is template code (a theme's configured links: {{ range .Site.Params.links }}
            // <a href="{{ .url }}">) may well be a profile: which one is known only when the site is built.
            if (anchor.Href.IsDynamic && StartsWithCode(head.Syntax, anchor.Href) && anchor.Element.HasAncestorOrSelf("footer"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithCode(ParsedTemplate syntax, TemplateValue value)
    {
        var span = value.Span;
        var start = span.Start;
        var text = syntax.Source.Text;
        while (start < span.End && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return start < span.End && syntax.ContainsCode(new Analysis.Text.TextSpan(start, 1));
    }

    internal static bool HasRelMe(string rel) => rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("me", StringComparer.Ordinal);

    internal static bool HasRelMe(HtmlElement element) =>
        element.GetAttributeValue("rel") is { IsStatic: true } rel && HasRelMe(rel.NormalizedText.ToLowerInvariant());
}
