namespace SmoLsp.Analysis.Composition;

/// <summary>
/// Tags and templates that write head metadata for the site, modelled by the markup they write (copied from the
/// generator, keeping its conditions, so every tag it may write is present and its values are Dynamic). Composition
/// puts the model where the tag is; findings inside it are dropped (nobody can change the generator's output), but
/// "missing og:title" sees its og:title. The table in docs/engines.md lists them.
/// </summary>
internal static class HeadGenerators
{
    /// <summary>jekyll-seo-tag 2.8 (lib/template.html), without the webmaster verification tags.</summary>
    private const string JekyllSeo = """
        {% if seo_tag.title? %}<title>{{ seo_tag.title }}</title>{% endif %}
        <meta name="generator" content="Jekyll v{{ jekyll.version }}" />
        {% if seo_tag.page_title %}<meta property="og:title" content="{{ seo_tag.page_title }}" />{% endif %}
        {% if seo_tag.author.name %}<meta name="author" content="{{ seo_tag.author.name }}" />{% endif %}
        <meta property="og:locale" content="{{ seo_tag.page_locale }}" />
        {% if seo_tag.description %}<meta name="description" content="{{ seo_tag.description }}" />
        <meta property="og:description" content="{{ seo_tag.description }}" />{% endif %}
        {% if site.url %}<link rel="canonical" href="{{ seo_tag.canonical_url }}" />
        <meta property="og:url" content="{{ seo_tag.canonical_url }}" />{% endif %}
        {% if seo_tag.site_title %}<meta property="og:site_name" content="{{ seo_tag.site_title }}" />{% endif %}
        {% if seo_tag.image %}<meta property="og:image" content="{{ seo_tag.image.path }}" />
        {% if seo_tag.image.alt %}<meta property="og:image:alt" content="{{ seo_tag.image.alt }}" />{% endif %}{% endif %}
        {% if page.date %}<meta property="og:type" content="article" />
        <meta property="article:published_time" content="{{ page.date | date_to_xmlschema }}" />{% else %}<meta property="og:type" content="website" />{% endif %}
        {% if seo_tag.image %}<meta name="twitter:card" content="{{ page.twitter.card | default: site.twitter.card | default: "summary_large_image" }}" />
        <meta property="twitter:image" content="{{ seo_tag.image.path }}" />{% else %}<meta name="twitter:card" content="summary" />{% endif %}
        {% if seo_tag.page_title %}<meta property="twitter:title" content="{{ seo_tag.page_title }}" />{% endif %}
        {% if site.twitter %}<meta name="twitter:site" content="@{{ site.twitter.username | remove:'@' }}" />{% endif %}
        <script type="application/ld+json">{{ seo_tag.json_ld | jsonify }}</script>
        """;

    /// <summary>jekyll-feed's <c>{% feed_meta %}</c>.</summary>
    private const string JekyllFeedMeta = """<link type="application/atom+xml" rel="alternate" href="{{ feed_url }}" title="{{ site.title }}" />""";

    /// <summary>Hugo's internal opengraph template (0.111), without the series and video tags.</summary>
    private const string HugoOpenGraph = """
        <meta property="og:title" content="{{ .Title }}" />
        <meta property="og:description" content="{{ with .Description }}{{ . }}{{ else }}{{if .IsPage}}{{ .Summary }}{{ else }}{{ with .Site.Params.description }}{{ . }}{{ end }}{{ end }}{{ end }}" />
        <meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}" />
        <meta property="og:url" content="{{ .Permalink }}" />
        {{- with $.Params.images -}}{{- range first 6 . }}<meta property="og:image" content="{{ . | absURL }}" />{{ end -}}
        {{- else -}}{{- with $featured -}}<meta property="og:image" content="{{ $featured.Permalink }}"/>
        {{- else -}}{{- with $.Site.Params.images }}<meta property="og:image" content="{{ index . 0 | absURL }}"/>{{ end -}}{{- end -}}{{- end -}}
        {{- if .IsPage }}<meta property="article:section" content="{{ .Section }}" />{{- end -}}
        {{- with .Params.locale }}<meta property="og:locale" content="{{ . }}" />{{ end }}
        {{- with .Site.Params.title }}<meta property="og:site_name" content="{{ . }}" />{{ end }}
        """;

    /// <summary>Hugo's internal twitter_cards template (0.111).</summary>
    private const string HugoTwitterCards = """
        {{- with $.Params.images -}}<meta name="twitter:card" content="summary_large_image"/>
        <meta name="twitter:image" content="{{ index . 0 | absURL }}"/>
        {{ else -}}{{- with $featured -}}<meta name="twitter:card" content="summary_large_image"/>
        <meta name="twitter:image" content="{{ $featured.Permalink }}"/>
        {{- else -}}{{- with $.Site.Params.images -}}<meta name="twitter:card" content="summary_large_image"/>
        <meta name="twitter:image" content="{{ index . 0 | absURL }}"/>
        {{ else -}}<meta name="twitter:card" content="summary"/>{{- end -}}{{- end -}}{{- end }}
        <meta name="twitter:title" content="{{ .Title }}"/>
        <meta name="twitter:description" content="{{ with .Description }}{{ . }}{{ else }}{{if .IsPage}}{{ .Summary }}{{ else }}{{ with .Site.Params.description }}{{ . }}{{ end }}{{ end }}{{ end -}}"/>
        {{ with .Site.Social.twitter -}}<meta name="twitter:site" content="@{{ . }}"/>{{ end -}}
        """;

    /// <summary>Hugo's internal schema template (0.111): schema.org microdata as meta tags.</summary>
    private const string HugoSchema = """
        <meta itemprop="name" content="{{ .Title }}">
        <meta itemprop="description" content="{{ with .Description }}{{ . }}{{ else }}{{if .IsPage}}{{ .Summary }}{{ else }}{{ with .Site.Params.description }}{{ . }}{{ end }}{{ end }}{{ end }}">
        {{- with $.Params.images -}}{{- range first 6 . -}}<meta itemprop="image" content="{{ . | absURL }}">{{ end -}}{{- end -}}
        """;

    /// <summary>Hugo's internal Google Analytics templates: a script, no metadata.</summary>
    private const string HugoAnalytics = """<script async src="https://www.googletagmanager.com/gtag/js?id={{ site.Config.Services.GoogleAnalytics.ID }}"></script>""";

    private const string HugoGeneratorMeta = """<meta name="generator" content="Hugo {{ hugo.Version }}">""";

    /// <summary>The model of a generator slot's name (a Liquid tag, a Hugo internal template or embedded partial), or null when unknown.</summary>
    public static string? Model(string name, string arguments) => name switch
    {
        "seo" => arguments.Contains("title=false", StringComparison.Ordinal) ? JekyllSeo[(JekyllSeo.IndexOf('\n') + 1)..] : JekyllSeo,
        "feed_meta" => JekyllFeedMeta,
        "hugo.Generator" => HugoGeneratorMeta,
        _ => HugoTemplate(name),
    };

    /// <summary>
    /// Hugo's embedded templates by name: <c>_internal/opengraph.html</c> for <c>{{ template }}</c>, and (Hugo 0.120+)
    /// <c>opengraph.html</c> for <c>{{ partial }}</c> when the site has no partial of that name.
    /// </summary>
    public static string? HugoTemplate(string name)
    {
        var n = name.StartsWith("_internal/", StringComparison.Ordinal) ? name["_internal/".Length..] : name;
        if (!n.EndsWith(".html", StringComparison.Ordinal))
        {
            n += ".html";
        }

        return n switch
        {
            "opengraph.html" => HugoOpenGraph,
            "twitter_cards.html" => HugoTwitterCards,
            "schema.html" => HugoSchema,
            "google_analytics.html" or "google_analytics_async.html" or "google_news.html" => HugoAnalytics,
            "disqus.html" or "pagination.html" => string.Empty,
            _ => null,
        };
    }
}
