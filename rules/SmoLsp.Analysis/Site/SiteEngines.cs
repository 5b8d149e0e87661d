using System.Collections.Concurrent;
using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Site;

/// <summary>
/// Names the engines for configuration, and detects the engine of a template's site from its markers:
/// <list type="table">
/// <item><term>Jekyll</term><description><c>_config.yml</c>, <c>_layouts/</c>, <c>_includes/</c>, or front matter</description></item>
/// <item><term>Hugo</term><description><c>hugo.toml</c>/<c>hugo.yaml</c>/<c>config.toml</c> with <c>layouts/</c>, or a template under <c>layouts/</c></description></item>
/// <item><term>Django / Jinja</term><description>a template under <c>templates/</c>, a Sphinx <c>theme.conf</c>, or <c>{% extends %}</c></description></item>
/// <item><term>Eleventy (Nunjucks)</term><description><c>.njk</c> files, <c>.eleventy.js</c>/<c>eleventy.config.*</c></description></item>
/// </list>
/// The folders in the template's own path are read first (no file system question); markers in the folders above are
/// asked of the workspace only for templates that use template syntax, so a plain HTML site costs nothing.
/// </summary>
public static class SiteEngines
{
    private const int MaxAncestors = 6;

    private static readonly (string Name, SiteEngine Engine)[] s_names =
    [
        ("jekyll", SiteEngine.Jekyll), ("hugo", SiteEngine.Hugo), ("django", SiteEngine.Django), ("jinja", SiteEngine.Jinja),
        ("nunjucks", SiteEngine.Nunjucks), ("razor", SiteEngine.Razor), ("html", SiteEngine.Html),
    ];

    /// <summary>The values <c>"engine"</c> accepts in <c>smolsp.json</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_names.Select(n => n.Name)];

    public static bool TryParse(string text, out SiteEngine engine)
    {
        foreach (var (name, value) in s_names)
        {
            if (name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                engine = value;
                return true;
            }
        }

        engine = SiteEngine.Html;
        return false;
    }

    public static string Name(SiteEngine engine) => s_names.First(n => n.Engine == engine).Name;

    /// <summary>The engine and root of the site <paramref name="document"/> belongs to.</summary>
    public static SiteContext Detect(TemplateDocument document, ParsedTemplate syntax, SmoLspConfiguration configuration, ITemplateWorkspace workspace) =>
        Detect(document, syntax, configuration, workspace, null);

    /// <summary>
    /// As above, remembering what each folder's markers say in <paramref name="markers"/> (the engine keeps one for its
    /// lifetime), so the pages of a folder ask the workspace once. A marker created later is seen by a new engine.
    /// </summary>
    internal static SiteContext Detect(TemplateDocument document, ParsedTemplate syntax, SmoLspConfiguration configuration, ITemplateWorkspace workspace, ConcurrentDictionary<string, MarkerResult>? markers)
    {
        if (document.Language.IsRazor())
        {
            return new SiteContext(SiteEngine.Razor, null);
        }

        var configured = configuration.Engine;
        if (configured is SiteEngine.Html or SiteEngine.Razor)
        {
            return SiteContext.Html;
        }

        var folder = TemplatePath.Directory(document.Path);
        var projection = syntax.Projection;

        if (folder is null)
        {
            return configured is { } e ? new SiteContext(e, null) : SiteContext.Html;
        }

        // The template's own folders cost nothing to read; markers above are asked for only when the file has template
        // syntax or front matter (without it, a file outside the engine's folders is served as it is).
        var detected = FromPath(document, syntax, folder, workspace, markers);
        if (detected is null && (projection.Tags.Count > 0 || projection.FrontMatter is not null) && workspace is not EmptyWorkspace)
        {
            detected = FromMarkers(document, syntax, folder, workspace, markers) ?? FromContent(document, syntax, folder);
        }

        if (configured is { } forced)
        {
            return new SiteContext(forced, detected?.Root ?? (configuration.SourcePath is { } source ? TemplatePath.Directory(source) : folder));
        }

        return detected ?? SiteContext.Html;
    }

    /// <summary>The conventional folders in the template's own path: <c>_layouts</c>/<c>_includes</c>, <c>layouts</c>, <c>templates</c>.</summary>
    private static SiteContext? FromPath(TemplateDocument document, ParsedTemplate syntax, string folder, ITemplateWorkspace workspace, ConcurrentDictionary<string, MarkerResult>? markers)
    {
        var current = folder;
        for (var i = 0; i < 12 && current is not null; i++)
        {
            var name = TemplatePath.FileName(current);
            var parent = TemplatePath.Directory(current);
            switch (name)
            {
                case "_layouts" or "_includes" when parent is not null:
                    return new SiteContext(IsEleventy(document, parent, workspace, markers) ? SiteEngine.Nunjucks : SiteEngine.Jekyll, parent);
                case "layouts" when parent is not null:
                    return new SiteContext(UsesInheritance(syntax) && !UsesGoActions(syntax) ? JinjaOrDjango(syntax, django: false) : SiteEngine.Hugo, parent);
                case "templates":
                    return new SiteContext(UsesGoActions(syntax) ? SiteEngine.Hugo : JinjaOrDjango(syntax, django: true), current);
            }

            current = parent;
        }

        return null;
    }

    /// <summary>Marker files and folders in the template's folder and the folders above it.</summary>
    private static SiteContext? FromMarkers(TemplateDocument document, ParsedTemplate syntax, string folder, ITemplateWorkspace workspace, ConcurrentDictionary<string, MarkerResult>? markers)
    {
        var dir = folder;
        for (var i = 0; i < MaxAncestors && dir is not null; i++)
        {
            var found = Markers(workspace, dir, markers);
            if (found == MarkerResult.Jekyll)
            {
                return new SiteContext(document.Language == TemplateLanguage.Nunjucks ? SiteEngine.Nunjucks : SiteEngine.Jekyll, dir);
            }

            if (found == MarkerResult.Eleventy)
            {
                return new SiteContext(SiteEngine.Nunjucks, dir);
            }

            if (found == MarkerResult.Hugo)
            {
                return new SiteContext(SiteEngine.Hugo, dir);
            }

            if (found == MarkerResult.SphinxTheme)
            {
                return new SiteContext(SiteEngine.Jinja, dir);
            }

            dir = TemplatePath.Directory(dir);
        }

        return null;
    }

    /// <summary>What a folder's own markers say, asked once per folder when the engine keeps a cache.</summary>
    private static MarkerResult Markers(ITemplateWorkspace workspace, string dir, ConcurrentDictionary<string, MarkerResult>? markers) =>
        markers is null ? MarkersOf(workspace, dir) : markers.GetOrAdd(dir, d => MarkersOf(workspace, d));

    /// <summary>The engine a folder's own markers name.</summary>
    private static MarkerResult MarkersOf(ITemplateWorkspace workspace, string dir)
    {
        if (Any(workspace, dir, ".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"))
        {
            return MarkerResult.Eleventy;
        }

        if (Any(workspace, dir, "_config.yml", "_config.yaml", "_config.toml", "_layouts", "_includes"))
        {
            return MarkerResult.Jekyll;
        }

        if (Any(workspace, dir, "hugo.toml", "hugo.yaml", "hugo.json") || (Any(workspace, dir, "config.toml") && Any(workspace, dir, "layouts")))
        {
            return MarkerResult.Hugo;
        }

        return Any(workspace, dir, "theme.conf", "theme.toml") ? MarkerResult.SphinxTheme : MarkerResult.None;
    }

    /// <summary>No marker: what the template itself uses.</summary>
    private static SiteContext? FromContent(TemplateDocument document, ParsedTemplate syntax, string folder)
    {
        if (document.Language == TemplateLanguage.Nunjucks)
        {
            return new SiteContext(SiteEngine.Nunjucks, folder);
        }

        if (UsesGoActions(syntax))
        {
            return new SiteContext(SiteEngine.Hugo, null);
        }

        if (UsesInheritance(syntax))
        {
            return new SiteContext(JinjaOrDjango(syntax, django: false), folder);
        }

        return syntax.Projection.FrontMatter is not null ? new SiteContext(SiteEngine.Jekyll, folder) : null;
    }

    private static bool IsEleventy(TemplateDocument document, string root, ITemplateWorkspace workspace, ConcurrentDictionary<string, MarkerResult>? markers) =>
        document.Language == TemplateLanguage.Nunjucks
        || Markers(workspace, root, markers) == MarkerResult.Eleventy;

    private static bool Any(ITemplateWorkspace workspace, string dir, params string[] names)
    {
        if (workspace is EmptyWorkspace)
        {
            return false;
        }

        var separator = TemplatePath.SeparatorOf(dir);
        var prefix = dir.Length > 0 && dir[^1] is '/' or '\\' ? dir : dir + separator;
        foreach (var name in names)
        {
            if (workspace.Exists(prefix + name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool UsesGoActions(ParsedTemplate syntax)
    {
        foreach (var tag in syntax.Projection.Tags)
        {
            if (tag.Kind == TemplateTagKind.Output && tag.Keyword is "define" or "block" or "partial" or "partialCached" or "template" or "end")
            {
                return true;
            }
        }

        return false;
    }

    private static bool UsesInheritance(ParsedTemplate syntax)
    {
        foreach (var tag in syntax.Projection.Tags)
        {
            if (tag.Kind == TemplateTagKind.Statement && tag.Keyword is "extends" or "block")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Django loads tag libraries (<c>{% load %}</c>); Jinja has <c>set</c>, <c>macro</c>, <c>super()</c> and whitespace control.</summary>
    private static SiteEngine JinjaOrDjango(ParsedTemplate syntax, bool django)
    {
        var text = syntax.Source.Text;
        foreach (var tag in syntax.Projection.Tags)
        {
            if (tag.Kind == TemplateTagKind.Statement && tag.Keyword == "load")
            {
                return SiteEngine.Django;
            }

            if ((tag.Kind == TemplateTagKind.Statement && tag.Keyword is "set" or "macro" or "import" or "from")
                || (tag.Span.Length > 2 && text[tag.Span.Start + 2] == '-')
                || text.AsSpan(tag.Expression.Start, tag.Expression.Length).StartsWith("super()"))
            {
                return SiteEngine.Jinja;
            }
        }

        return django ? SiteEngine.Django : SiteEngine.Jinja;
    }
}

/// <summary>
/// What one folder's marker files say (<see cref="SiteEngines"/>): one instance per answer. Not an enum: the engine's
/// per-folder cache of an enum is framework code that ReadyToRun cannot precompile, so every run compiled it at start.
/// </summary>
internal sealed class MarkerResult
{
    public static readonly MarkerResult None = new(), Jekyll = new(), Eleventy = new(), Hugo = new(), SphinxTheme = new();

    private MarkerResult()
    {
    }
}
