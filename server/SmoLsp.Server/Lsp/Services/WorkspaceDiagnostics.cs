using System.Diagnostics;
using System.Text;
using SmoLsp.Analysis.Site;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The language server's shell over the <see cref="SiteSession"/> for files nobody has open: the session decides which
/// files are pages, what a change affects and what the cross-page rules say; this class schedules that work in the
/// background and converts the answers to LSP — pushed (<c>publishDiagnostics</c> without a version) to clients that
/// do not pull, answered from <c>workspace/diagnostic</c> with result ids to clients that do.
/// <para>
/// For a closed file it keeps its diagnostics already in LSP form, never a parse tree. Open documents always win:
/// their analysis (by <see cref="DocumentAnalyzer"/>, over the editor's text) replaces the file's facts while open.
/// One low-priority background thread does the work, in batches: requests queue work and return.
/// </para>
/// </summary>
public sealed class WorkspaceDiagnostics : IDisposable
{
    /// <summary>Closed-file result ids start with this process's nonce, so ids a client kept from an earlier server never match.</summary>
    private static readonly string s_nonce = Guid.NewGuid().ToString("N")[..6];

    private readonly SiteSession _site;
    private readonly ClientSession _session;
    private readonly ConfigurationSync _configuration;
    private readonly DocumentStore _documents;
    private readonly DocumentAnalyzer _analyzer;
    private readonly DiagnosticPublisher _publisher;
    private readonly LspConverter _converter;
    private readonly CrossPageReports _crossPage;
    private readonly ClientRequests _requests;
    private readonly ILogger _logger;

    private readonly object _gate = new();
    private readonly Dictionary<string, Page> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _crossPageSignatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _propagatedVersions = new(StringComparer.Ordinal);

    private readonly object _queueGate = new();
    private Work _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _initialScan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private int _busy;

    /// <summary>The session's <see cref="SiteSession.FactsVersion"/> the cross-page findings were last computed at.</summary>
    private int _crossPageVersion = -1;

    public WorkspaceDiagnostics(SiteSession site, ClientSession session, ConfigurationSync configuration, DocumentStore documents, DocumentAnalyzer analyzer,
        DiagnosticPublisher publisher, LspConverter converter, CrossPageReports crossPage, ClientRequests requests, ILogger logger)
    {
        _site = site;
        _session = session;
        _configuration = configuration;
        _documents = documents;
        _analyzer = analyzer;
        _publisher = publisher;
        _converter = converter;
        _crossPage = crossPage;
        _requests = requests;
        _logger = logger;
        analyzer.Analyzed += OnOpenDocumentAnalyzed;
        configuration.Changed += () => Enqueue(w => w.Batch.Walk = true);
        _stopping = _stop.Token; // kept: the token outlives the source's disposal, the property does not
    }

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

    /// <summary>The checked pages, sorted.</summary>
    public IReadOnlyList<string> Paths => _site.Pages;

    /// <summary>After <c>initialized</c>: start the background thread and check the workspace folders.</summary>
    public void Start()
    {
        lock (_queueGate)
        {
            if (_thread is not null)
            {
                return;
            }

            _pending.Batch.Walk = true;
            // BelowNormal where the OS honours it; the loop also steps aside while open documents are analyzed.
            _thread = new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "smolsp workspace diagnostics" };
            _thread.Start();
        }

        _signal.Release();
    }

    /// <summary>Stops background work (shutdown); nothing more is published.</summary>
    public void Stop()
    {
        _stop.CancelQuietly();
        _initialScan.TrySetResult();
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
        _signal.Dispose();
    }

    /// <summary>
    /// <c>workspace/didChangeWatchedFiles</c>, or the server's own watcher: a changed <c>smolsp.json</c> re-reads the
    /// configuration at once; templates, layouts, images and ignore files are queued for the next batch, which re-checks
    /// exactly what depends on them.
    /// </summary>
    public void FilesChanged(IReadOnlyList<FileChange> changes)
    {
        if (changes.Any(c => SiteFiles.IsConfiguration(c.Path)))
        {
            _logger.Information("smolsp.json changed on disk");
            _configuration.FilesChanged();
        }

        Enqueue(w => w.Batch.Changes.AddRange(changes));
    }

    /// <summary>Events were lost (a watcher's buffer overflowed): walk again and check every file.</summary>
    public void RecheckAll() => Enqueue(w => w.Batch.CheckAll = true);

    /// <summary>Workspace folders were added or removed.</summary>
    public void FoldersChanged()
    {
        _site.SetFolders(_session.WorkspaceFolders);
        Enqueue(w => w.Batch.Walk = true);
    }

    /// <summary>
    /// A document was closed. Returns true when the site takes over its file (it is one of its pages): the file is
    /// checked again from disk (the editor may not have saved) and that report replaces the open one. False for
    /// documents outside the site, which the caller clears.
    /// </summary>
    public bool DocumentClosed(string uri, string? path)
    {
        lock (_gate)
        {
            _propagatedVersions.Remove(uri);
        }

        if (path is null)
        {
            return false;
        }

        _site.RecordOpen(path, null);
        var belongs = _site.Contains(path) || _site.Belongs(path);

        // Other files read this one through the overlay until now: they see the disk text from here on.
        var dependents = _site.Graph.DependentsOf(path);
        Enqueue(w =>
        {
            w.Batch.Check.UnionWith(dependents);
            if (belongs)
            {
                w.Batch.Check.Add(path);
                w.Closed.Add(path);
            }
        });
        if (!belongs)
        {
            _site.Graph.Remove(path);
        }

        return belongs;
    }

    /// <summary>The report of a checked file that is not open, for <c>textDocument/diagnostic</c> on a closed document.</summary>
    public (string ResultId, IReadOnlyList<LspDiagnostic> Items)? ClosedReport(string uri)
    {
        if (DocumentUris.ToLocalPath(uri) is not { } path)
        {
            return null;
        }

        lock (_gate)
        {
            return _pages.TryGetValue(path, out var page) ? (ResultId(page), _crossPage.Merge(path, page.Own)) : null;
        }
    }

    /// <summary>
    /// <c>workspace/diagnostic</c>: every open document (its live report) and every checked file (its last report),
    /// <c>unchanged</c> where the client already has the result id, and an empty full report for files the client
    /// knew that are gone. Waits for the first check (cancellable); later changes are announced with a refresh.
    /// </summary>
    public async Task<WorkspaceDiagnosticReport> WorkspaceReportAsync(WorkspaceDiagnosticParams p,
        Func<DocumentSnapshot, (string ResultId, IReadOnlyList<LspDiagnostic> Items)> openReport, CancellationToken cancellationToken)
    {
        await _initialScan.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        // The documents open now, not when the request arrived: the first pull waits for the check, and a file opened
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

        List<(string Uri, string ResultId, IReadOnlyList<LspDiagnostic> Own, string Path)> closed;
        lock (_gate)
        {
            closed = [.. _pages.Values.Where(page => !openPaths.Contains(page.Path)).Select(page => (page.Uri, ResultId(page), page.Own, page.Path))];
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
                : new WorkspaceDocumentDiagnosticReport("full", uri, null, resultId, _crossPage.Merge(path, own)));
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
    /// An open document was analyzed afresh: the session records its dependencies and facts, and, when its text
    /// changed since last time, the files that read it are checked again (a layout being edited re-checks its pages).
    /// Propagating only on a new version is what keeps two open files that read each other from re-checking each other forever.
    /// </summary>
    private void OnOpenDocumentAnalyzed(DocumentAnalysis analysis)
    {
        var document = analysis.Document;
        if (document.FilePath is not { } path)
        {
            return;
        }

        _configuration.ReportProblems(analysis.Page.Settings);
        var factsVersion = _site.FactsVersion;
        _site.RecordOpen(path, analysis.Page);
        var crossPageChanged = _site.FactsVersion != factsVersion;
        bool propagate;
        lock (_gate)
        {
            propagate = !_propagatedVersions.TryGetValue(document.Uri, out var seen) || seen != document.Version;
            _propagatedVersions[document.Uri] = document.Version;
        }

        var dependents = propagate ? _site.Graph.DependentsOf(path) : [];
        if (crossPageChanged || dependents.Count > 0)
        {
            Enqueue(w =>
            {
                w.CrossPageDirty = true; // even with nothing to check, the batch recomputes the cross-page findings
                w.Batch.Check.UnionWith(dependents);
            });
        }
    }

    // ---- the background thread ----

    private void Enqueue(Action<Work> add)
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
                _session.SettingsReady.Wait(ClientSession.SettingsWait, token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
            }

            while (!token.IsCancellationRequested)
            {
                _signal.Wait(token);
                Work work;
                lock (_queueGate)
                {
                    work = _pending;
                    _pending = new Work();
                    if (work.IsEmpty)
                    {
                        continue;
                    }

                    Interlocked.Increment(ref _busy);
                }

                try
                {
                    Process(work, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    _logger.Error(ex, "Workspace diagnostics: a batch of work failed");
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                    if (work.Batch.Walk)
                    {
                        _initialScan.TrySetResult();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Shutting down.
        }
        finally
        {
            _initialScan.TrySetResult();
        }
    }

    private void Process(Work work, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        var plan = _site.Plan(work.Batch, path => _documents.FindByPath(path) is not null, token);
        foreach (var problem in plan.Problems)
        {
            _logger.Warning("Workspace diagnostics: {Path}: {Message}", problem.Path, problem.Message);
        }

        var touched = new HashSet<Page>();
        var gone = new List<Page>();
        var openTouched = new HashSet<string>(StringComparer.Ordinal);

        foreach (var path in plan.Removed)
        {
            Drop(path, gone);
        }

        foreach (var path in plan.OpenAffected)
        {
            // An open page is the editor's: something it reads changed, so its analysis is dropped and published again.
            if (_documents.FindByPath(path) is { } open)
            {
                _analyzer.Forget(open.Uri);
                _crossPage.Touch(path);
                openTouched.Add(open.Uri);
            }
        }

        using (var progress = plan.Walked && plan.Check.Count > 0 ? _requests.StartProgress("SmoLsp: checking", $"checking {plan.Check.Count} template(s) in the workspace") : null)
        {
            var done = 0;
            var lastReport = Stopwatch.GetTimestamp();
            _site.AnalyzeAll(plan.Check, 1, analysis =>
            {
                Store(analysis, work.Closed.Contains(analysis.Path), touched, gone);
                StepAside();
                done++;
                if (progress is not null && Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromMilliseconds(200))
                {
                    lastReport = Stopwatch.GetTimestamp();
                    progress.Report($"{done}/{plan.Check.Count}", done * 100 / plan.Check.Count);
                }

                return 0;
            }, token);
            progress?.End($"{_site.Pages.Count} template(s) checked");
        }

        var checkedAt = Stopwatch.GetTimestamp();
        if (_site.FactsVersion != _crossPageVersion || plan.Walked)
        {
            _crossPageVersion = _site.FactsVersion;
            RecomputeCrossPage(touched, openTouched);
        }

        var crossPageAt = Stopwatch.GetTimestamp();
        Publish(touched, gone, openTouched);
        if (plan.Check.Count > 0 || gone.Count > 0)
        {
            _logger.Debug("Workspace diagnostics: {Checked} checked, {Removed} removed in {Ms:0} ms (check {Check:0}, cross-page {Site:0}, publish {Publish:0}); {Count} pages",
                plan.Check.Count, gone.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Stopwatch.GetElapsedTime(started, checkedAt).TotalMilliseconds,
                Stopwatch.GetElapsedTime(checkedAt, crossPageAt).TotalMilliseconds, Stopwatch.GetElapsedTime(crossPageAt).TotalMilliseconds, _site.Pages.Count);
        }
    }

    /// <summary>Keeps a closed page's diagnostics in LSP form.</summary>
    private void Store(PageAnalysis analysis, bool closed, HashSet<Page> touched, List<Page> gone)
    {
        var path = analysis.Path;
        if (analysis.NotFound)
        {
            Drop(path, gone);
            return;
        }

        if (!analysis.Settings.Success)
        {
            _configuration.ReportProblems(analysis.Settings);
        }

        var uri = DocumentUris.FromLocalPath(path);
        IReadOnlyList<LspDiagnostic> own = [];
        if (analysis.Source is { } source)
        {
            var snapshot = new DocumentSnapshot(uri, LanguageId(path), 0, source);
            own = [.. analysis.Diagnostics.Select(d => _converter.ToLsp(snapshot, d))];
        }
        else
        {
            _logger.Debug("Workspace diagnostics: {Path}: {Message}", path, analysis.SkipReason);
        }

        lock (_gate)
        {
            if (!_pages.TryGetValue(path, out var page))
            {
                _pages[path] = page = new Page(path, uri) { Revision = _crossPage.NextRevision() };
            }

            if (!CrossPageReports.SameDiagnostics(page.Own, own))
            {
                page.Own = own;
                page.Revision = _crossPage.NextRevision();
            }

            if (closed)
            {
                // The editor showed the open document's diagnostics; replace them whatever the disk report is.
                page.ClientHasDiagnostics = true;
                page.PublishedRevision = -1;
                page.Revision = _crossPage.NextRevision();
            }

            touched.Add(page);
        }
    }

    /// <summary>Forgets a page that left the site (deleted, ignored): <see cref="Publish"/> clears what the client shows of it.</summary>
    private void Drop(string path, List<Page> gone)
    {
        lock (_gate)
        {
            if (_pages.Remove(path, out var page))
            {
                gone.Add(page);
            }
        }
    }

    /// <summary>Background work waits while open documents are being analyzed: the file in front of the user comes first.</summary>
    private void StepAside()
    {
        for (var i = 0; i < 50 && _analyzer.ActiveAnalyses > 0; i++)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// The session's cross-page findings, converted and stored per page. Pages whose cross-page diagnostics changed
    /// get a new revision and are published again (or re-pulled).
    /// </summary>
    private void RecomputeCrossPage(HashSet<Page> touched, HashSet<string> openTouched)
    {
        IReadOnlyList<SiteDiagnostic> findings;
        try
        {
            findings = _site.CrossPageFindings();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.Error(ex, "Cross-page rules failed");
            return;
        }

        // An inline suppression hides the finding in the editor; check reports it as suppressed (SARIF).
        var byPath = findings.Where(d => d.Suppression is null).GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var path in _crossPageSignatures.Keys.Union(byPath.Keys).ToList())
            {
                var list = byPath.GetValueOrDefault(path);
                var signature = list is null ? string.Empty : Signature(list);
                if (_crossPageSignatures.GetValueOrDefault(path, string.Empty) == signature)
                {
                    continue; // what the client would get is what it has: skip converting and comparing
                }

                if (list is null)
                {
                    _crossPageSignatures.Remove(path);
                }
                else
                {
                    _crossPageSignatures[path] = signature;
                }

                IReadOnlyList<LspDiagnostic> items = list is null ? [] : [.. list.Select(d => _converter.ToLsp(d, UriOf))];
                if (_crossPage.Set(path, items))
                {
                    if (_pages.TryGetValue(path, out var page))
                    {
                        page.Revision = _crossPage.NextRevision();
                        touched.Add(page);
                    }

                    if (_documents.FindByPath(path) is { } open)
                    {
                        openTouched.Add(open.Uri);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Everything the LSP form of a page's cross-page diagnostics depends on, as one string: comparing it is far
    /// cheaper than converting and serializing, and on a site where most titles repeat, most pages' findings are
    /// unchanged by any one edit.
    /// </summary>
    private static string Signature(List<SiteDiagnostic> findings)
    {
        var sb = new StringBuilder();
        foreach (var d in findings)
        {
            sb.Append(d.Diagnostic.Id).Append('|').Append((int)d.Diagnostic.Severity).Append('|').Append(d.Diagnostic.Message).Append('|').Append(d.Range).Append('|');
            foreach (var r in d.Related)
            {
                sb.Append(r.Path).Append(r.Range).Append(r.Message).Append(';');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The language id an editor would give the file (only used when the extension does not decide).</summary>
    private static string LanguageId(string path) => path.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) ? "razor" : "html";

    /// <summary>The open document's URI (the client's spelling), else the page's own (computed once: building a Uri is not free).</summary>
    private string UriOf(string path) => _documents.FindByPath(path)?.Uri ?? (_pages.TryGetValue(path, out var page) ? page.Uri : DocumentUris.FromLocalPath(path));

    /// <summary>Push clients get each closed file whose report changed; pull clients are asked to pull again.</summary>
    private void Publish(HashSet<Page> touched, List<Page> gone, HashSet<string> openTouched)
    {
        foreach (var uri in openTouched)
        {
            _publisher.Schedule(uri, TimeSpan.Zero);
        }

        if (_session.PullDiagnostics)
        {
            if (touched.Count > 0 || gone.Count > 0 || openTouched.Count > 0)
            {
                _requests.RefreshDiagnostics();
            }

            return;
        }

        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        foreach (var page in gone.Where(p => p.ClientHasDiagnostics))
        {
            _publisher.PublishClosed(page.Uri, page.Path, []);
        }

        foreach (var page in touched.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            IReadOnlyList<LspDiagnostic> merged;
            lock (_gate)
            {
                if (page.Revision == page.PublishedRevision || !_pages.ContainsKey(page.Path))
                {
                    continue;
                }

                merged = _crossPage.Merge(page.Path, page.Own);
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

    /// <summary>Work queued for the next batch; merged by the queue, taken whole by the background thread.</summary>
    private sealed class Work
    {
        public SiteBatch Batch { get; } = new();

        /// <summary>Files whose open document was just closed: re-read and always re-published.</summary>
        public HashSet<string> Closed { get; } = new(StringComparer.Ordinal);

        /// <summary>An open page's facts changed: a batch must run to recompute the cross-page findings.</summary>
        public bool CrossPageDirty { get; set; }

        public bool IsEmpty => Batch.IsEmpty && Closed.Count == 0 && !CrossPageDirty;
    }

    /// <summary>One checked file: its diagnostics in LSP form, not a parse tree.</summary>
    private sealed class Page(string path, string uri)
    {
        public string Path { get; } = path;

        public string Uri { get; } = uri;

        /// <summary>The file's own diagnostics from its last check on disk.</summary>
        public IReadOnlyList<LspDiagnostic> Own { get; set; } = [];

        /// <summary>Changes whenever the page's report (own or cross-page) changes; its result id.</summary>
        public long Revision { get; set; }

        public long PublishedRevision { get; set; } = -1;

        /// <summary>The client shows diagnostics for this file (so an empty report must still be sent).</summary>
        public bool ClientHasDiagnostics { get; set; }
    }
}
