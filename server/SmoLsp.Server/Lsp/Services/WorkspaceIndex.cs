using System.Diagnostics;
using System.Text.Json;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Workspace;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Every template of the workspace folders, checked in the background and kept current as files change, so problems
/// in files nobody has open are reported too: pushed (<c>publishDiagnostics</c> without a version) to clients that do
/// not pull, answered from <c>workspace/diagnostic</c> with result ids to clients that do.
/// <para>
/// For a closed file the index keeps facts, not parse trees: its diagnostics already in LSP form, what it read
/// (<see cref="DependencyGraph"/>), and its <see cref="PageFacts"/> for the site-wide rules. Open documents always win:
/// their analysis (by <see cref="DocumentAnalyzer"/>, over the editor's text) replaces the file's facts while they are
/// open, and other files read them through the workspace overlay.
/// </para>
/// <para>
/// One low-priority background thread does all the work, in batches: requests queue work and return. A batch walks or
/// re-checks what changed, recomputes the site-wide diagnostics once (<see cref="RecomputeSite"/>), then publishes
/// what changed or asks pull clients to refresh.
/// </para>
/// </summary>
public sealed class WorkspaceIndex : IDisposable
{
    /// <summary>Closed-file results ids start with this process's nonce, so ids a client kept from an earlier server never match.</summary>
    private static readonly string s_nonce = Guid.NewGuid().ToString("N")[..6];

    private readonly ClientSession _session;
    private readonly WorkspaceConfiguration _configuration;
    private readonly DocumentStore _documents;
    private readonly DocumentAnalyzer _analyzer;
    private readonly DiagnosticPublisher _publisher;
    private readonly LspConverter _converter;
    private readonly SiteReports _siteReports;
    private readonly JsonRpcConnection _connection;
    private readonly AnalysisEngine _engine;
    private readonly ISiteRules _siteRules;
    private readonly PluginRules? _plugins;
    private readonly ILogger _logger;

    private readonly object _gate = new();
    private readonly Dictionary<string, Page> _pages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _siteReported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _siteSignatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _propagatedVersions = new(StringComparer.Ordinal);

    /// <summary>Site facts of open documents, from the editor's text: they stand in for the file's facts while it is open.</summary>
    private readonly Dictionary<string, (PageFacts? Facts, (TextSpan Span, LspRange Range)[] Ranges)> _openFacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SmoLspConfiguration> _configurationByDirectory = new(StringComparer.Ordinal);
    private int _configurationByDirectoryGeneration = -1;

    private readonly object _queueGate = new();
    private Batch _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _initialScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private int _busy;
    private int _progressCount;
    private int _refreshState;

    public WorkspaceIndex(ClientSession session, WorkspaceConfiguration configuration, DocumentStore documents, DocumentAnalyzer analyzer, DiagnosticPublisher publisher,
        LspConverter converter, SiteReports siteReports, JsonRpcConnection connection, AnalysisEngine engine, ISiteRules siteRules, ILogger logger, PluginRules? plugins = null)
    {
        _plugins = plugins;
        _session = session;
        _configuration = configuration;
        _documents = documents;
        _analyzer = analyzer;
        _publisher = publisher;
        _converter = converter;
        _siteReports = siteReports;
        _connection = connection;
        _engine = engine;
        _siteRules = siteRules;
        _logger = logger;
        Ignores = new IgnoreRules();
        Walker = new SiteWalker(Ignores);
        analyzer.Analyzed += OnOpenDocumentAnalyzed;
        _stopping = _stop.Token; // kept: the token outlives the source's disposal, the property does not
    }

    public DependencyGraph Graph { get; } = new();

    public IgnoreRules Ignores { get; }

    public SiteWalker Walker { get; }

    /// <summary>Completes when the first walk and check of the workspace folders is done (at once when there are none).</summary>
    public Task InitialScan => _initialScan.Task;

    /// <summary>True while nothing is queued or running; tests and the benchmark wait for it.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_queueGate)
            {
                return _pending.IsEmpty && Volatile.Read(ref _busy) == 0;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pages.Count;
            }
        }
    }

    /// <summary>The indexed template paths, sorted.</summary>
    public IReadOnlyList<string> Paths
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

    /// <summary>After <c>initialized</c>: start the background thread and index the workspace folders.</summary>
    public void Start()
    {
        lock (_queueGate)
        {
            if (_thread is not null)
            {
                return;
            }

            _pending.FullScan = true;
            // BelowNormal where the OS honours it; the loop also steps aside while open documents are analyzed.
            _thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "smolsp workspace index" };
            _thread.Start();
        }

        _signal.Release();
    }

    /// <summary>Stops background work (shutdown); nothing more is published.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }

        _initialScan.TrySetResult();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
        _signal.Dispose();
    }

    /// <summary><c>workspace/didChangeWatchedFiles</c>, or the server's own watcher: queued, applied in the next batch.</summary>
    public void FilesChanged(IReadOnlyList<FileChange> changes)
    {
        Enqueue(b => b.Changes.AddRange(changes));
    }

    /// <summary>The configuration generation moved (settings or a <c>smolsp.json</c> changed): walk again, re-check what is stale.</summary>
    public void ConfigurationChanged() => Enqueue(b => b.FullScan = true);

    /// <summary>Events were lost (a watcher's buffer overflowed): walk again and check every file.</summary>
    public void RecheckAll() => Enqueue(b => b.FullScan = b.RecheckAll = true);

    /// <summary>Workspace folders were added or removed.</summary>
    public void FoldersChanged() => Enqueue(b => b.FullScan = true);

    /// <summary>
    /// A document was closed. Returns true when the index takes over its file (it is part of the workspace): the file
    /// is checked again from disk (the editor may not have saved) and that report replaces the open one. False for
    /// documents outside the workspace, which the caller clears.
    /// </summary>
    public bool DocumentClosed(string uri, string? path)
    {
        lock (_gate)
        {
            _propagatedVersions.Remove(uri);
            if (path is not null)
            {
                _openFacts.Remove(path);
            }
        }

        if (path is null)
        {
            return false;
        }

        bool belongs;
        lock (_gate)
        {
            belongs = _pages.ContainsKey(path);
        }

        belongs = belongs || Belongs(path);
        // Other files read this one through the overlay until now: they see the disk text from here on.
        var dependents = Graph.DependentsOf(path);
        Enqueue(b =>
        {
            b.Recheck.UnionWith(dependents);
            if (belongs)
            {
                b.Closed.Add(path);
            }
        });
        if (!belongs)
        {
            Graph.Remove(path);
        }

        return belongs;
    }

    /// <summary>The report of an indexed file that is not open, for <c>textDocument/diagnostic</c> on a closed document.</summary>
    public (string ResultId, IReadOnlyList<LspDiagnostic> Items)? ClosedReport(string uri)
    {
        if (DocumentUris.ToLocalPath(uri) is not { } path)
        {
            return null;
        }

        lock (_gate)
        {
            return _pages.TryGetValue(path, out var page) ? (ResultId(page), _siteReports.Merge(path, page.Own)) : null;
        }
    }

    /// <summary>
    /// <c>workspace/diagnostic</c>: every open document (its live report) and every indexed file (its last report),
    /// <c>unchanged</c> where the client already has the result id, and an empty full report for files the client
    /// knew that are gone. Waits for the first index (cancellable); later changes are announced with a refresh.
    /// </summary>
    public async Task<WorkspaceDiagnosticReport> WorkspaceReportAsync(WorkspaceDiagnosticParams p,
        Func<DocumentSnapshot, (string ResultId, IReadOnlyList<LspDiagnostic> Items)> openReport, CancellationToken cancellationToken)
    {
        await _initialScan.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        // The documents open now, not when the request arrived: the first pull waits for the index, and a file opened
        // meanwhile is the editor's.
        var openDocuments = _documents.Current.Values;
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in p.PreviousResultIds ?? [])
        {
            previous[id.Uri] = id.Value;
        }

        var items = new List<WorkspaceDocumentDiagnosticReport>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var openPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in openDocuments.OrderBy(d => d.Uri, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            covered.Add(document.Uri);
            if (document.FilePath is { } openPath)
            {
                openPaths.Add(openPath);
            }

            var (resultId, diagnostics) = openReport(document);
            items.Add(previous.TryGetValue(document.Uri, out var known) && known == resultId
                ? new WorkspaceDocumentDiagnosticReport("unchanged", document.Uri, document.Version, resultId)
                : new WorkspaceDocumentDiagnosticReport("full", document.Uri, document.Version, resultId, diagnostics));
        }

        var closed = new List<(string Uri, string ResultId, IReadOnlyList<LspDiagnostic> Own, string Path)>();
        lock (_gate)
        {
            foreach (var page in _pages.Values)
            {
                if (!openPaths.Contains(page.Path))
                {
                    closed.Add((page.Uri, ResultId(page), page.Own, page.Path));
                }
            }
        }

        closed.Sort(static (a, b) => string.CompareOrdinal(a.Uri, b.Uri));
        foreach (var (uri, resultId, own, path) in closed)
        {
            if (!covered.Add(uri))
            {
                continue;
            }

            items.Add(previous.TryGetValue(uri, out var known) && known == resultId
                ? new WorkspaceDocumentDiagnosticReport("unchanged", uri, null, resultId)
                : new WorkspaceDocumentDiagnosticReport("full", uri, null, resultId, _siteReports.Merge(path, own)));
        }

        foreach (var uri in previous.Keys.Where(u => !covered.Contains(u)).Order(StringComparer.Ordinal))
        {
            // Deleted, ignored or excluded since the client last pulled: clear what it shows.
            items.Add(new WorkspaceDocumentDiagnosticReport("full", uri, null, null, []));
        }

        return new WorkspaceDiagnosticReport(items);
    }

    private static string ResultId(Page page) => $"{s_nonce}:{page.Revision}";

    // ---- open documents ----

    /// <summary>
    /// An open document was analyzed afresh: record what it read and its site facts, and, when its text changed
    /// since last time, re-check the files that read it (a layout being edited re-checks its pages). Propagating only
    /// on a new version is what keeps two open files that read each other from re-checking each other forever.
    /// </summary>
    private void OnOpenDocumentAnalyzed(DocumentAnalysis analysis)
    {
        var document = analysis.Document;
        if (document.FilePath is not { } path)
        {
            return;
        }

        Graph.Set(path, analysis.Dependencies);
        var facts = analysis.Result is { } result ? _siteRules.ExtractFacts(result, analysis.Configuration) : null;
        var ranges = Ranges(facts, document.Source);
        bool siteDirty;
        bool propagate;
        lock (_gate)
        {
            // Typing below the title changes no fact: no site-wide pass for that.
            siteDirty = _pages.ContainsKey(path) && (!_openFacts.TryGetValue(path, out var before) || !Equals(before.Facts, facts) || !before.Ranges.SequenceEqual(ranges));
            _openFacts[path] = (facts, ranges);
            propagate = !_propagatedVersions.TryGetValue(document.Uri, out var seen) || seen != document.Version;
            _propagatedVersions[document.Uri] = document.Version;
        }

        var dependents = propagate ? Graph.DependentsOf(path) : [];
        if (siteDirty || dependents.Count > 0)
        {
            Enqueue(b =>
            {
                b.SiteDirty |= siteDirty;
                b.Recheck.UnionWith(dependents);
            });
        }
    }

    // ---- the background thread ----

    private void Enqueue(Action<Batch> add)
    {
        lock (_queueGate)
        {
            add(_pending);
        }

        try
        {
            _signal.Release();
        }
        catch (ObjectDisposedException)
        {
            // Shut down.
        }
    }

    private void Run()
    {
        var token = _stopping;
        try
        {
            // The first results wait (briefly) for the editor's settings, like the first push does.
            try
            {
                _configuration.Ready.Wait(TimeSpan.FromSeconds(2), token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
            }

            while (!token.IsCancellationRequested)
            {
                _signal.Wait(token);
                Batch batch;
                lock (_queueGate)
                {
                    batch = _pending;
                    _pending = new Batch();
                    if (batch.IsEmpty)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref _busy);
                }

                try
                {
                    Process(batch, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    _logger.Error(ex, "Workspace index: a batch of work failed");
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                    if (batch.FullScan)
                    {
                        _initialScan.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting.
        }
        finally
        {
            _initialScan.TrySetResult();
        }
    }

    private void Process(Batch batch, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        var work = new Work();
        if (batch.Changes.Count > 0)
        {
            var plan = SiteChangePlanner.Plan(batch.Changes, Graph, IsIndexed, Belongs, IndexedUnder);
            foreach (var path in plan.Invalidated)
            {
                _analyzer.Workspace.Invalidate(path);
            }

            if (plan.IgnoreFilesChanged)
            {
                _logger.Information(".smolspignore changed; walking the workspace again");
                Ignores.Invalidate();
                batch.FullScan = true;
            }

            if (plan.ConfigurationChanged)
            {
                batch.FullScan = true; // the configuration's own re-check comes through ConfigurationSync
            }

            if (plan.EditorConfigChanged)
            {
                _logger.Debug(".editorconfig changed; no check reads it yet");
            }

            foreach (var path in plan.Removed)
            {
                Remove(path, work);
            }

            batch.Recheck.UnionWith(plan.Recheck);
            foreach (var folder in plan.NewFolders)
            {
                var files = new List<string>();
                Walker.Walk(folder, files, [], token);
                batch.Recheck.UnionWith(files.Where(Belongs));
            }
        }

        if (batch.FullScan)
        {
            Scan(batch, work, token);
        }

        foreach (var path in batch.Closed)
        {
            batch.Recheck.Add(path);
        }

        foreach (var path in batch.Recheck.Order(StringComparer.Ordinal))
        {
            token.ThrowIfCancellationRequested();
            Recheck(path, batch.Closed.Contains(path) ? Reason.Closed : Reason.Changed, work);
            StepAside();
        }

        var checkedAt = Stopwatch.GetTimestamp();
        if (batch.SiteDirty || work.SiteDirty)
        {
            RecomputeSite(work);
        }

        var siteAt = Stopwatch.GetTimestamp();
        Publish(work);
        if (work.Checked > 0 || work.Removed > 0)
        {
            _logger.Debug("Workspace index: {Checked} checked, {Removed} removed in {Ms:0} ms (check {Check:0}, site-wide {Site:0}, publish {Publish:0}); {Count} indexed",
                work.Checked, work.Removed, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Stopwatch.GetElapsedTime(started, checkedAt).TotalMilliseconds,
                Stopwatch.GetElapsedTime(checkedAt, siteAt).TotalMilliseconds, Stopwatch.GetElapsedTime(siteAt).TotalMilliseconds, Count);
        }
    }

    /// <summary>Walks every workspace folder, drops files that left the site, checks the new ones and any checked under an older configuration.</summary>
    private void Scan(Batch batch, Work work, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<WalkProblem>();
        foreach (var root in _session.WorkspaceFolders)
        {
            var files = new List<string>();
            Walker.Walk(root, files, problems, token);
            foreach (var file in files)
            {
                if (IncludeFilter.Includes(ConfigurationFor(file), file, root))
                {
                    found.Add(file);
                }
            }
        }

        foreach (var problem in problems)
        {
            _logger.Warning("Workspace index: {Path}: {Message}", problem.Path, problem.Message);
        }

        var generation = _configuration.Generation;
        List<string> gone;
        var toCheck = new List<string>();
        lock (_gate)
        {
            gone = _pages.Keys.Where(p => !found.Contains(p)).ToList();
            foreach (var file in found)
            {
                if (batch.RecheckAll || !_pages.TryGetValue(file, out var page) || page.Generation != generation || batch.Recheck.Contains(file))
                {
                    toCheck.Add(file);
                }
            }
        }

        foreach (var path in gone)
        {
            Remove(path, work);
        }

        toCheck.Sort(StringComparer.Ordinal);
        batch.Recheck.ExceptWith(toCheck);
        using var progress = toCheck.Count > 0 ? Progress.Start(this, $"checking {toCheck.Count} template(s) in the workspace") : null;
        var lastReport = Stopwatch.GetTimestamp();
        for (var i = 0; i < toCheck.Count; i++)
        {
            token.ThrowIfCancellationRequested();
            Recheck(toCheck[i], Reason.Scan, work);
            StepAside();
            if (progress is not null && Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromMilliseconds(200))
            {
                lastReport = Stopwatch.GetTimestamp();
                progress.Report($"{i + 1}/{toCheck.Count}", (i + 1) * 100 / toCheck.Count);
            }
        }

        work.SiteDirty = true;
        progress?.End($"{found.Count} template(s) indexed");
        _logger.Information("Workspace index: {Count} template(s) in {Folders} folder(s); {Checked} checked in {Ms:0} ms",
            found.Count, _session.WorkspaceFolders.Count, toCheck.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Background work waits while open documents are being analyzed: the file in front of the user comes first.</summary>
    private void StepAside()
    {
        for (var i = 0; i < 50 && _analyzer.ActiveAnalyses > 0; i++)
        {
            Thread.Sleep(1);
        }
    }

    private enum Reason
    {
        /// <summary>Walked: new to the index, or checked under an older configuration.</summary>
        Scan,

        /// <summary>The file or something it reads changed.</summary>
        Changed,

        /// <summary>Its open document was just closed: the disk report replaces the editor's.</summary>
        Closed,
    }

    /// <summary>
    /// Checks one page again. An open page is the editor's: when something it reads changed, its cached analysis is
    /// dropped and it is re-published (push) or re-pulled (its revision moves); a walk only makes sure it has an entry
    /// (its report comes from the editor's text, and its file is read when it is closed). A closed page is read from
    /// disk and analyzed here.
    /// </summary>
    private void Recheck(string path, Reason reason, Work work)
    {
        if (_documents.FindByPath(path) is { } open)
        {
            if (reason == Reason.Changed)
            {
                _analyzer.Forget(open.Uri);
                _siteReports.Touch(path);
                work.OpenTouched.Add(open.Uri);
            }
            else if (Belongs(path))
            {
                lock (_gate)
                {
                    if (!_pages.ContainsKey(path))
                    {
                        _pages[path] = new Page(path, DocumentUris.FromLocalPath(path)) { Revision = _siteReports.NextRevision() };
                        work.SiteDirty = true;
                    }
                }
            }

            return;
        }

        if (!IsIndexed(path) && !Belongs(path))
        {
            return; // a dependent outside the site (an open file's graph entry): nothing to keep
        }

        var generation = _configuration.Generation;
        var read = TemplateFile.Read(path);
        if (read.Status == ReadStatus.NotFound)
        {
            Remove(path, work);
            return;
        }

        var uri = DocumentUris.FromLocalPath(path);
        IReadOnlyList<LspDiagnostic> own = [];
        PageFacts? facts = null;
        (TextSpan, LspRange)[] ranges = [];
        IReadOnlyList<string> dependencies = [];
        if (read.Success)
        {
            var (engine, configuration) = _plugins?.For(path, ConfigurationFor(path)) ?? (_engine, ConfigurationFor(path));
            var document = TemplateDocument.FromPath(path, read.Text!);
            var recorder = new RecordingWorkspace(_analyzer.Workspace, path);
            try
            {
                var result = engine.Analyze(document, configuration, recorder);
                var snapshot = new DocumentSnapshot(uri, LanguageId(path), 0, result.Syntax.Source);
                own = result.Diagnostics.Select(d => _converter.ToLsp(snapshot, d)).ToArray();
                facts = _siteRules.ExtractFacts(result, configuration);
                ranges = Ranges(facts, result.Syntax.Source);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.Error(ex, "Analysis of {Path} failed", path);
                var message = $"SmoLsp could not analyze this file: {ex.GetType().Name}: {ex.Message}";
                var snapshot = new DocumentSnapshot(uri, LanguageId(path), 0, new SourceText(document.Text));
                own = [_converter.ToLsp(snapshot, new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity, message, [], []))];
            }

            dependencies = recorder.Dependencies;
        }
        else
        {
            _logger.Debug("Workspace index: {Path}: {Message}", path, read.Message);
        }

        Graph.Set(path, dependencies);
        work.Checked++;
        lock (_gate)
        {
            if (!_pages.TryGetValue(path, out var page))
            {
                _pages[path] = page = new Page(path, uri);
                page.Revision = _siteReports.NextRevision();
            }

            page.Generation = generation;
            if (!SiteReports.SameDiagnostics(page.Own, own))
            {
                page.Own = own;
                page.Revision = _siteReports.NextRevision();
            }

            if (reason == Reason.Closed)
            {
                // The editor showed the open document's diagnostics; replace them whatever the disk report is.
                page.ClientHasDiagnostics = true;
                page.PublishedRevision = -1;
                page.Revision = _siteReports.NextRevision();
            }

            if (!Equals(page.Facts, facts))
            {
                page.Facts = facts;
                page.Ranges = ranges;
                work.SiteDirty = true;
            }

            work.Touched.Add(page);
        }
    }

    private void Remove(string path, Work work)
    {
        Page? page;
        lock (_gate)
        {
            if (_pages.Remove(path, out page))
            {
                work.Removed++;
                work.SiteDirty = true;
                work.Gone.Add(page);
            }
        }

        if (_documents.FindByPath(path) is null)
        {
            Graph.Remove(path);
        }
    }

    /// <summary>
    /// The one place site-wide diagnostics are computed: <see cref="ISiteRules.Analyze"/> over the facts of every
    /// indexed page (open pages' facts come from the editor's text), converted with the positions each page's facts
    /// were taken with, then stored per page. Pages whose site diagnostics changed get a new revision and are
    /// published again (or re-pulled).
    /// </summary>
    private void RecomputeSite(Work work)
    {
        List<PageFacts> facts;
        lock (_gate)
        {
            facts = _pages.Values.Select(p => CurrentFacts(p).Facts).OfType<PageFacts>().ToList();
        }

        IReadOnlyList<SiteDiagnostic> diagnostics;
        try
        {
            diagnostics = _siteRules.Analyze(facts);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.Error(ex, "Site-wide rules failed");
            return;
        }

        lock (_gate)
        {
            var byPath = diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Diagnostic).ToList(), StringComparer.Ordinal);
            foreach (var path in _siteReported.Union(byPath.Keys).ToList())
            {
                if (!_pages.TryGetValue(path, out var page))
                {
                    _siteReports.Set(path, []);
                    _siteReported.Remove(path);
                    _siteSignatures.Remove(path);
                    continue;
                }

                var list = byPath.GetValueOrDefault(path);
                var signature = list is null ? string.Empty : Signature(page, list);
                if (_siteSignatures.GetValueOrDefault(path, string.Empty) == signature)
                {
                    continue; // what the client would get is what it has: skip converting and comparing
                }

                _siteSignatures[path] = signature;
                IReadOnlyList<LspDiagnostic> items = list is null ? [] : list.Select(d => ToLsp(page, d)).ToArray();
                if (items.Count > 0)
                {
                    _siteReported.Add(path);
                }
                else
                {
                    _siteReported.Remove(path);
                }

                if (_siteReports.Set(path, items))
                {
                    page.Revision = _siteReports.NextRevision();
                    work.Touched.Add(page);
                    if (_documents.FindByPath(path) is { } open)
                    {
                        work.OpenTouched.Add(open.Uri);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Everything the LSP form of a page's site diagnostics depends on (ids, severities, messages, ranges, related
    /// URIs and ranges), as one string: comparing it is far cheaper than converting and serializing, and on a site
    /// where most titles repeat, most pages' site diagnostics are unchanged by any one edit.
    /// </summary>
    private string Signature(Page page, List<Diagnostic> diagnostics)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var d in diagnostics)
        {
            sb.Append(d.Id).Append('|').Append((int)d.Severity).Append('|').Append(d.Message).Append('|').Append(RangeIn(page, d.Span)).Append('|');
            foreach (var r in d.RelatedLocations)
            {
                var other = r.DocumentPath is null ? page : _pages.GetValueOrDefault(r.DocumentPath);
                sb.Append(r.DocumentPath is null ? string.Empty : UriOf(r.DocumentPath)).Append(other is null ? Zero : RangeIn(other, r.Span)).Append(r.Message).Append(';');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private LspDiagnostic ToLsp(Page page, Diagnostic d)
    {
        var uri = UriOf(page.Path);
        return new LspDiagnostic
        {
            Range = RangeIn(page, d.Span),
            Severity = 5 - (int)d.Severity,
            Code = d.Id,
            CodeDescription = new CodeDescription(d.Descriptor.HelpLink),
            Source = LspConverter.Source,
            Message = d.Message,
            RelatedInformation = _session.RelatedInformation && d.RelatedLocations.Count > 0
                ? d.RelatedLocations.Select(r =>
                {
                    var other = r.DocumentPath is null ? page : _pages.GetValueOrDefault(r.DocumentPath);
                    var location = new Location(r.DocumentPath is null ? uri : UriOf(r.DocumentPath), other is null ? Zero : RangeIn(other, r.Span));
                    return new DiagnosticRelatedInformation(location, r.Message);
                }).ToArray()
                : null,
            Data = new DiagnosticData(d.Id, uri, 0, d.Span.Start, d.Span.Length),
        };
    }

    private static readonly LspRange Zero = new(new Position(0, 0), new Position(0, 0));

    /// <summary>The facts the site-wide rules see for a page: the editor's while it is open, else the file's.</summary>
    private (PageFacts? Facts, (TextSpan Span, LspRange Range)[] Ranges) CurrentFacts(Page page) =>
        _openFacts.TryGetValue(page.Path, out var open) ? open : (page.Facts, page.Ranges);

    private LspRange RangeIn(Page page, TextSpan span)
    {
        foreach (var (s, range) in CurrentFacts(page).Ranges)
        {
            if (s == span)
            {
                return range;
            }
        }

        return Zero;
    }

    private (TextSpan, LspRange)[] Ranges(PageFacts? facts, SourceText source) =>
        facts is null ? [] : facts.Spans().Distinct().Select(s => (s, _session.Positions.ToRange(source, s))).ToArray();

    /// <summary>The language id an editor would give the file (only used when the extension does not decide).</summary>
    private static string LanguageId(string path) => path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) ? "html" : "razor";

    /// <summary>The open document's URI (the client's spelling), else the page's own (computed once: building a Uri is not free, and site-wide passes ask thousands of times).</summary>
    private string UriOf(string path) => _documents.FindByPath(path)?.Uri ?? (_pages.TryGetValue(path, out var page) ? page.Uri : DocumentUris.FromLocalPath(path));

    /// <summary>Push clients get each closed file whose report changed; pull clients are asked to pull again.</summary>
    private void Publish(Work work)
    {
        foreach (var uri in work.OpenTouched)
        {
            _publisher.Schedule(uri, TimeSpan.Zero);
        }

        if (_session.PullDiagnostics)
        {
            if (work.Touched.Count > 0 || work.Gone.Count > 0 || work.OpenTouched.Count > 0)
            {
                RequestRefresh();
            }

            return;
        }

        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        foreach (var page in work.Gone)
        {
            if (page.ClientHasDiagnostics)
            {
                _publisher.PublishClosed(page.Uri, page.Path, []);
            }
        }

        foreach (var page in work.Touched.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            IReadOnlyList<LspDiagnostic> merged;
            lock (_gate)
            {
                if (page.Revision == page.PublishedRevision || !_pages.ContainsKey(page.Path))
                {
                    continue;
                }

                merged = _siteReports.Merge(page.Path, page.Own);
                if (merged.Count == 0 && !page.ClientHasDiagnostics)
                {
                    page.PublishedRevision = page.Revision; // nothing shown, nothing to show
                    continue;
                }
            }

            if (_publisher.PublishClosed(page.Uri, page.Path, merged))
            {
                lock (_gate)
                {
                    page.PublishedRevision = page.Revision;
                    page.ClientHasDiagnostics = merged.Count > 0;
                }
            }
        }
    }

    /// <summary><c>workspace/diagnostic/refresh</c>, at most one in flight: requests while one is out send one more afterwards.</summary>
    private void RequestRefresh()
    {
        if (!_session.DiagnosticRefresh)
        {
            return;
        }

        if (Interlocked.Increment(ref _refreshState) > 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            do
            {
                try
                {
                    await _connection.SendRequestAsync("workspace/diagnostic/refresh", new Empty(), LspJsonContext.Default.Empty, LspJsonContext.Default.JsonElement, _connection.Stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
                {
                    _logger.Debug(ex, "workspace/diagnostic/refresh failed");
                }
            }
            while (Interlocked.Exchange(ref _refreshState, 1) > 1 && !_stopping.IsCancellationRequested);

            Interlocked.Exchange(ref _refreshState, 0);
        });
    }

    // ---- membership ----

    private bool IsIndexed(string path)
    {
        lock (_gate)
        {
            return _pages.ContainsKey(path);
        }
    }

    private IEnumerable<string> IndexedUnder(string directory)
    {
        lock (_gate)
        {
            return _pages.Keys.Where(p => IgnoreRules.IsUnder(p, directory)).ToList();
        }
    }

    /// <summary>True for a template that belongs to the site: inside a workspace folder, not skipped or ignored, included by its configuration.</summary>
    public bool Belongs(string path)
    {
        if (!SiteFiles.IsTemplate(path) || RootOf(path) is not { } root || Ignores.IsExcluded(root, path))
        {
            return false;
        }

        return IncludeFilter.Includes(ConfigurationFor(path), path, root);
    }

    private string? RootOf(string path)
    {
        string? best = null;
        foreach (var folder in _session.WorkspaceFolders)
        {
            if (IgnoreRules.IsUnder(path, folder) && (best is null || folder.Length > best.Length))
            {
                best = folder;
            }
        }

        return best;
    }

    /// <summary>
    /// The configuration for a file, memoized per folder for the current generation: merging editor settings makes a
    /// new object per call, and thousands of closed files should share one (their facts keep a reference).
    /// </summary>
    private SmoLspConfiguration ConfigurationFor(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? path;
        var generation = _configuration.Generation;
        lock (_configurationByDirectory)
        {
            if (_configurationByDirectoryGeneration != generation)
            {
                _configurationByDirectory.Clear();
                _configurationByDirectoryGeneration = generation;
            }

            if (_configurationByDirectory.TryGetValue(directory, out var cached))
            {
                return cached;
            }
        }

        var configuration = _configuration.For(path);
        lock (_configurationByDirectory)
        {
            if (_configurationByDirectoryGeneration == generation)
            {
                _configurationByDirectory[directory] = configuration;
            }
        }

        return configuration;
    }

    /// <summary>Work-done progress for a long scan, when the client shows progress.</summary>
    private sealed class Progress : IDisposable
    {
        private readonly WorkspaceIndex _owner;
        private readonly string _token;
        private bool _ended;

        private Progress(WorkspaceIndex owner, string token)
        {
            _owner = owner;
            _token = token;
        }

        public static Progress? Start(WorkspaceIndex owner, string message)
        {
            if (!owner._session.WorkDoneProgress)
            {
                return null;
            }

            var token = "smolsp/index/" + Interlocked.Increment(ref owner._progressCount);
            try
            {
                owner._connection.SendRequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token),
                    LspJsonContext.Default.WorkDoneProgressCreateParams, LspJsonContext.Default.JsonElement, owner._stopping).Wait(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is AggregateException or LspException or OperationCanceledException or JsonException)
            {
                owner._logger.Debug("No indexing progress shown: {Message}", ex.Message);
                return null;
            }

            var progress = new Progress(owner, token);
            progress.Send("begin", "SmoLsp: indexing", message, 0);
            return progress;
        }

        public void Report(string message, int percentage) => Send("report", null, message, percentage);

        public void End(string message)
        {
            if (!_ended)
            {
                _ended = true;
                Send("end", null, message, null);
            }
        }

        public void Dispose() => End("stopped");

        private void Send(string kind, string? title, string? message, int? percentage) =>
            _owner._connection.SendNotification("$/progress", new ProgressParams(_token, new WorkDoneProgressValue(kind, title, message, percentage)), LspJsonContext.Default.ProgressParams);
    }

    /// <summary>Work queued for the next batch; merged by the queue, taken whole by the background thread.</summary>
    private sealed class Batch
    {
        public bool FullScan { get; set; }

        public bool RecheckAll { get; set; }

        public List<FileChange> Changes { get; } = [];

        public HashSet<string> Recheck { get; } = new(StringComparer.Ordinal);

        /// <summary>Files whose open document was just closed: re-read and always re-published.</summary>
        public HashSet<string> Closed { get; } = new(StringComparer.Ordinal);

        public bool SiteDirty { get; set; }

        public bool IsEmpty => !FullScan && Changes.Count == 0 && Recheck.Count == 0 && Closed.Count == 0 && !SiteDirty;
    }

    /// <summary>What one batch did, for publishing at its end.</summary>
    private sealed class Work
    {
        public HashSet<Page> Touched { get; } = [];

        public List<Page> Gone { get; } = [];

        public HashSet<string> OpenTouched { get; } = new(StringComparer.Ordinal);

        public bool SiteDirty { get; set; }

        public int Checked { get; set; }

        public int Removed { get; set; }
    }

    /// <summary>One indexed file: facts, not a parse tree.</summary>
    private sealed class Page(string path, string uri)
    {
        public string Path { get; } = path;

        public string Uri { get; } = uri;

        /// <summary>The file's own diagnostics from its last check on disk.</summary>
        public IReadOnlyList<LspDiagnostic> Own { get; set; } = [];

        public PageFacts? Facts { get; set; }

        /// <summary>The LSP ranges of the facts' spans, computed while the text was at hand.</summary>
        public (TextSpan Span, LspRange Range)[] Ranges { get; set; } = [];

        /// <summary>Changes whenever the page's report (own or site-wide) changes; its result id.</summary>
        public long Revision { get; set; }

        public long PublishedRevision { get; set; } = -1;

        /// <summary>The client shows diagnostics for this file (so an empty report must still be sent).</summary>
        public bool ClientHasDiagnostics { get; set; }

        /// <summary>The configuration generation the page was checked under.</summary>
        public int Generation { get; set; } = -1;
    }
}
