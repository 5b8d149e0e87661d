using System.Text;
using System.Text.RegularExpressions;
using SmoLsp.Analysis.Site;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Composition;

/// <summary>
/// Builds a page's <see cref="ComposedDocument"/> the way a static-site generator or template engine renders it:
/// <list type="bullet">
/// <item>Jekyll and Eleventy: the front matter's <c>layout:</c> chain, each layout's <c>{{ content }}</c> taking the
/// page (or inner layout) body; <c>{% include %}</c> from <c>_includes/</c> (the site's, then the folders above: a
/// theme's).</item>
/// <item>Hugo: a page template made of <c>{{ define }}</c>s renders in its <c>baseof.html</c> (looked up from its folder,
/// then <c>_default/</c> and the layouts root, in the site and then its theme); <c>{{ block }}</c> and
/// <c>{{ template }}</c> take the page's define, else the base's; <c>{{ partial }}</c>/<c>partialCached</c> from
/// <c>_partials/</c> or <c>partials/</c>.</item>
/// <item>Django, Jinja, Nunjucks: the <c>{% extends %}</c> chain, every <c>{% block %}</c> rendering its most derived
/// definition (<c>{{ super() }}</c>/<c>{{ block.super }}</c> the parent's), <c>{% include %}</c>.</item>
/// <item>The page's front matter <c>title</c>, <c>description</c> and <c>image</c> feed <c>{{ page.title }}</c> (Jekyll)
/// and <c>{{ title }}</c> (Eleventy); known head generators are modelled (<see cref="HeadGenerators"/>).</item>
/// </list>
/// Returns null when there is nothing to compose or the parent cannot be found (the page is judged alone).
/// </summary>
internal sealed partial class TemplateComposer
{
    private const int MaxChain = 8;
    private const int MaxIncludeDepth = 6;
    private const int MaxComposedLength = 4_000_000;
    private const int MaxRenderDepth = 48;

    private readonly ITemplateWorkspace _workspace;
    private readonly CompositionCache _cache;
    private readonly SiteContext _site;
    private readonly TemplateFacts _page;
    private readonly List<CompositionFile> _files = [];
    private readonly List<FilledSlot> _slots = [];
    private readonly List<Expansion> _expansions = [];
    private readonly ComposedTextBuilder _out = new();
    private readonly CompositionReader _reader;
    private readonly Dictionary<string, List<(TemplateFacts Facts, TemplateBlock Block)>> _definitions = new(StringComparer.Ordinal);

    // Inner to outer: [0] is the page. ViaLayout: the file renders the one before it at {{ content }}.
    private readonly List<(TemplateFacts Facts, bool ViaLayout)> _chain = [];
    private readonly List<string> _includes = [];

    // Go defines in rendered partials are part of the template set: {{ template "x" . }} finds them after the chain's.
    private readonly List<TemplateFacts> _includedDefiners = [];
    private readonly List<(string Name, int Index)> _blocks = [];
    private List<string>? _hugoLayoutRoots;
    private bool _expanded;
    private bool _truncated;
    private int _depth;

    // True while rendering what ends up in the document's <head> (a head include, a head block), where every include
    // counts; in the body, a layout's includes are the layout's own (its analysis renders them).
    private bool _inHead;

    private TemplateComposer(TemplateFacts page, SiteContext site, ITemplateWorkspace workspace, CompositionCache cache)
    {
        _page = page;
        _site = site;
        _workspace = workspace;
        _cache = cache;
        _reader = new CompositionReader(workspace, cache, page);
    }

    public static ComposedDocument? Compose(TemplateDocument document, ParsedTemplate syntax, SiteContext site, ITemplateWorkspace workspace, CompositionCache cache)
    {
        if (site.Engine is SiteEngine.Html or SiteEngine.Razor || TemplatePath.Directory(document.Path) is null)
        {
            return null;
        }

        return new TemplateComposer(TemplateFacts.Create(document, syntax), site, workspace, cache).Run();
    }

    private ComposedDocument? Run()
    {
        _files.Add(new CompositionFile(_page.Path, CompositionRole.Page));
        _chain.Add((_page, false));
        if (!BuildChain())
        {
            return null;
        }

        // Alone, only a whole document has anything to compose: what a fragment includes is judged where it is written.
        var root = _chain[^1].Facts;
        if (_chain.Count == 1 && (!root.Template.HasExpandable || !IsDocument(root)))
        {
            return null;
        }

        Render(root, BodyRange(root), _chain.Count - 1);
        if (!_expanded || _truncated)
        {
            return null;
        }

        var composed = new TemplateDocument(_page.Path, _out.Text, _page.Language);
        return new ComposedDocument(_page.Path, composed, new SourceMap(_out.Segments), CompositionKind.Template, _files, _reader.Dependencies, _slots, _page, _reader.Sources)
        {
            Expansions = _expansions,
        };
    }

    // ------------------------------------------------------------------ the chain of layouts / base templates

    private bool BuildChain()
    {
        var current = _page;
        for (var i = 0; i < MaxChain; i++)
        {
            var template = current.Template;
            TemplateFacts? parent;
            var viaLayout = false;
            if (template.Extends is { } name)
            {
                parent = ResolveTemplate(name, current);
            }
            else if (template.ExtendsUnknown)
            {
                return false;
            }
            else if (_site.Engine == SiteEngine.Hugo && template.IsDefineOnly && current == _page)
            {
                parent = ResolveBaseOf(current);
            }
            else if (_site.Engine is SiteEngine.Jekyll or SiteEngine.Nunjucks && template.Layout is { Length: > 0 } layout)
            {
                parent = ResolveLayout(layout);
                viaLayout = true;
            }
            else
            {
                return true;
            }

            // A parent that cannot be found (or a cycle): what renders around the page is unknown.
            if (parent is null || _chain.Any(c => TemplatePath.EqualsPath(c.Facts.Path, parent.Path)))
            {
                return false;
            }

            _chain.Add((parent, viaLayout));
            _files.Add(new CompositionFile(parent.Path, CompositionRole.Layout));
            current = parent;
        }

        return false;
    }

    private static bool IsDocument(TemplateFacts facts) =>
        facts.IsDocument || facts.Syntax.Projection.ProjectedText.AsSpan(0, Math.Min(facts.Text.Length, 4096)).TrimStart().StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase)
        || facts.Template.Slots.Any(s => s.Kind is TemplateSlotKind.Include or TemplateSlotKind.Partial && s.Name.Contains("head", StringComparison.OrdinalIgnoreCase));

    // ------------------------------------------------------------------ rendering

    private static TextSpan BodyRange(TemplateFacts facts) =>
        TextSpan.FromBounds(facts.Syntax.Projection.FrontMatter?.Span.End ?? 0, facts.Text.Length);

    private void Render(TemplateFacts facts, TextSpan range, int level)
    {
        // Templates that name each other ({{ template "a" }} inside define "a", blocks calling themselves) end here.
        if (++_depth > MaxRenderDepth)
        {
            _depth--;
            Emit(facts, range.Start, range.End);
            return;
        }

        try
        {
            RenderRange(facts, range, level);
        }
        finally
        {
            _depth--;
        }
    }

    private void RenderRange(TemplateFacts facts, TextSpan range, int level)
    {
        var pos = range.Start;
        foreach (var slot in facts.Template.Slots)
        {
            if (_truncated)
            {
                return;
            }

            if (slot.Span.Start < pos || slot.Span.Start < range.Start || slot.Span.End > range.End)
            {
                continue; // before the range, or inside a slot already rendered
            }

            Emit(facts, pos, slot.Span.Start);
            if (!RenderSlot(facts, slot, level))
            {
                Emit(facts, slot.Span.Start, slot.Span.End);
            }

            pos = slot.Span.End;
        }

        Emit(facts, pos, range.End);
    }

    private void Emit(TemplateFacts facts, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        if (_out.Length + (end - start) > MaxComposedLength)
        {
            _truncated = true;
            return;
        }

        _out.Verbatim(facts, TextSpan.FromBounds(start, end));
    }

    private int LevelOf(TemplateFacts facts)
    {
        for (var i = 0; i < _chain.Count; i++)
        {
            if (_chain[i].Facts == facts)
            {
                return i;
            }
        }

        return -1;
    }

    private bool RenderSlot(TemplateFacts facts, TemplateSlot slot, int level)
    {
        var outerHead = _inHead;
        _inHead = outerHead || facts.IsHeadMarkup(slot.Span.Start);
        try
        {
            return RenderSlotCore(facts, slot, level);
        }
        finally
        {
            _inHead = outerHead;
        }
    }

    private bool RenderSlotCore(TemplateFacts facts, TemplateSlot slot, int level)
    {
        switch (slot.Kind)
        {
            case TemplateSlotKind.Content when level >= 1 && _chain[level].ViaLayout:
            {
                _expanded = true;
                var inner = _chain[level - 1].Facts;
                Render(inner, BodyRange(inner), level - 1);
                return true;
            }

            case TemplateSlotKind.Include or TemplateSlotKind.Partial:
                return RenderInclude(facts, slot);

            case TemplateSlotKind.Define:
                return true; // renders only where a block or template action names it

            case TemplateSlotKind.TemplateCall when Definitions(slot.Name) is { Count: > 0 } definitions && !_blocks.Any(b => b.Name == slot.Name):
            {
                _expanded = true;
                var (definer, block) = definitions[0];
                _blocks.Add((slot.Name, 0));
                Render(definer, block.Body, LevelOf(definer));
                _blocks.RemoveAt(_blocks.Count - 1);
                return true;
            }

            case TemplateSlotKind.Block when slot.Block is { } own:
                RenderBlock(facts, slot, own);
                return true;

            case TemplateSlotKind.Super when _blocks.Count > 0:
            {
                var (name, index) = _blocks[^1];
                var definitions = Definitions(name);
                if (index + 1 >= definitions.Count)
                {
                    return false;
                }

                _expanded = true;
                var (definer, block) = definitions[index + 1];
                _blocks.Add((name, index + 1));
                Render(definer, block.Body, LevelOf(definer));
                _blocks.RemoveAt(_blocks.Count - 1);
                return true;
            }

            case TemplateSlotKind.Value when PageValue(slot) is { } value:
                _expanded = true;
                _out.Substitute(Encode(value.Text), _page.Path, value.Span);
                return true;

            case TemplateSlotKind.Generator when HeadGenerators.Model(slot.Name, slot.Arguments) is { } model:
                _expanded = true;
                _out.Substitute(model, facts.Path, slot.Span, SegmentKind.Generated);
                return true;

            default:
                return false;
        }
    }

    /// <summary>
    /// A block renders its most derived definition. Analyzing the base template itself (nothing extends it here), the
    /// block stays a block, tags and all: pages may still fill it, so the head is open to them.
    /// </summary>
    private void RenderBlock(TemplateFacts facts, TemplateSlot slot, TemplateBlock own)
    {
        var definitions = LevelOf(facts) >= 0 ? Definitions(slot.Name) : [];
        var (definer, block) = definitions.Count > 0 ? definitions[0] : (facts, own);
        var openTag = TextSpan.FromBounds(own.Span.Start, own.Body.Start);
        if (_chain.Count == 1)
        {
            Emit(facts, openTag.Start, openTag.End);
            _blocks.Add((slot.Name, 0));
            Render(definer, block.Body, LevelOf(definer));
            _blocks.RemoveAt(_blocks.Count - 1);
            Emit(facts, own.Body.End, own.Span.End);
            return;
        }

        var start = _out.Length;
        _blocks.Add((slot.Name, 0));
        Render(definer, block.Body, LevelOf(definer));
        _blocks.RemoveAt(_blocks.Count - 1);
        if (definer != facts)
        {
            _expanded = true;
        }

        // A block in the base's head that pages may fill: the page answers for what differs per page there.
        if (facts == _chain[^1].Facts && facts.IsHeadMarkup(own.Span.Start))
        {
            _slots.Add(new FilledSlot(_page.Path, slot.Name, TextSpan.FromBounds(start, _out.Length), facts.Path, openTag, IsHeadOutlet: false));
        }
    }

    private bool RenderInclude(TemplateFacts facts, TemplateSlot slot)
    {
        // An include in an attribute or a title writes a value (a title text, a URL), not markup of the page.
        if (slot.Name.Length == 0 || _includes.Count >= MaxIncludeDepth || !facts.IsMarkup(slot.Span.Start))
        {
            return false;
        }

        // A layout's body includes (navigation, footer, scripts) are judged when the layout is analyzed as itself; a
        // page composed in it needs its head and its own content, and skipping them keeps a site's pages cheap.
        if (_chain.Count > 1 && !_inHead && LevelOf(facts) > 0)
        {
            return false;
        }

        var target = slot.Kind == TemplateSlotKind.Partial ? ResolvePartial(slot.Name) : ResolveInclude(slot.Name, facts, slot.Relative);
        if (target is null)
        {
            // Hugo's embedded partials (opengraph.html, twitter_cards.html ...) when the site has none of that name.
            if (_site.Engine == SiteEngine.Hugo && HeadGenerators.HugoTemplate(slot.Name) is { } model)
            {
                _expanded = true;
                _out.Substitute(model, facts.Path, slot.Span, SegmentKind.Generated);
                return true;
            }

            return false;
        }

        if (_includes.Contains(target.Path, StringComparer.Ordinal) || LevelOf(target) >= 0)
        {
            return false;
        }

        _expanded = true;
        if (!_files.Any(f => f.Path == target.Path))
        {
            _files.Add(new CompositionFile(target.Path, CompositionRole.Partial));
        }

        if (target.Syntax.Projection.Blocks.Count > 0 && !_includedDefiners.Contains(target))
        {
            _includedDefiners.Add(target);
            _definitions.Clear();
        }

        var start = _out.Length;
        _includes.Add(target.Path);
        Render(target, BodyRange(target), -1);
        _includes.RemoveAt(_includes.Count - 1);
        _expansions.Add(new Expansion(target.Path, facts.Path, slot.Span, TextSpan.FromBounds(start, _out.Length)));
        return true;
    }

    /// <summary>A block's definitions in the chain, the most derived (the page's) first.</summary>
    private List<(TemplateFacts Facts, TemplateBlock Block)> Definitions(string name)
    {
        if (_definitions.TryGetValue(name, out var found))
        {
            return found;
        }

        var list = new List<(TemplateFacts, TemplateBlock)>();
        foreach (var facts in _chain.Select(c => c.Facts).Concat(_includedDefiners))
        {
            foreach (var slot in facts.Template.Slots)
            {
                if (slot.Kind is TemplateSlotKind.Block or TemplateSlotKind.Define && slot.Name == name && slot.Block is { } block)
                {
                    list.Add((facts, block));
                    break;
                }
            }
        }

        _definitions[name] = list;
        return list;
    }

    /// <summary>The page's literal front matter value for a value slot: <c>page.title</c> in Jekyll, <c>title</c> in Eleventy.</summary>
    private FrontMatterValue? PageValue(TemplateSlot slot)
    {
        var key = _site.Engine switch
        {
            SiteEngine.Jekyll when slot.Name.StartsWith("page.", StringComparison.Ordinal) => slot.Name["page.".Length..],
            SiteEngine.Nunjucks when !slot.Name.StartsWith("page.", StringComparison.Ordinal) => slot.Name,
            _ => null,
        };

        // Liquid in front matter is not rendered by Jekyll, but an Eleventy computed value is: only plain text counts.
        return key is not null && _page.Syntax.Projection.FrontMatter?.Get(key) is { } value
            && !value.Text.Contains("{{", StringComparison.Ordinal) && !value.Text.Contains("{%", StringComparison.Ordinal) ? value : null;
    }

    /// <summary>Liquid and Nunjucks print the value as it is; these templates escape it (and HTML reads it back the same).</summary>
    private static string Encode(string value) => CompositionReader.Encode(value, '{');

    // ------------------------------------------------------------------ lookups

    private TemplateFacts? Load(string path) => _reader.Load(path);

    private TemplateFacts? First(IEnumerable<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Load(candidate) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The site root and the folders above it (a site inside a theme's repository uses the theme's files).</summary>
    private IEnumerable<string> SiteRoots()
    {
        var root = _site.Root ?? TemplatePath.Directory(_page.Path);
        return root is null ? [] : TemplatePath.SelfAndAncestors(root, 3);
    }

    private static IEnumerable<string> WithExtensions(string name) =>
        TemplatePath.FileName(name).Contains('.') ? [name] : [name + ".html", name + ".njk", name + ".liquid", name];

    /// <summary>Jekyll <c>_layouts/NAME.html</c>; Eleventy layouts relative to <c>_includes</c> (or <c>_layouts</c>).</summary>
    private TemplateFacts? ResolveLayout(string name) =>
        First(SiteRoots().SelectMany(root => ((string[])["_layouts", "_includes"]).SelectMany(folder => WithExtensions(TemplatePath.Combine(root, folder + "/" + name)))));

    private TemplateFacts? ResolveInclude(string name, TemplateFacts from, bool relative)
    {
        var folder = TemplatePath.Directory(from.Path)!;
        if (relative)
        {
            return Load(TemplatePath.Combine(folder, name));
        }

        return _site.Engine is SiteEngine.Jekyll or SiteEngine.Nunjucks
            ? First(SiteRoots().SelectMany(root => WithExtensions(TemplatePath.Combine(root, "_includes/" + name))))
            : ResolveTemplate(name, from);
    }

    /// <summary>
    /// Django, Jinja, Nunjucks: a name relative to the template folder (the site root: <c>templates/</c>, the Sphinx theme,
    /// Eleventy's <c>_includes</c>), then to the naming file's folder and the folders up to the root.
    /// </summary>
    private TemplateFacts? ResolveTemplate(string name, TemplateFacts from)
    {
        var candidates = new List<string>();
        var root = _site.Root;
        if (root is not null)
        {
            if (_site.Engine == SiteEngine.Nunjucks)
            {
                candidates.Add(TemplatePath.Combine(root, "_includes/" + name));
            }

            candidates.Add(TemplatePath.Combine(root, name));
        }

        foreach (var dir in TemplatePath.SelfAndAncestors(TemplatePath.Directory(from.Path)!, 4))
        {
            candidates.Add(TemplatePath.Combine(dir, name));
            if (root is not null && TemplatePath.EqualsPath(dir, root))
            {
                break;
            }
        }

        return First(candidates.Distinct(StringComparer.Ordinal));
    }

    /// <summary>Hugo's <c>layouts</c> folders in lookup order: the project's, then its themes' (named in its configuration).</summary>
    private List<string> HugoLayoutRoots()
    {
        if (_hugoLayoutRoots is not null)
        {
            return _hugoLayoutRoots;
        }

        var roots = new List<string>();
        if (_site.Root is { } root)
        {
            var project = root;
            var parent = TemplatePath.Directory(root);
            if (parent is not null && TemplatePath.FileName(parent) == "themes" && TemplatePath.Directory(parent) is { } above)
            {
                project = above; // the template is a theme's: the project's own layouts come first
                roots.Add(TemplatePath.Combine(project, "layouts"));
            }

            roots.Add(TemplatePath.Combine(root, "layouts"));
            foreach (var theme in HugoThemes(project))
            {
                var themeLayouts = TemplatePath.Combine(project, "themes/" + theme + "/layouts");
                if (!roots.Contains(themeLayouts, StringComparer.Ordinal))
                {
                    roots.Add(themeLayouts);
                }
            }
        }

        return _hugoLayoutRoots = roots;
    }

    /// <summary>The <c>theme</c> setting of the project's configuration (TOML or YAML; a string or a list).</summary>
    private IEnumerable<string> HugoThemes(string project)
    {
        foreach (var file in (string[])["hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml"])
        {
            if (_workspace.GetTemplate(TemplatePath.Combine(project, file)) is not { } config)
            {
                continue;
            }

            _reader.Dependencies.Add(TemplatePath.Combine(project, file));
            var m = ThemeSetting().Match(config.Text);
            if (!m.Success)
            {
                return [];
            }

            return QuotedOrBare().Matches(m.Groups["v"].Value).Cast<Match>().Select(x => x.Value.Trim('"', '\'', ' ')).Where(t => t.Length > 0 && !t.Contains('/')).Take(4).ToList();
        }

        return [];
    }

    [GeneratedRegex(@"(?m)^theme\s*[=:]\s*(?<v>.+)$")]
    private static partial Regex ThemeSetting();

    [GeneratedRegex(@"""[^""]+""|'[^']+'|[\w.-]+")]
    private static partial Regex QuotedOrBare();

    private TemplateFacts? ResolvePartial(string name)
    {
        string[] files = TemplatePath.FileName(name).Contains('.') ? [name] : [name + ".html", name + ".htm"];
        return First(HugoLayoutRoots().SelectMany(root => ((string[])["_partials/", "partials/"]).SelectMany(folder => files.Select(file => TemplatePath.Combine(root, folder + file)))));
    }

    /// <summary>
    /// Hugo's base template for a page template: <c>NAME-baseof.html</c> and <c>baseof.html</c> in its folder and the
    /// folders up to <c>layouts</c>, then <c>_default/</c>; in the project, then in its themes.
    /// </summary>
    private TemplateFacts? ResolveBaseOf(TemplateFacts page)
    {
        var folder = TemplatePath.Directory(page.Path)!;
        var relative = new List<string>();
        for (var dir = folder; dir is not null; dir = TemplatePath.Directory(dir))
        {
            if (TemplatePath.FileName(dir) == "layouts")
            {
                break;
            }

            relative.Insert(0, TemplatePath.FileName(dir));
        }

        var name = TemplatePath.FileNameWithoutExtension(page.Path);
        var dot = name.IndexOf('.');
        var kind = dot > 0 ? name[..dot] : name;
        var candidates = new List<string>();
        foreach (var root in HugoLayoutRoots())
        {
            for (var depth = relative.Count; depth >= 0; depth--)
            {
                var dir = depth == 0 ? root : TemplatePath.Combine(root, string.Join('/', relative.Take(depth)));
                candidates.Add(TemplatePath.Combine(dir, kind + "-baseof.html"));
                candidates.Add(TemplatePath.Combine(dir, "baseof.html"));
            }

            candidates.Add(TemplatePath.Combine(root, "_default/" + kind + "-baseof.html"));
            candidates.Add(TemplatePath.Combine(root, "_default/baseof.html"));
        }

        return First(candidates.Distinct(StringComparer.Ordinal).Where(c => !TemplatePath.EqualsPath(c, page.Path)));
    }
}
