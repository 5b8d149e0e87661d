using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me object types: the global types, or a CURIE <c>prefix:type</c> whose prefix the page declares
/// (<c>&lt;head prefix="my_namespace: https://example.com/ns#"&gt;</c>). Anything else is an unknown type that
/// consumers treat as <c>website</c>, dropping the type's own properties.
/// </summary>
public sealed class SMO011UnknownOgType : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO011",
        "Unknown og:type",
        "og:type \"{0}\" is not an Open Graph type consumers know: {1}",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning);

    private static readonly HashSet<string> s_knownTypes = new(StringComparer.Ordinal)
    {
        // ogp.me global types (payment.link is marked beta there).
        "website", "article", "book", "profile",
        "music.song", "music.album", "music.playlist", "music.radio_station",
        "video.movie", "video.episode", "video.tv_show", "video.other",
        "payment.link",

        // Facebook's Open Graph object type reference adds these global types; product is common on shops.
        "product", "product.group", "product.item", "place", "business.business",
        "books.author", "books.book", "books.genre", "fitness.course", "game.achievement",
        "restaurant.menu", "restaurant.menu_item", "restaurant.menu_section", "restaurant.restaurant",
    };

    // Values people write for a known type, and the type they mean.
    private static readonly Dictionary<string, string> s_meant = new(StringComparer.Ordinal)
    {
        ["blog"] = "article", ["blogpost"] = "article", ["blog_post"] = "article", ["post"] = "article",
        ["news"] = "article", ["newsarticle"] = "article", ["blogposting"] = "article",
        ["web"] = "website", ["site"] = "website", ["webpage"] = "website", ["web_page"] = "website",
        ["page"] = "website", ["home"] = "website", ["homepage"] = "website", ["web site"] = "website",
        ["video"] = "video.other", ["movie"] = "video.movie", ["film"] = "video.movie",
        ["episode"] = "video.episode", ["tv_show"] = "video.tv_show", ["tvshow"] = "video.tv_show",
        ["music"] = "music.song", ["song"] = "music.song", ["album"] = "music.album", ["playlist"] = "music.playlist",
        ["person"] = "profile", ["author"] = "profile", ["user"] = "profile",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.GetMetas("og:type"))
        {
            // Razor expressions are not judged; empty values are SMO007's.
            if (meta.Content is not { IsStatic: true } value || meta.ContentAttribute?.ValueSpan is not { } span)
            {
                continue;
            }

            var type = value.NormalizedText;
            if (s_knownTypes.Contains(type))
            {
                continue;
            }

            string advice;
            var colon = type.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < type.Length - 1 && !type.Contains(' ', StringComparison.Ordinal))
            {
                // A custom CURIE type: fine when its prefix is declared. A partial's prefix lives in its layout.
                var prefix = type[..colon];
                var declared = DeclaredPrefixes.For(context.Head, meta);
                if (declared is null || context.Head.IsFragment || declared.Contains(prefix))
                {
                    continue;
                }

                advice = $"its prefix \"{prefix}\" is not declared; add prefix=\"{prefix}: <namespace URI>\" to <html> or <head>, or use a global type such as website or article";
            }
            else
            {
                advice = "consumers treat it as website; use website, article, book, profile, a music.* or video.* type, or a custom prefix:type declared with prefix=" + Hint(type);
            }

            context.Report(span, [type, advice]);
        }
    }, includeFragments: true);

    private static string Hint(string type)
    {
        var lower = type.ToLowerInvariant();
        if (s_knownTypes.Contains(lower))
        {
            return $" (types are lower case: \"{lower}\")";
        }

        var normalized = lower.Replace('-', '_');
        if (s_knownTypes.Contains(normalized))
        {
            return $" (did you mean \"{normalized}\"?)";
        }

        return s_meant.TryGetValue(normalized, out var meant) ? $" (did you mean \"{meant}\"?)" : string.Empty;
    }
}
