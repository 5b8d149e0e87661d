using System.Collections.Concurrent;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using Serilog;
using SmoLsp.Server.Workspace;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>A document version analyzed under one configuration generation.</summary>
public sealed record DocumentAnalysis(
    DocumentSnapshot Document,
    int ConfigurationGeneration,
    SmoLspConfiguration Configuration,
    AnalysisResult? Result,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Every other file the analysis read (layouts, images), whether or not it existed: the page's dependencies.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];
}

/// <summary>
/// Runs the analysis core on document snapshots and keeps the latest result per open document, so diagnostics, code
/// actions and hover on one version share one analysis. The core isolates a throwing rule (SMO900); if the engine
/// itself throws, the document gets one SMO900 saying so and the server carries on.
/// </summary>
public sealed class DocumentAnalyzer
{
    private readonly AnalysisEngine _engine;
    private readonly WorkspaceConfiguration _configuration;
    private readonly DocumentStore _documents;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DocumentAnalysis> _latest = new(StringComparer.Ordinal);
    private int _active;

    public DocumentAnalyzer(AnalysisEngine engine, WorkspaceConfiguration configuration, DocumentStore documents, ILogger logger, PluginRules? plugins = null)
    {
        _engine = engine;
        _configuration = configuration;
        _documents = documents;
        _logger = logger;
        _plugins = plugins;

        // Open documents win over disk content: a layout being edited composes with its unsaved text.
        _workspace = new FileSystemWorkspace { Overlay = path => documents.FindByPath(path)?.ToTemplateDocument() };
    }

    private readonly FileSystemWorkspace _workspace;
    private readonly PluginRules? _plugins;

    /// <summary>Other files as the analysis sees them; invalidate entries when the client reports file changes.</summary>
    public FileSystemWorkspace Workspace => _workspace;

    public IReadOnlyList<RuleDescriptor> Descriptors => _engine.Descriptors;

    /// <summary>Open-document analyses running now; background indexing steps aside while there are any.</summary>
    public int ActiveAnalyses => Volatile.Read(ref _active);

    /// <summary>Raised after each fresh analysis of an open document (not for cached ones): the index records its dependencies and facts.</summary>
    public event Action<DocumentAnalysis>? Analyzed;

    public DocumentAnalysis Analyze(DocumentSnapshot document)
    {
        var generation = _configuration.Generation;
        if (_latest.TryGetValue(document.Uri, out var cached) && ReferenceEquals(cached.Document, document) && cached.ConfigurationGeneration == generation)
        {
            return cached;
        }

        Interlocked.Increment(ref _active);
        var (engine, configuration) = _plugins?.For(document.FilePath, _configuration.For(document.FilePath)) ?? (_engine, _configuration.For(document.FilePath));
        AnalysisResult? result = null;
        IReadOnlyList<Diagnostic> diagnostics;
        var recorder = new RecordingWorkspace(_workspace, document.FilePath);
        try
        {
            result = engine.Analyze(document.ToTemplateDocument(), configuration, recorder);
            diagnostics = result.Diagnostics;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.Error(ex, "Analysis of {Uri} v{Version} failed", document.Uri, document.Version);
            var message = $"SmoLsp could not analyze this document: {ex.GetType().Name}: {ex.Message}";
            diagnostics = [new Diagnostic(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity, message, [], [])];
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }

        var analysis = new DocumentAnalysis(document, generation, configuration, result, diagnostics) { Dependencies = recorder.Dependencies };
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
                _logger.Error(ex, "Recording the analysis of {Uri} in the workspace index failed", document.Uri);
            }
        }

        return analysis;
    }

    public void Forget(string uri) => _latest.TryRemove(uri, out _);
}
