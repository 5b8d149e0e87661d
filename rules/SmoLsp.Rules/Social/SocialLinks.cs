using SmoLsp.Analysis.Syntax;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>What a link to a social network is: a profile, a fediverse account, or neither.</summary>
internal static class SocialLinks
{
    /// <summary>The networks a site links its profiles on (squirrelscan's social-profiles list, plus Threads and Bluesky).</summary>
    public static readonly IReadOnlyList<string> ProfileHosts =
    [
        "x.com", "twitter.com", "facebook.com", "linkedin.com", "instagram.com", "youtube.com", "github.com",
        "tiktok.com", "threads.net", "threads.com", "bsky.app",
    ];

    // Large Mastodon servers, recognised even on paths other than /@name (e.g. /users/name).
    private static readonly string[] s_knownFediverseHosts =
    [
        "mastodon.social", "mastodon.online", "mastodon.world", "mstdn.social", "mas.to", "fosstodon.org",
        "hachyderm.io", "infosec.exchange", "techhub.social", "universeodon.com", "mastodon.art", "sigmoid.social",
        "social.vivaldi.net", "mastodon.cloud", "toot.community", "ruby.social", "dotnet.social",
    ];

    // Sites that also use /@name for profiles but are not fediverse servers.
    private static readonly string[] s_nonFediverseAtHosts =
    [
        "youtube.com", "tiktok.com", "threads.net", "threads.com", "medium.com", "substack.com", "pinterest.com",
        "snapchat.com", "x.com", "twitter.com", "instagram.com", "facebook.com", "linkedin.com", "github.com", "bsky.app",
        "vimeo.com", "dev.to", "figma.com", "producthunt.com", "behance.net", "dribbble.com", "flickr.com", "soundcloud.com",
    ];

    private static readonly HashSet<string> s_reservedFirstSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "intent", "share", "sharer", "sharer.php", "share.php", "dialog", "plugins", "home", "search", "hashtag", "explore",
        "i", "settings", "login", "signup", "about", "help", "privacy", "tos", "legal", "watch", "results", "playlist",
        "shorts", "embed", "p", "reel", "reels", "stories", "features", "pricing", "sharing", "sharearticle", "marketplace",
        "events", "groups", "tr", "topics", "trending", "notifications", "messages", "status",
    };

    /// <summary>The link's target from a static href or the literal start of a Razor one (<c>https://x.com/@Model.Handle</c>).</summary>
    public static LinkTarget? Target(ParsedTemplate syntax, TemplateValue? href)
    {
        if (href is null)
        {
            return null;
        }

        var known = WebUrl.KnownText(syntax, href, out var complete);
        return WebUrl.Parse(known, complete);
    }

    /// <summary>A link to a social network's host that is not a share button: what "links to a profile" means at site level.</summary>
    public static bool IsProfileHostLink(LinkTarget target) =>
        target.IsHttp && ProfileHosts.Any(h => WebUrl.IsHostOrSubdomain(target.Host, h)) && ShareIntents.Classify(target) is null;

    /// <summary>
    /// A Mastodon-style account URL: <c>/@name</c> on a host that is not one of the big networks (heuristic), or
    /// <c>/@name</c> and <c>/users/name</c> on well-known servers.
    /// </summary>
    public static bool IsFediverseProfile(LinkTarget target)
    {
        if (!target.IsHttp || !target.IsComplete || s_nonFediverseAtHosts.Any(h => WebUrl.IsHostOrSubdomain(target.Host, h)))
        {
            return false;
        }

        var segments = Segments(target.Path);
        if (segments.Length == 1 && segments[0].Length > 1 && segments[0][0] == '@' && IsHandle(segments[0].AsSpan(1)))
        {
            return true;
        }

        return segments.Length == 2 && segments[0] == "users" && IsHandle(segments[1]) && s_knownFediverseHosts.Contains(target.SiteHost, StringComparer.Ordinal);
    }

    /// <summary>The account a fediverse profile URL names (<c>https://mastodon.social/@ada</c> is <c>ada</c> on <c>mastodon.social</c>), or null.</summary>
    public static FediverseAccount? FediverseAccountOf(LinkTarget target)
    {
        if (!IsFediverseProfile(target))
        {
            return null;
        }

        var segments = Segments(target.Path);
        var user = segments[0] == "users" ? segments[1] : segments[0][1..];
        return new FediverseAccount(user, target.Host);
    }

    /// <summary>A URL that names an account (not a post, a video or a share dialog) on a social network or the fediverse.</summary>
    public static bool IsProfileUrl(LinkTarget target)
    {
        if (!target.IsHttp || !target.IsComplete)
        {
            return false;
        }

        if (IsFediverseProfile(target))
        {
            return true;
        }

        var s = Segments(target.Path);
        if (s.Length == 0)
        {
            return false;
        }

        var one = s.Length == 1 && !s_reservedFirstSegments.Contains(s[0]);
        var host = NormalHost(target);
        return host switch
        {
            "x.com" or "instagram.com" or "github.com" => one,
            "facebook.com" => one || (s.Length == 1 && s[0] == "profile.php"),
            "linkedin.com" => s.Length == 2 && s[0] is "in" or "company" or "school" or "showcase",
            "youtube.com" => one || (s.Length == 2 && s[0] is "c" or "channel" or "user"),
            "tiktok.com" or "threads.net" => s.Length == 1 && s[0].StartsWith('@'),
            "bsky.app" => s.Length == 2 && s[0] == "profile",
            _ => false,
        };
    }

    /// <summary>
    /// The key profile URLs are compared by: no scheme, no <c>www.</c>/<c>m.</c>, twitter.com = x.com, path without
    /// trailing slash and in lower case (handles are case-insensitive on every network listed), no query.
    /// </summary>
    public static string Key(LinkTarget target)
    {
        var path = target.Path.Trim('/').ToLowerInvariant();
        var query = path.EndsWith(".php", StringComparison.Ordinal) && !string.IsNullOrEmpty(target.Query) ? "?" + target.Query : string.Empty;
        return NormalHost(target) + "/" + path + query;
    }

    public static string NormalHost(LinkTarget target) => target.SiteHost switch
    {
        "twitter.com" => "x.com",
        "threads.com" => "threads.net",
        var h => h,
    };

    /// <summary>The name a visitor knows the network by, for link text.</summary>
    public static string PlatformName(LinkTarget target) => NormalHost(target) switch
    {
        "x.com" => "X",
        "facebook.com" => "Facebook",
        "linkedin.com" => "LinkedIn",
        "instagram.com" => "Instagram",
        "youtube.com" => "YouTube",
        "github.com" => "GitHub",
        "tiktok.com" => "TikTok",
        "threads.net" => "Threads",
        "bsky.app" => "Bluesky",
        _ when IsFediverseProfile(target) => "Mastodon",
        var h => h,
    };

    /// <summary><c>&lt;a href="https://x.com/acme" rel="me"&gt;X&lt;/a&gt;</c>, escaped for the template's language.</summary>
    public static string ProfileAnchor(string url, TemplateLanguage language)
    {
        var name = WebUrl.Parse(url) is { } target ? PlatformName(target) : url;
        return $"<a href=\"{TemplateText.Attribute(url.Trim(), language)}\" rel=\"me\">{TemplateText.Markup(TextNormalizer.EscapeText(name), language)}</a>";
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsHandle(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
