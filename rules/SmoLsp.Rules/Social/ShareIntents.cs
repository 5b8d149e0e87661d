using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// A share-intent link: a URL that opens a network's "share this page" dialog. <see cref="UrlParameter"/> carries the
/// page URL; for networks that only take text (WhatsApp) the URL goes inside <see cref="TextParameter"/>.
/// </summary>
internal sealed record ShareIntent(string Platform, string? UrlParameter, string? TextParameter, IReadOnlyList<string> KnownParameters)
{
    /// <summary>SMO508 checks the page URL of these; mailto: bodies and compose-text intents are free text.</summary>
    public bool IsValidated => UrlParameter is not null || Platform == "WhatsApp";
}

internal static class ShareIntents
{
    private static readonly ShareIntent s_x = new("X", "url", "text", ["url", "text", "via", "hashtags", "related", "in_reply_to"]);
    private static readonly ShareIntent s_facebook = new("Facebook", "u", null, ["u", "quote", "hashtag", "t", "display"]);
    private static readonly ShareIntent s_facebookDialog = new("Facebook", "href", null, ["href", "app_id", "display", "redirect_uri", "quote", "hashtag"]);
    private static readonly ShareIntent s_linkedIn = new("LinkedIn", "url", null, ["url", "mini", "title", "summary", "source"]);
    private static readonly ShareIntent s_reddit = new("Reddit", "url", null, ["url", "title", "type"]);
    private static readonly ShareIntent s_telegram = new("Telegram", "url", "text", ["url", "text"]);
    private static readonly ShareIntent s_whatsApp = new("WhatsApp", null, "text", ["text", "phone", "type", "app_absent"]);
    private static readonly ShareIntent s_bluesky = new("Bluesky", null, null, ["text"]);
    private static readonly ShareIntent s_threads = new("Threads", null, null, ["text", "url"]);
    private static readonly ShareIntent s_email = new("E-mail", null, null, []);

    /// <summary>The share intent a link opens, or null when it is not one.</summary>
    public static ShareIntent? Classify(LinkTarget target)
    {
        if (target.Scheme == "mailto")
        {
            return s_email;
        }

        if (target.Scheme == "whatsapp")
        {
            return target.Host == "send" ? s_whatsApp : null;
        }

        if (!target.IsHttp && target.Scheme.Length > 0)
        {
            return null;
        }

        // A Razor prefix that stops inside the path ("https://x.com/intent/" + code) says nothing yet.
        if (!target.IsComplete && target.Query is null)
        {
            return null;
        }

        var path = target.Path.Trim('/').ToLowerInvariant();
        return target.SiteHost switch
        {
            "x.com" or "twitter.com" when path is "intent/tweet" or "intent/post" or "share" => s_x,
            "facebook.com" when path is "sharer/sharer.php" or "sharer.php" or "share.php" => s_facebook,
            "facebook.com" when path is "dialog/share" or "dialog/feed" => s_facebookDialog,
            "linkedin.com" when path is "sharing/share-offsite" or "sharearticle" or "cws/share" => s_linkedIn,
            "reddit.com" or "old.reddit.com" when path == "submit" => s_reddit,
            "t.me" or "telegram.me" when path == "share/url" => s_telegram,
            "wa.me" => s_whatsApp,
            "api.whatsapp.com" or "web.whatsapp.com" when path == "send" => s_whatsApp,
            "bsky.app" when path == "intent/compose" => s_bluesky,
            "threads.net" or "threads.com" when path == "intent/post" => s_threads,
            _ => null,
        };
    }
}
