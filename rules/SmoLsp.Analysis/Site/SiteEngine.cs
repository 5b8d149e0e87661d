namespace SmoLsp.Analysis.Site;

/// <summary>
/// What builds a site from its templates: it decides how a page is composed (layouts, includes, blocks), which files
/// are pages and which are partials. Detected from the site's files (<see cref="SiteEngines.Detect"/>), or set with
/// <c>"engine"</c> in <c>smolsp.json</c>.
/// </summary>
public enum SiteEngine
{
    /// <summary>Plain HTML files, served as they are.</summary>
    Html,

    /// <summary>Jekyll (Liquid): <c>_layouts/</c>, <c>_includes/</c>, front matter <c>layout:</c>.</summary>
    Jekyll,

    /// <summary>Hugo (Go templates): <c>layouts/baseof.html</c>, <c>{{ define }}</c>/<c>{{ block }}</c>, <c>{{ partial }}</c>.</summary>
    Hugo,

    /// <summary>Django templates: <c>{% extends %}</c>, <c>{% block %}</c>, <c>{% include %}</c> under <c>templates/</c>.</summary>
    Django,

    /// <summary>Jinja (Flask, Sphinx themes): the same inheritance as Django.</summary>
    Jinja,

    /// <summary>Eleventy with Nunjucks (or Liquid): layouts and includes in <c>_includes/</c>, front matter <c>layout:</c>, <c>{% extends %}</c>.</summary>
    Nunjucks,

    /// <summary>ASP.NET Core Razor (<c>.cshtml</c>, <c>.razor</c>): composed by the Razor rules (docs/composition.md).</summary>
    Razor,
}

/// <summary>
/// The engine of the site a template belongs to, and the site's root folder (where <c>_layouts</c>, <c>layouts</c>,
/// <c>_includes</c> or <c>templates</c> are looked up); null when unknown.
/// </summary>
public sealed record SiteContext(SiteEngine Engine, string? Root)
{
    public static readonly SiteContext Html = new(SiteEngine.Html, null);
}
