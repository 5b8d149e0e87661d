using System.Text;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Composition;

/// <summary>
/// Builds a page's <see cref="ComposedDocument"/> the way ASP.NET Core renders it. MVC / Razor Pages: the nearest
/// <c>_ViewStart.cshtml</c> (or the page itself) picks the layout, names resolve through the view engine's search
/// locations, layouts nest, <c>RenderSection</c> takes the inner file's <c>@section</c>, <c>RenderBody</c> its other
/// markup, and <c>@ViewData["Key"]</c> the last static literal assigned to the key. Blazor: the host document's
/// <c>&lt;HeadOutlet&gt;</c> takes the last <c>&lt;PageTitle&gt;</c> and <c>&lt;HeadContent&gt;</c> rendered (page over
/// layouts) and <c>&lt;Routes&gt;</c> the layouts around the page. Returns null when there is nothing to compose or
/// composition is impossible (a layout that cannot be found, one chosen by an expression): the page is then judged alone.
/// </summary>
internal sealed class Composer
{
    private const int MaxLayouts = 8;
    private const int MaxPartialDepth = 4;

    private readonly ITemplateWorkspace _workspace;
    private readonly CompositionCache _cache;
    private readonly TemplateFacts _page;
    private readonly List<CompositionFile> _files = [];
    private readonly List<FilledSlot> _slots = [];
    private readonly Dictionary<string, (string? Value, string Path, TextSpan Span)> _viewData = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<(string Path, int Start)> _renderedSections = [];
    private readonly HashSet<string> _renderedBodies = new(StringComparer.Ordinal);
    private readonly ComposedTextBuilder _out;
    private readonly CompositionReader _reader;

    // Inner to outer: [0] is the page; MVC layouts follow; for Blazor the layouts, then the host.
    private readonly List<TemplateFacts> _chain = [];
    private CompositionKind _kind;
    private bool _expanded;

    private Composer(TemplateFacts page, ITemplateWorkspace workspace, CompositionCache cache)
    {
        _page = page;
        _workspace = workspace;
        _cache = cache;
        _out = new ComposedTextBuilder();
        _reader = new CompositionReader(workspace, cache, page);
    }

    public static ComposedDocument? Compose(TemplateDocument document, ParsedTemplate syntax, ITemplateWorkspace workspace, CompositionCache cache)
    {
        // Without a folder (an untitled editor buffer) there is nowhere to look for a layout.
        if (!document.Language.IsRazor() || TemplatePath.Directory(document.Path) is null)
        {
            return null;
        }

        var name = TemplatePath.FileName(document.Path);
        if (name.Equals("_ViewImports.cshtml", StringComparison.OrdinalIgnoreCase) || name.Equals("_ViewStart.cshtml", StringComparison.OrdinalIgnoreCase)
            || name.Equals("_Imports.razor", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var composer = new Composer(TemplateFacts.Create(document, syntax), workspace, cache);
        return composer.Run();
    }

    private ComposedDocument? Run()
    {
        _files.Add(new CompositionFile(_page.Path, CompositionRole.Page));
        _chain.Add(_page);
        bool ok;
        if (_page.Language == TemplateLanguage.Razor)
        {
            _kind = CompositionKind.Blazor;
            ok = _page.HasPageDirective && !_page.IsDocument ? BuildBlazorChain()
                : IsBlazorHost(_page) && BuildHostChain();
        }
        else
        {
            _kind = CompositionKind.Mvc;
            ok = BuildMvcChain();
        }

        if (!ok)
        {
            return null;
        }

        var outer = _chain[^1];
        RenderFile(outer, _chain.Count - 1, new TextSpan(0, outer.Text.Length), ExcludedSpans(outer), []);
        AppendUnrendered();
        if (!_expanded)
        {
            return null;
        }

        var text = _out.Text;
        var composed = new TemplateDocument(_page.Path, text, _page.Language);
        return new ComposedDocument(_page.Path, composed, new SourceMap(_out.Segments), _kind, _files, _reader.Dependencies, _slots, _page, _reader.Sources);
    }

    // ------------------------------------------------------------------ MVC and Razor Pages

    private bool BuildMvcChain()
    {
        var locations = RazorLocations.Of(_page.Path);
        var setting = _page.Layout;
        var viewStarts = new List<TemplateFacts>();

        // _ViewStart runs for views and pages, not for layouts and partials; a page with its own <html> is a document.
        var isPartial = TemplatePath.FileName(_page.Path).StartsWith('_') || IsViewComponent(_page.Path)
            || (locations.Kind == RazorFolderKind.Pages && !_page.HasPageDirective)
            || (IsInSharedFolder(_page.Path) && !_page.HasPageDirective && _page.Sections.Count == 0 && !SetsTitle(_page));
        if (!_page.IsLayout && !isPartial && !_page.IsDocument)
        {
            foreach (var folder in locations.ViewStartFolders(TemplatePath.Directory(_page.Path)))
            {
                if (Load(TemplatePath.Combine(folder, "_ViewStart.cshtml")) is { } viewStart)
                {
                    viewStarts.Add(viewStart);
                    if (setting.Kind == LayoutSettingKind.NotSet && viewStart.Layout.Kind != LayoutSettingKind.NotSet)
                    {
                        setting = viewStart.Layout;
                    }
                }
            }
        }

        // ViewData assignments execute outer _ViewStart first, then the page, then each layout.
        for (var i = viewStarts.Count - 1; i >= 0; i--)
        {
            _files.Add(new CompositionFile(viewStarts[i].Path, CompositionRole.ViewStart));
            AddViewData(viewStarts[i]);
        }

        AddViewData(_page);
        if (_page.IsDocument && setting.Kind != LayoutSettingKind.Named)
        {
            // A whole document: composition only expands its head partials.
            return setting.Kind != LayoutSettingKind.Unknown;
        }

        var executing = _page;
        while (setting.Kind == LayoutSettingKind.Named)
        {
            if (_chain.Count > MaxLayouts || ResolveView(setting.Name!, executing.Path) is not { } layout
                || _chain.Any(c => TemplatePath.EqualsPath(c.Path, layout.Path)))
            {
                return false;
            }

            _chain.Add(layout);
            _files.Add(new CompositionFile(layout.Path, CompositionRole.Layout));
            AddViewData(layout);
            executing = layout;
            setting = layout.Layout;
        }

        // Layout chosen by an expression: which file renders is unknown. A page with no layout has nothing to compose
        // unless it is a whole document with head partials.
        return setting.Kind != LayoutSettingKind.Unknown && (_chain.Count > 1 || _page.IsDocument);
    }

    /// <summary>
    /// Views/Shared holds partials as well as shared views; which ones <c>&lt;partial&gt;</c> renders is known only from
    /// their callers, so a view there that neither sets a title nor defines a section is taken for a partial (heuristic:
    /// <c>Error.cshtml</c> sets its title, <c>LoginPartial.cshtml</c> does not).
    /// </summary>
    private static bool IsInSharedFolder(string path) => TemplatePath.Directory(path) is { } folder && TemplatePath.FileName(folder) == "Shared";

    private static bool SetsTitle(TemplateFacts facts) => facts.ViewData.Any(a => a.Key.Equals("Title", StringComparison.OrdinalIgnoreCase));

    private static bool IsViewComponent(string path) => path.Replace('\\', '/').Contains("/Components/", StringComparison.Ordinal)
        && path.Replace('\\', '/').Contains("/Shared/", StringComparison.Ordinal);

    private void AddViewData(TemplateFacts facts)
    {
        foreach (var a in facts.ViewData)
        {
            _viewData[a.Key] = (a.Value, facts.Path, a.ValueSpan);
        }
    }

    /// <summary>Finds a layout or partial the way the Razor view engine does, from the file that names it.</summary>
    private TemplateFacts? ResolveView(string name, string executingPath)
    {
        foreach (var candidate in ViewCandidates(name, executingPath))
        {
            if (Load(candidate) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private List<string> ViewCandidates(string name, string executingPath)
    {
        var result = new List<string>();
        var executingFolder = TemplatePath.Directory(executingPath) ?? string.Empty;
        var locations = RazorLocations.Of(executingPath);
        var pageLocations = RazorLocations.Of(_page.Path);
        var appRoot = locations.AppRoot ?? pageLocations.AppRoot;
        if (name.StartsWith("~/", StringComparison.Ordinal) || name.StartsWith('/'))
        {
            var relative = name.TrimStart('~').TrimStart('/');
            if (appRoot is not null)
            {
                result.Add(WithExtension(TemplatePath.Combine(appRoot, relative)));
            }

            return result;
        }

        if (name.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase))
        {
            // A relative path: from the folder of the file that names it.
            result.Add(TemplatePath.Combine(executingFolder, name));
            return result;
        }

        var file = name + ".cshtml";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in locations.SearchFolders(executingFolder).Concat(pageLocations.SearchFolders(TemplatePath.Directory(_page.Path) ?? string.Empty)))
        {
            var candidate = TemplatePath.Combine(folder, file);
            if (seen.Add(candidate))
            {
                result.Add(candidate);
            }
        }

        return result;
    }

    private static string WithExtension(string path) =>
        path.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase) ? path : path + ".cshtml";

    // ------------------------------------------------------------------ Blazor

    private bool BuildBlazorChain()
    {
        var pageFolder = TemplatePath.Directory(_page.Path);
        if (pageFolder is null || FindBlazorHost(pageFolder) is not { } found)
        {
            return false;
        }

        var (host, projectRoot, routes) = found;
        string? layoutType = _page.LayoutDirective;
        if (layoutType is null)
        {
            // _Imports.razor files apply from the project root down to the page's folder; the nearest @layout wins.
            foreach (var folder in TemplatePath.SelfAndAncestors(pageFolder, 16))
            {
                if (Load(TemplatePath.Combine(folder, "_Imports.razor")) is { LayoutDirective: { } imported } imports)
                {
                    _files.Add(new CompositionFile(imports.Path, CompositionRole.Configuration));
                    layoutType = imported;
                    break;
                }

                if (TemplatePath.EqualsPath(folder, projectRoot))
                {
                    break;
                }
            }
        }

        layoutType ??= routes?.DefaultLayout;
        var executing = _page;
        while (layoutType is not null)
        {
            if (_chain.Count > MaxLayouts || ResolveComponent(layoutType, projectRoot, TemplatePath.Directory(executing.Path)!) is not { } layout
                || _chain.Any(c => TemplatePath.EqualsPath(c.Path, layout.Path)))
            {
                // A layout that cannot be found still leaves the head composable: the host and the page decide it.
                break;
            }

            _chain.Add(layout);
            _files.Add(new CompositionFile(layout.Path, CompositionRole.Layout));
            executing = layout;
            layoutType = layout.LayoutDirective;
        }

        _chain.Add(host);
        _files.Add(new CompositionFile(host.Path, CompositionRole.Host));
        return true;
    }

    private static bool IsBlazorHost(TemplateFacts facts) =>
        facts.IsDocument && facts.Slots.Any(s => s.Kind == SlotKind.HeadOutlet) && facts.Slots.Any(s => s.Kind == SlotKind.Routes);

    /// <summary>
    /// App.razor analyzed as itself: its <c>&lt;Routes /&gt;</c> renders the router's default layout (with no page in
    /// it), so site-wide findings about the body (profile links in the layout's footer) are judged where the site's
    /// markup is. Its HeadOutlet stays open: what pages put there is theirs.
    /// </summary>
    private bool BuildHostChain()
    {
        var folder = TemplatePath.Directory(_page.Path)!;
        var routes = _page.DefaultLayout is not null ? _page : Load(TemplatePath.Combine(folder, "Routes.razor"));
        if (routes?.DefaultLayout is not { } layoutType)
        {
            return false;
        }

        if (routes != _page)
        {
            _files.Add(new CompositionFile(routes.Path, CompositionRole.Configuration));
        }

        _chain.Clear();
        var from = folder;
        while (layoutType is not null && _chain.Count < MaxLayouts
            && ResolveComponent(layoutType, folder, from) is { } layout && !_chain.Any(c => TemplatePath.EqualsPath(c.Path, layout.Path)))
        {
            _chain.Insert(0, layout);
            _files.Add(new CompositionFile(layout.Path, CompositionRole.Layout));
            from = TemplatePath.Directory(layout.Path)!;
            layoutType = layout.LayoutDirective;
        }

        _chain.Add(_page);
        return _chain.Count > 1;
    }

    /// <summary>
    /// The document that holds the HeadOutlet, searched upward from the page: <c>Components/App.razor</c> (.NET 8+),
    /// <c>App.razor</c>, <c>Pages/_Host.cshtml</c> and its <c>_Layout.cshtml</c> (Blazor Server 6/7). Stops at the
    /// project folder (one holding <c>&lt;folder name&gt;.csproj</c>). A WebAssembly app (a router-only App.razor and
    /// wwwroot/index.html) has none on purpose: its PageTitle and HeadContent exist only after the app runs in the
    /// browser, and share crawlers do not run it; they read index.html, which is checked as the HTML document it is.
    /// </summary>
    private (TemplateFacts Host, string ProjectRoot, TemplateFacts? Routes)? FindBlazorHost(string pageFolder)
    {
        TemplateFacts? routes = null;
        foreach (var folder in TemplatePath.SelfAndAncestors(pageFolder, 12))
        {
            foreach (var relative in (string[])["Components/App.razor", "App.razor", "Pages/_Host.cshtml", "Pages/_Layout.cshtml", "Pages/Shared/_Layout.cshtml"])
            {
                if (Load(TemplatePath.Combine(folder, relative)) is not { } candidate)
                {
                    continue;
                }

                // The router (with DefaultLayout) sits in App.razor, or in Routes.razor next to it (.NET 8+).
                if (routes is null)
                {
                    routes = candidate.DefaultLayout is not null ? candidate
                        : Load(TemplatePath.Combine(TemplatePath.Directory(candidate.Path)!, "Routes.razor")) is { DefaultLayout: not null } r ? r : null;
                    if (routes is not null && routes != candidate)
                    {
                        _files.Add(new CompositionFile(routes.Path, CompositionRole.Configuration));
                    }
                }

                if (candidate.Slots.Any(s => s.Kind == SlotKind.HeadOutlet))
                {
                    return (candidate, folder, routes);
                }
            }

            if (_workspace.Exists(TemplatePath.Combine(folder, TemplatePath.FileName(folder) + ".csproj")))
            {
                break;
            }
        }

        return null;
    }

    /// <summary>A component type name (<c>MainLayout</c>, <c>Layout.MainLayout</c>, <c>App.Shared.MainLayout</c>) to its file.</summary>
    private TemplateFacts? ResolveComponent(string typeName, string projectRoot, string fromFolder)
    {
        var parts = typeName.Split('.').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        if (parts.Length == 0)
        {
            return null;
        }

        var file = parts[^1] + ".razor";
        var candidates = new List<string> { TemplatePath.Combine(fromFolder, file) };

        // Namespaces follow folders: "Layout.MainLayout" is <root>/Layout or <root>/Components/Layout.
        for (var skip = 0; skip < parts.Length - 1; skip++)
        {
            var folders = string.Join("/", parts, skip, parts.Length - 1 - skip);
            candidates.Add(TemplatePath.Combine(projectRoot, folders + "/" + file));
            candidates.Add(TemplatePath.Combine(projectRoot, "Components/" + folders + "/" + file));
        }

        foreach (var folder in (string[])["Shared", "Layout", "Components/Layout", "Components/Shared", "Components", "Pages", string.Empty])
        {
            candidates.Add(TemplatePath.Combine(projectRoot, folder.Length == 0 ? file : folder + "/" + file));
        }

        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            if (Load(candidate) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    // ------------------------------------------------------------------ rendering

    /// <summary>Spans of a file that render somewhere other than in place: sections, and Blazor head components.</summary>
    private IReadOnlyList<TextSpan> ExcludedSpans(TemplateFacts facts)
    {
        var spans = new List<TextSpan>();
        if (_kind == CompositionKind.Mvc || facts.Language == TemplateLanguage.Cshtml)
        {
            spans.AddRange(facts.Sections.Select(s => s.Span));
        }

        if (_kind == CompositionKind.Blazor && facts.Language == TemplateLanguage.Razor && facts != _chain[^1])
        {
            spans.AddRange(facts.PageTitles.Select(e => e.Span));
            spans.AddRange(facts.HeadContents.Select(e => e.Span));
        }

        spans.Sort();
        return spans;
    }

    private void RenderFile(TemplateFacts facts, int level, TextSpan range, IReadOnlyList<TextSpan> excluded, List<string> partials)
    {
        var pos = range.Start;
        foreach (var slot in facts.Slots)
        {
            if (slot.Span.Start < pos || !range.Contains(slot.Span) || excluded.Any(x => x.OverlapsWith(slot.Span) || x.Contains(slot.Span)))
            {
                continue;
            }

            Emit(facts, pos, slot.Span.Start, excluded);
            if (!RenderSlot(facts, level, slot, partials))
            {
                Emit(facts, slot.Span.Start, slot.Span.End, excluded);
            }

            pos = slot.Span.End;
        }

        Emit(facts, pos, range.End, excluded);
    }

    private bool RenderSlot(TemplateFacts facts, int level, Slot slot, List<string> partials)
    {
        var inner = level >= 1 && level < _chain.Count && _chain[level] == facts ? _chain[level - 1] : null;
        switch (slot.Kind)
        {
            case SlotKind.RenderBody or SlotKind.LayoutBody or SlotKind.Routes when inner is not null:
                _expanded = true;
                _renderedBodies.Add(inner.Path);
                RenderFile(inner, level - 1, new TextSpan(0, inner.Text.Length), ExcludedSpans(inner), partials);
                return true;

            case SlotKind.RenderSection when inner is not null && _kind == CompositionKind.Mvc:
            {
                _expanded = true;
                var start = _out.Length;
                var section = inner.Sections.LastOrDefault(s => s.Name.Equals(slot.Name, StringComparison.OrdinalIgnoreCase));
                if (section is not null)
                {
                    _renderedSections.Add((inner.Path, section.Span.Start));
                    RenderFile(inner, level - 1, section.Body, [], partials);
                }

                _slots.Add(new FilledSlot(inner.Path, slot.Name, TextSpan.FromBounds(start, _out.Length), facts.Path, slot.Span, IsHeadOutlet: false));
                return true;
            }

            case SlotKind.ViewData when _kind == CompositionKind.Mvc && _viewData.TryGetValue(slot.Name, out var value) && value.Value is not null:
                _expanded = true;
                _out.Substitute(EncodeForRazor(value.Value), value.Path, value.Span);
                return true;

            case SlotKind.Partial when partials.Count < MaxPartialDepth:
            {
                if (ResolveView(slot.Name, facts.Path) is not { } partial || partials.Contains(partial.Path) || _chain.Contains(partial))
                {
                    return false;
                }

                _expanded = true;
                _files.Add(new CompositionFile(partial.Path, CompositionRole.Partial));
                partials.Add(partial.Path);
                RenderFile(partial, -1, new TextSpan(0, partial.Text.Length), [], partials);
                partials.RemoveAt(partials.Count - 1);
                return true;
            }

            case SlotKind.HeadOutlet when _kind == CompositionKind.Blazor && _page != facts:
            {
                _expanded = true;
                var start = _out.Length;

                // The last <PageTitle> and <HeadContent> rendered win, and the page renders after its layouts.
                var title = _chain.Take(_chain.Count - 1).FirstOrDefault(c => c.PageTitles.Count > 0);
                if (title is not null)
                {
                    _out.Verbatim(title, title.PageTitles[^1].Span);
                }

                var head = _chain.Take(_chain.Count - 1).FirstOrDefault(c => c.HeadContents.Count > 0);
                if (head is not null)
                {
                    _out.Verbatim(head, head.HeadContents[^1].Span);
                }

                _slots.Add(new FilledSlot(_page.Path, string.Empty, TextSpan.FromBounds(start, _out.Length), facts.Path, slot.Span, IsHeadOutlet: true));
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Sections nobody rendered and bodies without RenderBody still count: their tags go at the end, so no rule misses them.</summary>
    private void AppendUnrendered()
    {
        for (var i = 0; i < _chain.Count - 1; i++)
        {
            var facts = _chain[i];
            if (_kind == CompositionKind.Mvc && !_renderedBodies.Contains(facts.Path))
            {
                _expanded = true;
                RenderFile(facts, i, new TextSpan(0, facts.Text.Length), ExcludedSpans(facts), []);
            }

            foreach (var section in facts.Sections)
            {
                if (facts.Language == TemplateLanguage.Cshtml && _renderedSections.Add((facts.Path, section.Span.Start)))
                {
                    RenderFile(facts, i, section.Body, [], []);
                }
            }
        }
    }

    private void Emit(TemplateFacts facts, int start, int end, IReadOnlyList<TextSpan> excluded)
    {
        var pos = start;
        foreach (var x in excluded)
        {
            if (x.End <= pos || x.Start >= end)
            {
                continue;
            }

            if (x.Start > pos)
            {
                _out.Verbatim(facts, TextSpan.FromBounds(pos, x.Start));
            }

            pos = Math.Max(pos, x.End);
        }

        if (end > pos)
        {
            _out.Verbatim(facts, TextSpan.FromBounds(pos, end));
        }
    }

    /// <summary>Razor HTML-encodes <c>@ViewData["Title"]</c>; <c>@</c> is written as a character reference so it is text, not a transition.</summary>
    internal static string EncodeForRazor(string value) => CompositionReader.Encode(value, '@');

    private TemplateFacts? Load(string path) => _reader.Load(path);
}
