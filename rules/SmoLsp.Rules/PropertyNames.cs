using System.Collections.Concurrent;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.OpenGraph;

namespace SmoLsp.Rules;

/// <summary>Whose vocabulary a property belongs to: Open Graph and its object namespaces, or X cards.</summary>
internal enum PropertyFamily
{
    OpenGraph,
    X,
}

/// <summary>
/// A meta tag whose key no platform reads. <see cref="Suggestions"/> are the known names it is close to (empty when it is
/// merely unknown); <see cref="Suggestion"/> is set when exactly one is, which is what a safe rename needs.
/// </summary>
/// <summary>
/// What <see cref="PropertyNames.Check"/> says of a key: whose vocabulary, and the known names it is close to. A class:
/// the per-process memo of these is then a dictionary the framework ships compiled, not one the JIT compiles at start.
/// </summary>
internal sealed record PropertyCheck(PropertyFamily Family, IReadOnlyList<string> Suggestions);

internal sealed record PropertyFinding(MetaTag Meta, PropertyFamily Family, IReadOnlyList<string> Suggestions)
{
    public string? Suggestion => Suggestions.Count == 1 ? Suggestions[0] : null;

    public bool IsMisspelled => Suggestions.Count > 0;
}

/// <summary>
/// The property names share crawlers read, and the near misses of them people write: <c>og:titel</c>,
/// <c>og-description</c> as a name=, <c>twitter:cards</c>, <c>twiter:card</c>. Sources: ogp.me (basic, optional and
/// structured properties, object types), Facebook's sharing docs (fb:app_id, og:updated_time, og:ttl, og:restrictions:*,
/// article:publisher, the product: catalog properties), applinks.org (al:*), X's Cards markup reference (current and
/// legacy tags that readers such as Slack still use), and Mastodon's link-card extractor (fediverse:creator, og:author,
/// og:site).
/// </summary>
internal static class PropertyNames
{
    private const string Separators = ":-_. ";

    private static readonly Dictionary<string, HashSet<string>> s_namespaces = Build(
    [
        // ogp.me basic, optional and structured properties.
        "og:title", "og:type", "og:image", "og:url", "og:audio", "og:description", "og:determiner", "og:locale",
        "og:locale:alternate", "og:site_name", "og:video",
        "og:image:url", "og:image:secure_url", "og:image:type", "og:image:width", "og:image:height", "og:image:alt",
        "og:video:url", "og:video:secure_url", "og:video:type", "og:video:width", "og:video:height", "og:video:alt",
        "og:audio:url", "og:audio:secure_url", "og:audio:type",

        // Facebook's sharing docs and crawler, Pinterest product pins, Mastodon, and the first Open Graph draft
        // (contact and place fields some CMSs still write).
        "og:updated_time", "og:ttl", "og:rich_attachment", "og:see_also", "og:image:user_generated",
        "og:restrictions:age", "og:restrictions:country:allowed", "og:restrictions:country:disallowed", "og:restrictions:content",
        "og:price:amount", "og:price:currency", "og:availability", "og:brand", "og:upc", "og:ean", "og:isbn", "og:mpn",
        "og:author", "og:author:username", "og:site", "og:video:tag", "og:video:duration", "og:video:release_date",
        "og:email", "og:phone_number", "og:fax_number", "og:latitude", "og:longitude", "og:street-address",
        "og:locality", "og:region", "og:postal-code", "og:country-name",

        // ogp.me object types.
        "article:published_time", "article:modified_time", "article:expiration_time", "article:author", "article:section", "article:tag",
        "article:publisher", "article:content_tier", "article:opinion",
        "book:author", "book:isbn", "book:release_date", "book:tag",
        "profile:first_name", "profile:last_name", "profile:username", "profile:gender",
        "music:duration", "music:album", "music:album:disc", "music:album:track", "music:musician", "music:song",
        "music:song:disc", "music:song:track", "music:release_date", "music:creator",
        "video:actor", "video:actor:role", "video:director", "video:writer", "video:duration", "video:release_date", "video:tag", "video:series",

        // Facebook's object types and catalog (products).
        "books:author", "books:isbn", "books:genre", "books:rating:value", "books:rating:scale", "books:release_date",
        "books:initial_release_date", "books:page_count", "books:sample", "books:language:locale", "books:language:alternate",
        "fb:app_id", "fb:admins", "fb:pages", "fb:profile_id", "fb:page_id",
        "product:price:amount", "product:price:currency", "product:availability", "product:condition", "product:retailer_item_id",
        "product:brand", "product:category", "product:age_group", "product:gender", "product:color", "product:size",
        "product:material", "product:pattern", "product:ean", "product:upc", "product:isbn", "product:mfr_part_no",
        "product:item_group_id", "product:sale_price:amount", "product:sale_price:currency", "product:sale_price_dates:start",
        "product:sale_price_dates:end", "product:original_price:amount", "product:original_price:currency",
        "product:pretax_price:amount", "product:pretax_price:currency", "product:shipping_cost:amount",
        "product:shipping_cost:currency", "product:shipping_weight:value", "product:shipping_weight:units",
        "product:weight:value", "product:weight:units", "product:expiration_time", "product:plural_title",
        "product:product_link", "product:retailer", "product:retailer_title", "product:retailer_part_no", "product:locale",

        // applinks.org.
        "al:ios:url", "al:ios:app_store_id", "al:ios:app_name", "al:iphone:url", "al:iphone:app_store_id", "al:iphone:app_name",
        "al:ipad:url", "al:ipad:app_store_id", "al:ipad:app_name", "al:android:url", "al:android:package", "al:android:class",
        "al:android:app_name", "al:windows_phone:url", "al:windows_phone:app_id", "al:windows_phone:app_name",
        "al:windows:url", "al:windows:app_id", "al:windows:app_name", "al:windows_universal:url",
        "al:windows_universal:app_id", "al:windows_universal:app_name", "al:web:url", "al:web:should_fallback",

        // Mastodon's author attribution.
        "fediverse:creator",

        // X Cards markup reference.
        "twitter:card", "twitter:site", "twitter:site:id", "twitter:creator", "twitter:creator:id", "twitter:description",
        "twitter:title", "twitter:image", "twitter:image:alt", "twitter:player", "twitter:player:width", "twitter:player:height",
        "twitter:player:stream", "twitter:player:stream:content_type",
        "twitter:app:name:iphone", "twitter:app:id:iphone", "twitter:app:url:iphone", "twitter:app:name:ipad",
        "twitter:app:id:ipad", "twitter:app:url:ipad", "twitter:app:name:googleplay", "twitter:app:id:googleplay",
        "twitter:app:url:googleplay", "twitter:app:country",

        // Earlier X markup (SMO105's business), the label/data pairs Slack shows, and X's widget settings.
        "twitter:image:src", "twitter:text:title", "twitter:text:description", "twitter:url", "twitter:domain",
        "twitter:image:width", "twitter:image:height", "twitter:image0", "twitter:image1", "twitter:image2", "twitter:image3",
        "twitter:label1", "twitter:data1", "twitter:label2", "twitter:data2", "twitter:account_id", "twitter:dnt",
        "twitter:widgets:csp", "twitter:widgets:theme", "twitter:widgets:link-color", "twitter:widgets:border-color",
        "twitter:widgets:new-embed-design", "twitter:widgets:autoload",
    ]);

    // Names people write for a known property that no edit distance finds (keys are Strip()ed).
    private static readonly Dictionary<string, string> s_meant = new(StringComparer.Ordinal)
    {
        ["ogimg"] = "og:image",
        ["ogdesc"] = "og:description",
        ["ogimagealttext"] = "og:image:alt",
        ["ogpublishedtime"] = "article:published_time",
        ["ogmodifiedtime"] = "article:modified_time",
        ["articlepublished"] = "article:published_time",
        ["articlepublisheddate"] = "article:published_time",
        ["articlepublishtime"] = "article:published_time",
        ["articlemodified"] = "article:modified_time",
        ["articlemodifieddate"] = "article:modified_time",
        ["articleupdatedtime"] = "article:modified_time",
        ["twitterimg"] = "twitter:image",
        ["twitterdesc"] = "twitter:description",
        ["twitterimagealttext"] = "twitter:image:alt",
        ["twitterauthor"] = "twitter:creator",
    };

    // Each namespace's keys with the part after the namespace stripped of separators, and the keys of the other
    // namespaces by their whole stripped name (og:article:author): computed once, not per unknown tag.
    private static readonly Dictionary<string, (string Key, string Known)[]> s_strippedKeys = s_namespaces.ToDictionary(
        n => n.Key, n => n.Value.Select(k => (k, Strip(k[(n.Key.Length + 1)..]))).ToArray(), StringComparer.Ordinal);

    private static readonly Dictionary<string, string> s_outsideOg = OutsideOg();

    private static Dictionary<string, string> OutsideOg()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (ns, keys) in s_namespaces)
        {
            foreach (var key in ns == "og" ? [] : keys)
            {
                map.TryAdd(Strip(key), key);
            }
        }

        return map;
    }

    // Namespaces whose every property is listed above: anything else in them is unknown, not merely unlisted.
    private static readonly string[] s_closed = ["og", "twitter"];

    private static Dictionary<string, HashSet<string>> Build(string[] keys)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var ns = key[..key.IndexOf(':', StringComparison.Ordinal)];
            if (!map.TryGetValue(ns, out var set))
            {
                map[ns] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(key);
        }

        return map;
    }

    /// <summary>Every property name known here, for the tests that keep the list consistent.</summary>
    public static IEnumerable<string> All => s_namespaces.Values.SelectMany(s => s);

    public static bool IsKnown(string key) =>
        key.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && s_namespaces.TryGetValue(key[..colon], out var set) && set.Contains(key);

    private static readonly DocumentFact<PropertyFinding[]> s_findings = new(static c => Find(c.Head));

    /// <summary>The meta tags of the document whose keys no platform reads (computed once per document).</summary>
    public static IReadOnlyList<PropertyFinding> Of(RuleContext context) => context.Get(s_findings);

    /// <summary>The first tag written as a near miss of <paramref name="key"/> and of nothing else: where a "missing <paramref name="key"/>" finding points.</summary>
    public static MetaTag? MisspellingOf(RuleContext context, string key) =>
        Of(context).FirstOrDefault(f => f.Suggestion == key)?.Meta;

    private static PropertyFinding[] Find(HeadModel head)
    {
        var list = new List<PropertyFinding>();
        // A page repeats its keys (and a hostile one repeats its typos): each distinct key is looked up once.
        var checkedKeys = new Dictionary<string, PropertyCheck?>(StringComparer.Ordinal);
        foreach (var meta in head.Metas)
        {
            if (!checkedKeys.TryGetValue(meta.Key, out var check))
            {
                checkedKeys[meta.Key] = check = Check(meta.Key);
            }

            if (check is not { } found)
            {
                continue;
            }

            // A namespace the page declares (prefix="my: https://...") is the author's own vocabulary.
            var ns = NamespaceOf(meta.Key);
            if (!s_namespaces.ContainsKey(ns) && DeclaredPrefixes.For(head, meta) is var declared && (declared is null || declared.Contains(ns)))
            {
                continue;
            }

            list.Add(new PropertyFinding(meta, found.Family, found.Suggestions));
        }

        return [.. list];
    }

    /// <summary>
    /// Whether <paramref name="key"/> (lower case) is a near miss of known names, unknown in a closed namespace, or
    /// neither (known, or nothing this catalog speaks for). Null for "neither".
    /// </summary>
    public static PropertyCheck? Check(string key)
    {
        // A pure function of the key, and sites repeat their keys on every page: each is looked up once per process
        // (edit distances against the whole catalog), up to a cap a hostile site cannot grow past.
        if (s_checked.TryGetValue(key, out var known))
        {
            return known;
        }

        var found = CheckCore(key);
        if (Volatile.Read(ref s_remembered) < MaxRememberedKeys && s_checked.TryAdd(key, found))
        {
            Interlocked.Increment(ref s_remembered);
        }

        return found;
    }

    private const int MaxRememberedKeys = 4096;

    private static int s_remembered; // ConcurrentDictionary.Count would take every lock

    private static readonly ConcurrentDictionary<string, PropertyCheck?> s_checked = new(StringComparer.Ordinal);

    private static PropertyCheck? CheckCore(string key)
    {
        if (IsKnown(key))
        {
            return null;
        }

        var separator = key.AsSpan().IndexOfAny(Separators);
        if (separator <= 0 || separator == key.Length - 1 || key.Length > 80)
        {
            return null; // not namespaced (name="title"), or too long to be a property name
        }

        var ns = key[..separator];
        var rest = Strip(key[(separator + 1)..]);
        if (rest.Length == 0)
        {
            return null;
        }

        var suggestions = Suggest(ns, rest);
        if (suggestions.Count > 0)
        {
            return new PropertyCheck(FamilyOf(suggestions[0]), suggestions);
        }

        // og:keywords, twitter:foo: written in a namespace whose vocabulary is closed, read by nobody.
        return key[separator] == ':' && s_closed.Contains(ns) ? new PropertyCheck(ns == "twitter" ? PropertyFamily.X : PropertyFamily.OpenGraph, []) : null;
    }

    private static List<string> Suggest(string ns, string rest)
    {
        var stripped = Strip(ns) + rest;
        if (s_meant.TryGetValue(stripped, out var meant))
        {
            return [meant];
        }

        // og:article:author: an object-type property written inside og:.
        if (ns == "og" && s_outsideOg.TryGetValue(rest, out var inner))
        {
            return [inner];
        }

        var best = new List<string>();
        var bestDistance = int.MaxValue;
        foreach (var (candidate, keys) in s_strippedKeys)
        {
            // A short namespace (og, fb, al) must be written exactly: "op" or "ng" are other people's prefixes.
            var nsDistance = ns == candidate ? 0 : candidate.Length >= 4 && ns.Length >= 3 ? EditDistance.Between(ns, candidate) : int.MaxValue;
            if (nsDistance > 1)
            {
                continue;
            }

            foreach (var (key, known) in keys)
            {
                if (nsDistance + Math.Abs(known.Length - rest.Length) > Math.Max(1, Allowed(known)))
                {
                    continue; // an edit distance is at least the difference in length: no need to compute it
                }

                var distance = nsDistance + (known == rest ? 0 : EditDistance.Between(rest, known));
                if (distance > Allowed(known) && !(distance == 1 && IsSwap(rest, known)))
                {
                    continue;
                }

                if (distance < bestDistance)
                {
                    (bestDistance, best) = (distance, [key]);
                }
                else if (distance == bestDistance)
                {
                    best.Add(key);
                }
            }
        }

        best.Sort(StringComparer.Ordinal);
        return best;
    }

    /// <summary>
    /// Reports every finding of <paramref name="family"/> on its key attribute, with a safe rename when exactly one known
    /// name is meant. An Open Graph name written with name= is renamed to property= as well (SMO008's point), since
    /// Facebook reads Open Graph only from property=. Unknown names (no suggestion) are reported with <paramref name="unknownAdvice"/>
    /// at information level: the page may mean them for a reader this catalog does not know.
    /// </summary>
    public static void Report(RuleContext context, PropertyFamily family, string unknownAdvice)
    {
        foreach (var finding in Of(context))
        {
            if (finding.Family != family || finding.Meta.KeyAttribute.ValueSpan is not { } valueSpan)
            {
                continue;
            }

            var meta = finding.Meta;
            var written = meta.KeyAttribute.Value.NormalizedText;
            if (!finding.IsMisspelled)
            {
                context.Report(meta.KeyAttribute.Span, args: [written, unknownAdvice], severity: DiagnosticSeverity.Info);
                continue;
            }

            var fixes = new List<CodeFix>();
            var advice = "did you mean " + string.Join(" or ", finding.Suggestions) + "?";
            if (finding.Suggestion is { } meant)
            {
                var edits = new List<TextEdit> { new(valueSpan, meant) };
                if (meta.KeyKind == MetaKeyKind.Name && family == PropertyFamily.OpenGraph && !meant.StartsWith("fediverse:", StringComparison.Ordinal)
                    && meta.Element.GetAttribute("property") is null)
                {
                    edits.Add(new TextEdit(meta.KeyAttribute.NameSpan, "property"));
                    advice = $"did you mean property=\"{meant}\"?";
                }

                fixes.Add(new CodeFix($"Rename to {meant}", FixSafety.Safe, edits));
            }

            context.Report(meta.KeyAttribute.Span, args: [written, advice], fixes: fixes);
        }
    }

    /// <summary>Edits a name may be away from a known one and still be meant as it: none for very short names, where one edit makes another word.</summary>
    private static int Allowed(string knownRest) => knownRest.Length switch
    {
        <= 3 => 0,
        <= 5 => 1,
        _ => 2,
    };

    /// <summary>Two neighbouring letters swapped (<c>ulr</c>): a slip of the fingers even in a name too short for any other edit.</summary>
    private static bool IsSwap(string a, string b) =>
        a.Length == b.Length && a.Order().SequenceEqual(b.Order());

    private static PropertyFamily FamilyOf(string key) => key.StartsWith("twitter:", StringComparison.Ordinal) ? PropertyFamily.X : PropertyFamily.OpenGraph;

    private static string NamespaceOf(string key)
    {
        var separator = key.AsSpan().IndexOfAny(Separators);
        return separator <= 0 ? key : key[..separator];
    }

    /// <summary>The name without separators: <c>og:site_name</c>, <c>og-sitename</c> and <c>og: site-name</c> are one name to a reader.</summary>
    public static string Strip(string name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (!Separators.Contains(c, StringComparison.Ordinal))
            {
                buffer[length++] = c;
            }
        }

        return buffer[..length].ToString();
    }
}
