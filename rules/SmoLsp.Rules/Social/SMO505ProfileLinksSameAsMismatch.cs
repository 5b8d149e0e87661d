using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// The profiles a page links and the profiles its JSON-LD claims (sameAs) describe the same identity; when they
/// disagree one of them is stale: an account that moved, or one that was never added to the other list.
/// </summary>
public sealed class SMO505ProfileLinksSameAsMismatch : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO505",
        "Profile links and JSON-LD sameAs disagree",
        "{0}",
        RuleCategory.Social,
        DiagnosticSeverity.Info);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var sameAs = SameAsEntries(context);
        var links = PageLinks(head);
        var linkedProfiles = links.Where(l => l.IsProfile).ToList();
        if (sameAs.Count == 0 || linkedProfiles.Count == 0)
        {
            return; // nothing to compare: SMO501 and SMO504 report the missing side
        }

        var linkKeys = links.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var sameAsKeys = sameAs.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in sameAs)
        {
            if (entry.IsProfile && !linkKeys.Contains(entry.Key) && reported.Add(entry.Key))
            {
                context.Report(entry.Span, args: [$"JSON-LD sameAs lists {entry.Url}, but the page does not link to it: link it (with rel=\"me\") or remove it from sameAs"]);
            }
        }

        foreach (var link in linkedProfiles)
        {
            if (!sameAsKeys.Contains(link.Key) && reported.Add(link.Key))
            {
                context.Report(link.Span, args: [$"The page links to the profile {link.Url}, but the JSON-LD sameAs does not list it: add it to sameAs"]);
            }
        }
    });

    private sealed record Profile(string Url, string Key, TextSpan Span, bool IsProfile);

    /// <summary>sameAs URLs of the top-level Organization and Person entities; "profile" ones are social accounts (not Wikipedia, not a website).</summary>
    private static List<Profile> SameAsEntries(RuleContext context)
    {
        var entries = new List<Profile>();
        foreach (var block in context.Head.JsonLd)
        {
            if (JsonLdScript.Read(context.Syntax, block) is not { Root: not null } script)
            {
                continue;
            }

            foreach (var entity in script.TopLevelEntities())
            {
                if (!JsonLdScript.IsIdentity(entity, out _))
                {
                    continue;
                }

                foreach (var entry in JsonLdScript.SameAs(entity))
                {
                    if (WebUrl.Parse(entry.String) is { IsHttp: true } target)
                    {
                        entries.Add(new Profile(entry.String!.Trim(), SocialLinks.Key(target), entry.Span, SocialLinks.IsProfileUrl(target)));
                    }
                }
            }
        }

        return entries;
    }

    /// <summary>Every static link of the page; "profile" ones are social accounts or rel="me" identity links.</summary>
    private static List<Profile> PageLinks(HeadModel head)
    {
        var links = new List<Profile>();
        foreach (var anchor in head.Anchors)
        {
            Add(anchor.Href, SMO501NoSocialProfileLinks.HasRelMe(anchor.Rel));
        }

        foreach (var link in head.RelMeLinks)
        {
            Add(link.Href, relMe: true);
        }

        return links;

        void Add(Analysis.Syntax.TemplateValue? href, bool relMe)
        {
            if (href is { IsStatic: true } && WebUrl.Parse(href.Text) is { IsHttp: true } target)
            {
                var span = WebUrl.TrimmedSpan(head.Syntax.Source, href.Span);
                links.Add(new Profile(href.Text.Trim(), SocialLinks.Key(target), span, relMe || SocialLinks.IsProfileUrl(target)));
            }
        }
    }
}
