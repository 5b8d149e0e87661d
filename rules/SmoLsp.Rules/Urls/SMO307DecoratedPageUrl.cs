using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// Facebook (Sharing for Webmasters, og:url): the canonical URL "should be the undecorated URL, without session
/// variables, user identifying parameters, or counters"; likes and shares aggregate at that exact URL, so a tracking
/// parameter or a fragment in og:url (or the canonical link Facebook and Google fall back to) counts the page's shares
/// under a URL of its own. Google: URL fragments are generally not supported, so a canonical with one names no page.
/// </summary>
public sealed class SMO307DecoratedPageUrl : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO307",
        "Tracking parameter or fragment in og:url or canonical",
        "{0} '{1}' has {2}: shares and links are counted per exact URL, so this page's count splits off from the plain URL; name the page without it",
        RuleCategory.Urls,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    // Campaign and click identifiers analytics and ad platforms append (Google, Microsoft, Meta, Mailchimp, HubSpot,
    // Marketo, TikTok, X, Yandex) and server session ids.
    private static readonly HashSet<string> s_tracking = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "li_fat_id", "jsessionid", "phpsessid",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var url in ShareUrls.PageUrls(context))
        {
            if (WebUrl.Parse(url.Known, url.IsComplete) is not { IsHttp: true } target)
            {
                continue;
            }

            var tracking = TrackingParameters(target.Query);
            var hasFragment = target.Fragment is not null;
            if (tracking.Count == 0 && !hasFragment)
            {
                continue;
            }

            var what = string.Join(" and ", new[]
            {
                tracking.Count == 0 ? null : (tracking.Count == 1 ? "the tracking parameter " : "the tracking parameters ") + string.Join(", ", tracking),
                hasFragment ? "a fragment (#" + target.Fragment + ")" : null,
            }.Where(s => s is not null));

            // The undecorated URL, written over the value: only when the whole value is known.
            var fixes = new List<CodeFix>();
            if (url.IsComplete)
            {
                fixes.Add(new CodeFix("Remove " + what, FixSafety.Safe, [new TextEdit(url.Span, TemplateText.Attribute(Undecorated(url.Known), context.Syntax.Language))]));
            }

            context.Report(url.Span, args: [url.Label, url.IsComplete ? url.Known : url.Known + "...", what], fixes: fixes);
        }
    }, includeFragments: true);

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || s_tracking.Contains(name);

    private static List<string> TrackingParameters(string? query)
    {
        var names = new List<string>();
        foreach (var pair in (query ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = pair.Split('=')[0];
            if (IsTracking(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The URL without its fragment and tracking parameters, everything else as written.</summary>
    private static string Undecorated(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            url = url[..hash];
        }

        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var kept = url[(question + 1)..].Split('&').Where(p => p.Length > 0 && !IsTracking(p.Split('=')[0])).ToList();
        return url[..question] + (kept.Count == 0 ? string.Empty : "?" + string.Join('&', kept));
    }
}
