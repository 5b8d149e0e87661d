using System.Text.RegularExpressions;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Twitter;

/// <summary>A tag or element X may read a card's title or description from, with where to report on it.</summary>
internal sealed record XTextSource(TemplateValue Value, TextSpan Span, string Origin, bool IsFallback);

/// <summary>Facts from X's Cards markup reference shared by the SMO1xx rules.</summary>
internal static partial class XCards
{
    /// <summary>The card types X documents today (Cards markup reference).</summary>
    public static readonly IReadOnlyList<string> CardTypes = ["summary", "summary_large_image", "app", "player"];

    /// <summary>
    /// The card type a mistyped value was meant to be: the same after normalising case and '-'/' ' to '_', or a
    /// unique type within a small edit distance (1 for short values, 2 otherwise). Null when unsure.
    /// </summary>
    public static string? ClosestCardType(string value)
    {
        var normalized = Whitespace().Replace(value.Trim().ToLowerInvariant(), "_").Replace('-', '_');
        if (normalized.Length == 0 || normalized.Length > 40)
        {
            return null;
        }

        var maxDistance = normalized.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var type in CardTypes)
        {
            var d = EditDistance.Between(normalized, type);
            if (d < bestDistance)
            {
                (best, bestDistance, tie) = (type, d, false);
            }
            else if (d == bestDistance)
            {
                tie = true;
            }
        }

        return bestDistance <= maxDistance && !tie ? best : null;
    }

    /// <summary>
    /// The <c>@handle</c> an account value stands for: a profile URL on x.com or twitter.com (with or without scheme),
    /// or a bare username. Null when the value names no derivable X username.
    /// </summary>
    public static string? HandleFrom(string value)
    {
        var v = value.Trim();
        var match = ProfileUrl().Match(v);
        var user = match.Success ? match.Groups["user"].Value : v.TrimStart('@');
        if (!IsUsername(user) || (match.Success && s_notProfiles.Contains(user)))
        {
            return null;
        }

        return "@" + user;
    }

    /// <summary>X usernames: 1–15 letters, digits or underscores (X help: "Username" rules).</summary>
    public static bool IsHandle(string value) => value.Length > 1 && value[0] == '@' && IsUsername(value[1..]);

    private static bool IsUsername(string user) => UsernamePattern().IsMatch(user);

    // First path segments of x.com URLs that are pages, not accounts.
    private static readonly HashSet<string> s_notProfiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "home", "i", "intent", "share", "search", "hashtag", "explore", "settings", "login", "signup", "messages", "notifications", "compose", "tos", "privacy",
    };

    /// <summary>
    /// Where X reads a card's text: <paramref name="twitterKey"/>, else <paramref name="ogKey"/>, else the page's own
    /// element (<paramref name="pageSources"/>). Tags with empty content do not count as present. In a fragment only
    /// the twitter: tag is known to be the one X reads (the page may supply others), so fallbacks are not judged.
    /// </summary>
    public static IReadOnlyList<XTextSource> EffectiveSources(HeadModel head, string twitterKey, string ogKey, string pageOrigin, IEnumerable<(TemplateValue Value, TextSpan Span)> pageSources)
    {
        var own = MetaSources(head, twitterKey, twitterKey, isFallback: false);
        if (own.Count > 0 || head.IsFragment)
        {
            return own;
        }

        var og = MetaSources(head, ogKey, ogKey, isFallback: true);
        if (og.Count > 0)
        {
            return og;
        }

        return pageSources.Where(s => !s.Value.IsEmpty).Select(s => new XTextSource(s.Value, s.Span, pageOrigin, IsFallback: true)).ToList();
    }

    private static List<XTextSource> MetaSources(HeadModel head, string key, string origin, bool isFallback)
    {
        var list = new List<XTextSource>();
        foreach (var meta in head.GetMetas(key))
        {
            if (meta is { ContentAttribute: { } content, Content.IsEmpty: false })
            {
                list.Add(new XTextSource(content.Value, content.Span, origin, isFallback));
            }
        }

        return list;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,15}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex(@"^@?(?:https?:)?(?://)?(?:www\.|mobile\.|m\.)?(?:x|twitter)\.com/(?:#!/)?@?(?<user>[^/?#\s]+)/?(?:[?#].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ProfileUrl();
}
