using System.Collections.Concurrent;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>A document version analyzed under one configuration generation.</summary>
public sealed record DocumentAnalysis(DocumentSnapshot Document, int ConfigurationGeneration, PageAnalysis Page)
{
    public SmoLspConfiguration Configuration => Page.Configuration;

    public AnalysisResult? Result => Page.Result;

    public IReadOnlyList<Diagnostic> Diagnostics => Page.Diagnostics;
}

/// <summary>
/// Analyzes open documents through the <see cref="SiteSession"/> (the editor's text instead of the file's) and keeps
/// the latest result per document, so diagnostics, code actions and hover on one version share one analysis.
/// </summary>
public sealed class DocumentAnalyzer
{
    private readonly SiteSession _site;
    private readonly DocumentStore _documents;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DocumentAnalysis> _latest = new(StringComparer.Ordinal);
    private int _active;

    public DocumentAnalyzer(SiteSession site, DocumentStore documents, ILogger logger)
    {
        _site = site;
        _documents = documents;
        _logger = logger;

        // Open documents win over disk content: a layout being edited composes with its unsaved text.
        site.Workspace.Overlay = path => documents.FindByPath(path)?.ToTemplateDocument();
    }

    /// <summary>Open-document analyses running now; background checks step aside while there are any.</summary>
    public int ActiveAnalyses => Volatile.Read(ref _active);

    /// <summary>Raised after each fresh analysis of an open document (not for cached ones): the session records its dependencies and facts.</summary>
    public event Action<DocumentAnalysis>? Analyzed;

    public DocumentAnalysis Analyze(DocumentSnapshot document)
    {
        var generation = _site.Settings.Generation;
        if (_latest.TryGetValue(document.Uri, out var cached) && ReferenceEquals(cached.Document, document) && cached.ConfigurationGeneration == generation)
        {
            return cached;
        }

        Interlocked.Increment(ref _active);
        PageAnalysis page;
        try
        {
            if (document.FilePath is { } path)
            {
                _site.AllowRootOf(path);
            }

            // An untitled buffer has no folder: it is judged alone, with the editor's settings.
            page = _site.Analyze(document.ToTemplateDocument(), compose: document.FilePath is not null);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }

        if (page.Failure is { } failure)
        {
            _logger.Error("Analysis of {Uri} v{Version} failed: {Failure}", document.Uri, document.Version, failure);
        }

        var analysis = new DocumentAnalysis(document, generation, page);
        _latest.AddOrUpdate(document.Uri, analysis, (_, existing) => existing.Document.Version > document.Version ? existing : analysis);

        // A document closed while it was being analyzed must not stay cached.
        if (_documents.Get(document.Uri) is null)
        {
            _latest.TryRemove(document.Uri, out _);
        }
        else
        {
            try
            {
                Analyzed?.Invoke(analysis);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.Error(ex, "Recording the analysis of {Uri} in the site failed", document.Uri);
            }
        }

        return analysis;
    }

    public void Forget(string uri) => _latest.TryRemove(uri, out _);
}
