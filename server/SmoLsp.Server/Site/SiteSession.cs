using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Site;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Site.Web;

namespace SmoLsp.Server.Site;

/// <summary>
/// The one place that knows about a site on disk, shared by every host (<c>check</c>, <c>check --watch</c>, the language
/// server): which files are pages (<see cref="SiteWalker"/>, <see cref="IgnoreRules"/>, include/exclude), what may be
/// read (<see cref="FileAccessPolicy"/>), which configuration applies (<see cref="SiteSettings"/>), how a page is
/// analyzed (with the SMO900 fallback), what depends on what (<see cref="DependencyGraph"/>), what each page contributes
/// to the cross-page rules, and where one site ends (<see cref="SiteBoundaries"/>). Hosts convert options or protocol
/// messages in, ask the session, and convert its answers out. Thread-safe.
/// </summary>
public sealed class SiteSession
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _pages = new(StringComparer.Ordinal);

    private int _factsVersion;

    /// <summary>Facts of open pages, from the editor's text: they stand in for the file's while it is open.</summary>
    private readonly Dictionary<string, PageFacts> _open = new(StringComparer.Ordinal);
    private readonly SiteOptions _options;
    private IReadOnlyList<string> _folders;
    private readonly HashSet<string> _files;

    /// <param name="plugins">Loads the plugins a trusted configuration names; null: never.</param>
    /// <param name="lister">How folders are listed (tests simulate unreadable ones).</param>
    public SiteSession(AnalysisEngine builtIns, SiteOptions options, PluginHost? plugins = null, DirectoryLister? lister = null)
    {
        _options = options;
        _folders = [.. options.Folders.Select(Normalize)];
        _files = new HashSet<string>(options.Files.Select(Normalize), StringComparer.Ordinal);
        Files = FileAccessPolicy.ForPaths([.. _folders, .. _files, .. options.WebFolder is { } web ? [Normalize(web)] : Array.Empty<string>()], options.WorkingDirectory);
        Files.Snapshot = options.Snapshot;
        Settings = new SiteSettings(Files, builtIns, plugins, options.ConfigFile, options.Overrides);
        Workspace = new SiteWorkspace(Files, Settings);
        Ignores = new IgnoreRules(Files);
        Boundaries = new SiteBoundaries(Files);
        Walker = new SiteWalker(Ignores, lister ?? (options.Snapshot ? Files.ListForWalk : null));
        Place = options.Place;
    }

    /// <summary>How cross-page findings are positioned (see <see cref="SiteOptions.Place"/>); the language server sets it once the client chose an encoding.</summary>
    public Func<SourceText, TextSpan, LinePositionSpan>? Place { get; set; }

    public FileAccessPolicy Files { get; }

    public SiteSettings Settings { get; }

    public SiteWorkspace Workspace { get; }

    public IgnoreRules Ignores { get; }

    public SiteBoundaries Boundaries { get; }

    public SiteWalker Walker { get; }

    public DependencyGraph Graph { get; } = new();

    /// <summary>Where URLs are answered (served pages' images, og:url, and templates' with <c>--online</c>); null: no request is ever made.</summary>
    public WebResources? Web
    {
        get => Workspace.Web;
        set => Workspace.Web = value;
    }

    public IReadOnlyList<string> Folders => _folders;

    /// <summary>Files named explicitly (always pages).</summary>
    public IReadOnlyCollection<string> NamedFiles => _files;

    /// <summary>The editor's workspace folders changed: they are the site's folders (and access roots) from now on.</summary>
    public void SetFolders(IEnumerable<string> folders)
    {
        _folders = [.. folders.Where(f => f.Length > 0).Select(Normalize)];
        Files.SetRoots([.. _folders.Select(f => FileAccessPolicy.RootFor(f)), .. _files.Select(f => FileAccessPolicy.RootFor(f))]);
        Ignores.Invalidate();
        Boundaries.Invalidate();
        Settings.Invalidate();
        Workspace.Invalidate();
    }

    /// <summary>
    /// A file the user opened outside every folder of the site (an editor's single file): the folder it lives in (its
    /// repository) may be read from now on, as it would be had the user opened that folder. Files of the site itself
    /// never widen what may be read.
    /// </summary>
    public void AllowRootOf(string path)
    {
        if (Files.Resolve(path) is null && Path.GetDirectoryName(path) is { } folder && Directory.Exists(folder) && SitePaths.RootOf(path, Files.Roots) is null)
        {
            Files.SetRoots([.. Files.Roots, FileAccessPolicy.RootFor(path)]);
            Ignores.Invalidate();
            Boundaries.Invalidate();
            Settings.Invalidate();
            Workspace.Invalidate();
        }
    }

    // ---- membership ----

    /// <summary>Every page under <paramref name="folders"/> (default: the site's folders): walked, not ignored, included by its configuration.</summary>
    public List<string> Walk(List<WalkProblem> problems, IEnumerable<string>? folders = null, CancellationToken cancellationToken = default)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders ?? _folders)
        {
            var files = new List<string>();
            Walker.Walk(folder, files, problems, cancellationToken);
            var root = SitePaths.RootOf(folder, _folders) ?? folder;
            foreach (var file in files)
            {
                if (seen.Add(file) && SiteSettings.Includes(Settings.For(file).Configuration, file, root))
                {
                    found.Add(file);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>True for a template that is one of the site's pages: named, or in a folder and not skipped, ignored or excluded.</summary>
    public bool Belongs(string path)
    {
        if (_files.Contains(path))
        {
            return true;
        }

        if (!SiteFiles.IsTemplate(path) || SitePaths.RootOf(path, _folders) is not { } root || Ignores.IsExcluded(path))
        {
            return false;
        }

        return SiteSettings.Includes(Settings.For(path).Configuration, path, root);
    }

    // ---- analysis ----

    /// <summary>
    /// Analyzes one page: its text (<paramref name="text"/>, an editor's buffer, or the file read through the access
    /// policy), with its configuration and engine, composed with the files it reads (recorded as its dependencies). A
    /// bug in the engine costs the page its analysis, never the host: it becomes one SMO900.
    /// </summary>
    public PageAnalysis Analyze(string path, string? text = null) => Guarded(path, () => AnalyzeInline(path, text));

    /// <summary>Analyzes a document the host holds (an editor buffer); <paramref name="compose"/> false judges it alone (an untitled buffer has no folder).</summary>
    public PageAnalysis Analyze(TemplateDocument document, bool compose = true) => Guarded(document.Path, () => Analyze(document, null, compose));

    /// <summary>One analysis on a thread of its own, given up past <see cref="OverrunLimit"/> (<see cref="OverrunGuard"/>).</summary>
    private PageAnalysis Guarded(string path, Func<PageAnalysis> analyze)
    {
        PageAnalysis? answer = null;
        OverrunGuard.Run(1, 1, OverrunLimit, _ => analyze(), (_, analysis) => answer = analysis, _ => Overran(path));
        return answer!;
    }

    private PageAnalysis AnalyzeInline(string path, string? text)
    {
        if (text is not null)
        {
            return Analyze(TemplateDocument.FromPath(path, text), null, compose: true);
        }

        var read = TemplateFile.Read(Files, path, _options.MaxFileBytes);
        return read.Success
            ? Analyze(TemplateDocument.FromPath(path, read.Text!), read, compose: true)
            : new PageAnalysis(path, Settings.For(path)) { Read = read, NotFound = read.Status == ReadStatus.NotFound, SkipReason = read.Message ?? read.Status.ToString() };
    }

    private PageAnalysis Analyze(TemplateDocument document, TemplateReadResult? read, bool compose)
    {
        var analysis = AnalyzeOnce(document, read, compose, out var pending);
        if (pending.Count == 0)
        {
            return analysis;
        }

        // The web answers outside the page's time budget; fetches never throw (a failure is a fact), and the second
        // pass finds every answer cached.
        OverrunGuard.OffTheClock(() => Task.WaitAll([.. pending]));
        return AnalyzeOnce(document, read, compose, out _);
    }

    /// <summary>
    /// Analyzes a page a server sent (<see cref="ServedPage"/>): plain HTML whose path is its URL, checked with the
    /// configuration of <see cref="SiteOptions.WebFolder"/>, its images and page URLs answered by <see cref="Web"/>. The
    /// same engine and the same SMO900 fallback as a file; nothing is composed (the server already did).
    /// </summary>
    public async Task<PageAnalysis> AnalyzeServedAsync(ServedPage page)
    {
        if (page.Text is null)
        {
            // A URL that gave no page is named as it was asked for (the link that is broken), not by where its redirects ended.
            return new PageAnalysis(page.RequestedUrl, SettingsOf(page.RequestedUrl))
            {
                Served = page,
                SkipReason = page.Skip ?? "not read",
                Read = new TemplateReadResult(ReadStatus.Unreadable, null, null, page.Skip, 0),
            };
        }

        var document = new TemplateDocument(page.Url, page.Text, TemplateLanguage.Html);
        var analysis = AnalyzeOnce(document, null, compose: true, out var pending);
        if (pending.Count > 0)
        {
            await Task.WhenAll(pending).ConfigureAwait(false);
            analysis = AnalyzeOnce(document, null, compose: true, out _);
        }

        return analysis with { Served = page };
    }

    /// <summary>
    /// Fetches <paramref name="urls"/> (and, with <see cref="WebOptions.Crawl"/>, what they link to), analyzes each page
    /// <paramref name="include"/> accepts (the others are only followed: a shard), records it for the cross-page rules,
    /// and returns what <paramref name="convert"/> made of each (in the order they were checked: hosts sort), with the crawl's notes. The web source of
    /// <see cref="AnalyzeAll"/>.
    /// </summary>
    public async Task<(List<T> Results, List<string> Notes)> AnalyzeServedAllAsync<T>(IReadOnlyList<Uri> urls, Func<string, bool> include, Func<PageAnalysis, T> convert)
    {
        var web = Web ?? throw new InvalidOperationException("the session has no web source");
        foreach (var url in urls)
        {
            web.AddOrigin(url);
        }

        if (urls.Count > 0)
        {
            web.MapSite(SettingsOf(urls[0].AbsoluteUri).Configuration.SiteUrl, urls[0]);
        }

        var results = new List<(int Order, T Result)>();
        var order = 0;
        var crawler = new Crawler(web);
        await crawler.RunAsync(urls, async page =>
        {
            var position = Interlocked.Increment(ref order);
            if (!include(page.Url))
            {
                // Another shard's page: followed for its links, neither analyzed nor reported here.
                return page.Text is null ? [] : PageLinks.Of(ParsedTemplate.Parse(page.Text, TemplateLanguage.Html), new Uri(page.Url));
            }

            var analysis = await AnalyzeServedAsync(page).ConfigureAwait(false);
            IReadOnlyList<Uri> links = analysis.Result is { } result ? PageLinks.Of(result.Syntax, new Uri(page.Url)) : [];
            if (analysis.Analyzed)
            {
                Record(analysis);
            }

            var converted = convert(analysis);
            lock (results)
            {
                results.Add((position, converted));
            }

            return links;
        }).ConfigureAwait(false);
        results.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return ([.. results.Select(r => r.Result)], crawler.Notes);
    }

    /// <summary>What a page is checked with: its folder's configuration; a served page's is <see cref="SiteOptions.WebFolder"/>'s, as an .html page there.</summary>
    public FileSettings SettingsOf(string path) =>
        Settings.For(WebAddresses.IsUrl(path) ? Path.Combine(_options.WebFolder ?? _options.WorkingDirectory ?? Environment.CurrentDirectory, "index.html") : path);

    private PageAnalysis AnalyzeOnce(TemplateDocument document, TemplateReadResult? read, bool compose, out IReadOnlyList<Task> pending)
    {
        var path = document.Path;
        var settings = SettingsOf(path);
        // Under a snapshot nothing changes, so nothing will ask what the page depends on: its reads are not recorded.
        var recorder = compose ? new SiteWorkspace.Recorder(Workspace, path, recordReads: !_options.Snapshot) : null;
        pending = [];
        try
        {
            using var budget = new CancellationTokenSource(_options.AnalysisTimeBudget);
            var result = settings.Engine.Analyze(document, settings.Configuration, recorder, new AnalysisBudget(_options.AnalysisTimeBudget, budget.Token));
            pending = recorder?.Pending ?? [];
            return new PageAnalysis(path, settings) { Read = read, Text = document.Text, Result = result, Dependencies = recorder?.Dependencies ?? [] };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new PageAnalysis(path, settings) { Read = read, Text = document.Text, Failure = $"{ex.GetType().Name}: {ex.Message}", Dependencies = recorder?.Dependencies ?? [] };
        }
    }

    /// <summary>Worker threads for a parallelism setting: 0 means one per core.</summary>
    public static int Workers(int parallelism) => parallelism > 0 ? parallelism : Environment.ProcessorCount;

    /// <summary>
    /// Analyzes <paramref name="paths"/> from disk on <paramref name="parallelism"/> threads (0: one per core), records
    /// each page, and returns what <paramref name="convert"/> made of each analysis, in order. <paramref name="convert"/>
    /// runs on the worker thread that analyzed the page, so parse trees are dropped as soon as they are converted.
    /// Whoever is free takes the next file: files differ in size by 1000x.
    /// </summary>
    public T[] AnalyzeAll<T>(IReadOnlyList<string> paths, int parallelism, Func<PageAnalysis, T> convert, CancellationToken cancellationToken = default)
    {
        var results = new T[paths.Count];
        OverrunGuard.Run(paths.Count, Workers(parallelism), OverrunLimit, i => AnalyzeInline(paths[i], null), (i, analysis) =>
        {
            Record(analysis);
            results[i] = convert(analysis);
        }, i => Overran(paths[i]), cancellationToken);
        return results;
    }

    /// <summary>
    /// When the session gives up on an analysis that did not stop at its budget (<see cref="OverrunGuard"/>): the budget
    /// and half as much again, at least a second, so the engine's own stop, which says more, comes first.
    /// </summary>
    private TimeSpan OverrunLimit => _options.AnalysisTimeBudget + TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.AnalysisTimeBudget.Ticks / 2));

    private PageAnalysis Overran(string path) => new(path, SettingsOf(path))
    {
        Failure = $"it ran past its time budget of {new AnalysisBudget(_options.AnalysisTimeBudget, default).Describe()} and was given up, so no problems are reported for it",
    };

    // ---- what the session keeps of each page ----

    /// <summary>
    /// Keeps what the cross-page rules and the dependency graph need of a page analyzed from disk (facts, not the
    /// parse tree); a page that no longer exists is forgotten. Returns true when its facts changed.
    /// </summary>
    public bool Record(PageAnalysis analysis)
    {
        if (analysis.NotFound)
        {
            Remove(analysis.Path);
            return true;
        }

        // Under a snapshot nothing changes, so nothing will ask what depends on what: a large check keeps no graph.
        if (!_options.Snapshot)
        {
            Graph.Set(analysis.Path, analysis.Dependencies);
        }

        var facts = Positioned(analysis);
        lock (_gate)
        {
            if (!_pages.TryGetValue(analysis.Path, out var entry))
            {
                _pages[analysis.Path] = entry = new Entry();
            }

            entry.Generation = analysis.Settings.Generation;
            var changed = !SameFacts(entry.Disk, facts);
            entry.Disk = facts;
            return Changed(changed && !_open.ContainsKey(analysis.Path));
        }
    }

    /// <summary>
    /// An open page was analyzed from the editor's text: its facts stand in for the file's while it is open (null:
    /// closed again). Returns true when the facts the cross-page rules see changed.
    /// </summary>
    public bool RecordOpen(string path, PageAnalysis? analysis)
    {
        if (analysis is not null)
        {
            Graph.Set(path, analysis.Dependencies);
        }

        var facts = analysis is null ? null : Positioned(analysis);
        lock (_gate)
        {
            var disk = _pages.TryGetValue(path, out var entry) ? entry.Disk : null;
            var before = _open.TryGetValue(path, out var open) ? open : disk;
            if (facts is null)
            {
                _open.Remove(path);
            }
            else
            {
                _open[path] = facts;
            }

            // An open file that is not a page of the site (outside the folders) takes no part in the comparison.
            return Changed(entry is not null && !SameFacts(before, facts ?? disk));
        }
    }

    /// <summary>Forgets a page (deleted, or no longer part of the site).</summary>
    public bool Remove(string path)
    {
        Graph.Remove(path);
        lock (_gate)
        {
            return Changed(_pages.Remove(path));
        }
    }

    /// <summary>Moves whenever the facts the cross-page rules see change: a host recomputes <see cref="CrossPageFindings()"/> only then.</summary>
    public int FactsVersion => Volatile.Read(ref _factsVersion);

    private bool Changed(bool changed)
    {
        if (changed)
        {
            Interlocked.Increment(ref _factsVersion);
        }

        return changed;
    }

    public bool Contains(string path)
    {
        lock (_gate)
        {
            return _pages.ContainsKey(path);
        }
    }

    /// <summary>The pages the session keeps, sorted.</summary>
    public IReadOnlyList<string> Pages
    {
        get
        {
            lock (_gate)
            {
                var paths = _pages.Keys.ToArray();
                Array.Sort(paths, StringComparer.Ordinal);
                return paths;
            }
        }
    }

    private PageFacts Positioned(PageAnalysis analysis)
    {
        var facts = analysis.Facts;
        if (facts.IsEmpty)
        {
            return PageFacts.None;
        }

        facts = facts with { Path = analysis.Path };
        if (Place is not { } place || analysis.Result is not { } result)
        {
            return facts;
        }

        var source = result.Syntax.Source;
        return facts with { Facts = [.. facts.Facts.Select(f => f with { Range = place(source, f.Value.Span) })] };
    }

    private static bool SameFacts(PageFacts? a, PageFacts? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Path == b.Path && a.Facts.SequenceEqual(b.Facts));

    // ---- the cross-page pass ----

    /// <summary>
    /// The cross-page rules over every page kept (open pages with their editor text), compared within each site (see
    /// <see cref="SiteBoundaries"/>): two apps of one repository never share a title. Ordered by path.
    /// </summary>
    public IReadOnlyList<SiteDiagnostic> CrossPageFindings() => CrossPageFindings(FactsBySite());

    /// <summary>
    /// Every kept page's facts with the site it belongs to, ordered by path: what a shard writes for <c>smolsp merge</c>
    /// (<see cref="CrossPageFindings()"/> is the same comparison, run here).
    /// </summary>
    public IReadOnlyList<(string Site, PageFacts Facts)> FactsBySite()
    {
        List<PageFacts> facts;
        lock (_gate)
        {
            facts = [.. _pages.Select(p => _open.TryGetValue(p.Key, out var open) ? open : p.Value.Disk).OfType<PageFacts>().Where(f => !f.IsEmpty)];
        }

        facts.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        // A served page's site is its origin.
        return [.. facts.Select(f => (WebAddresses.IsUrl(f.Path) ? WebAddresses.Origin(f.Path) : Boundaries.SiteOf(f.Path), f))];
    }

    /// <summary>
    /// The same findings, ordered by path within each site and built one at a time as they are enumerated: a check of
    /// 50,000 pages keeps the messages it reports, never every finding's objects at once.
    /// </summary>
    public IEnumerable<SiteDiagnostic> EnumerateCrossPageFindings() => EnumerateCrossPageFindings(FactsBySite());

    private static IEnumerable<SiteDiagnostic> EnumerateCrossPageFindings(IEnumerable<(string Site, PageFacts Facts)> pages) =>
        // Pages are named relative to their site's folder: the same words in the editor, the terminal and CI.
        pages.GroupBy(p => p.Site, StringComparer.Ordinal)
            .SelectMany(site => SiteAnalysis.Analyze(site.Select(p => p.Facts), path => SitePaths.Display(path, site.Key)));

    /// <summary>The cross-page rules over pages of several sites (<paramref name="pages"/>: each page with its site folder), compared within each site.</summary>
    public static List<SiteDiagnostic> CrossPageFindings(IEnumerable<(string Site, PageFacts Facts)> pages)
    {
        var findings = EnumerateCrossPageFindings(pages).ToList();
        findings.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Path, b.Path);
            c = c != 0 ? c : a.Diagnostic.Span.Start.CompareTo(b.Diagnostic.Span.Start);
            return c != 0 ? c : string.CompareOrdinal(a.Diagnostic.Id, b.Diagnostic.Id);
        });
        return findings;
    }

    // ---- changes ----

    /// <summary>
    /// Turns a batch of changes into a plan: caches dropped, configuration reloaded when a <c>smolsp.json</c> or
    /// <c>.editorconfig</c> changed, the folders walked again when membership may differ, pages gone forgotten, and the
    /// pages to check again (the changed files and every page that read one). Open pages (<paramref name="isOpen"/>)
    /// are never read from disk here: they are the host's, and listed in <see cref="SitePlan.OpenAffected"/>.
    /// </summary>
    public SitePlan Plan(SiteBatch batch, Func<string, bool>? isOpen = null, CancellationToken cancellationToken = default)
    {
        isOpen ??= static _ => false;
        var plan = new SitePlan();
        var check = new SortedSet<string>(batch.Check, StringComparer.Ordinal);
        var walk = batch.Walk || batch.CheckAll;
        if (batch.Changes.Count > 0)
        {
            var changes = SiteChangePlanner.Plan(batch.Changes, Graph, Contains, Belongs, IndexedUnder);
            foreach (var path in changes.Invalidated)
            {
                Workspace.Invalidate(path);
            }

            if (changes.ConfigurationChanged || changes.EditorConfigChanged)
            {
                // Any setting may differ, include/exclude too: walk again; pages checked under the old generation are stale.
                Settings.Invalidate();
                Boundaries.Invalidate();
                walk = true;
            }

            if (changes.IgnoreFilesChanged)
            {
                Ignores.Invalidate();
                walk = true;
            }

            foreach (var path in changes.Removed)
            {
                if (Remove(path))
                {
                    plan.Removed.Add(path);
                }
            }

            check.UnionWith(changes.Recheck);
            foreach (var page in Walk(plan.Problems, changes.NewFolders, cancellationToken))
            {
                check.Add(page);
            }
        }

        if (walk)
        {
            plan.Walked = true;
            var found = Walk(plan.Problems, cancellationToken: cancellationToken);
            found.AddRange(_files.Where(f => Files.Kind(f) == FileKind.File));
            var present = new HashSet<string>(found, StringComparer.Ordinal);
            foreach (var gone in Pages.Where(p => !present.Contains(p)))
            {
                if (Remove(gone))
                {
                    plan.Removed.Add(gone);
                }
            }

            var generation = Settings.Generation;
            foreach (var page in present)
            {
                if (isOpen(page))
                {
                    // The host analyzes it from the editor's text; a walk only makes sure it counts as a page.
                    Keep(page, generation);
                }
                else if (batch.CheckAll || IsStale(page, generation))
                {
                    check.Add(page);
                }
            }
        }

        foreach (var path in check)
        {
            if (!Contains(path) && !Belongs(path))
            {
                continue; // an open file's dependent outside the site, a file ignored since: nothing to keep
            }

            if (isOpen(path))
            {
                // Something it reads changed: the host analyzes it again from the editor's text.
                Keep(path, Settings.Generation);
                plan.OpenAffected.Add(path);
            }
            else
            {
                plan.Check.Add(path);
            }
        }

        plan.Removed.Sort(StringComparer.Ordinal);
        return plan;
    }

    private void Keep(string page, int generation)
    {
        lock (_gate)
        {
            if (!_pages.TryGetValue(page, out var entry))
            {
                _pages[page] = entry = new Entry();
            }

            entry.Generation = generation;
        }
    }

    private bool IsStale(string page, int generation)
    {
        lock (_gate)
        {
            return !_pages.TryGetValue(page, out var entry) || entry.Generation != generation;
        }
    }

    private List<string> IndexedUnder(string directory)
    {
        lock (_gate)
        {
            return [.. _pages.Keys.Where(p => SitePaths.IsUnder(p, directory))];
        }
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>One kept page: the facts of its file.</summary>
    private sealed class Entry
    {
        public PageFacts? Disk { get; set; }

        /// <summary>The configuration generation the file was last checked under.</summary>
        public int Generation { get; set; } = -1;
    }
}
