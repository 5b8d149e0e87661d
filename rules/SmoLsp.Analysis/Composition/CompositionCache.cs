using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Composition;

/// <summary>What a layout (or host, or head partial) reports when analyzed as itself: a page never repeats these.</summary>
internal sealed record OwnFindings(HashSet<string> DocumentLevelIds, HashSet<(string Id, TextSpan Span)> Located)
{
    public static readonly OwnFindings None = new(new HashSet<string>(), new HashSet<(string, TextSpan)>());
}

/// <summary>
/// What composition reuses across the pages of a site, so a thousand pages sharing a layout parse it once and analyze
/// it once: each other file's parse and facts by (path, text), and each layout's own findings by (configuration,
/// path), valid while the texts of every file it read are unchanged; the layout's whole analysis only until the layout
/// itself is analyzed. Thread-safe; lives as long as the engine. Entries are replaced when a file's text changes, so
/// the cache holds one entry per file, not per version.
/// </summary>
internal sealed class CompositionCache
{
    private readonly ConcurrentDictionary<string, TemplateFacts> _facts = new(StringComparer.Ordinal);

    /// <summary>What each folder's site markers say (<c>_config.yml</c>, <c>hugo.toml</c>...), asked once per folder.</summary>
    public ConcurrentDictionary<string, Site.MarkerResult> SiteMarkers { get; } = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<SmoLspConfiguration, ConcurrentDictionary<string, OwnEntry>> _own = new();

    // The paths of files already analyzed as themselves (a set: each maps to itself, and a dictionary of references is
    // precompiled where one of bools is not): a layout's whole analysis is kept for that one use only. A check analyzes
    // each file once, and every layout's parse and composed text kept to the end made large sites' memory grow.
    private readonly ConcurrentDictionary<string, string> _analyzedAsThemselves = new(StringComparer.Ordinal);

    // Guards against a layout whose own analysis needs itself (a cycle the composer did not catch).
    [ThreadStatic]
    private static HashSet<string>? t_inProgress;

    /// <summary>The facts of another template, parsed once per text; null when the workspace has no such file.</summary>
    public TemplateFacts? GetFacts(ITemplateWorkspace workspace, string path)
    {
        var document = workspace.GetTemplate(path);
        if (document is null)
        {
            return null;
        }

        if (_facts.TryGetValue(path, out var cached) && (ReferenceEquals(cached.Text, document.Text) || cached.Text == document.Text))
        {
            return cached;
        }

        var facts = TemplateFacts.Create(document with { Path = path });
        _facts[path] = facts;
        return facts;
    }

    /// <summary>
    /// The analysis of <paramref name="document"/> made for one of its pages, when one exists for this configuration and
    /// nothing it read has changed. Given out once: the file is being analyzed as itself.
    /// </summary>
    public EngineOutcome? TakeAnalysis(SmoLspConfiguration configuration, ITemplateWorkspace workspace, TemplateDocument document)
    {
        _analyzedAsThemselves.TryAdd(document.Path, document.Path);
        return Current(configuration, workspace, document.Path, document.Text)?.TakeOutcome();
    }

    /// <summary>The own findings of the file at <paramref name="path"/>, analyzing it (once) when needed.</summary>
    public OwnFindings GetOwnFindings(string path, SmoLspConfiguration configuration, ITemplateWorkspace workspace, Func<TemplateDocument, EngineOutcome> analyze)
    {
        var facts = GetFacts(workspace, path);
        if (facts is null)
        {
            return OwnFindings.None;
        }

        if (Current(configuration, workspace, path, facts.Text) is { } cached)
        {
            return cached.Own;
        }

        var inProgress = t_inProgress ??= new HashSet<string>(StringComparer.Ordinal);
        if (!inProgress.Add(path))
        {
            return OwnFindings.None;
        }

        try
        {
            var outcome = analyze(facts.Document);
            var dependencies = new List<(string, string?)>();
            if (outcome.Result.Composition is { } view)
            {
                foreach (var dependency in view.Composed.Dependencies.Distinct(StringComparer.Ordinal))
                {
                    if (dependency != path)
                    {
                        dependencies.Add((dependency, GetFacts(workspace, dependency)?.Text));
                    }
                }
            }

            _own.GetOrCreateValue(configuration)[path] = new OwnEntry(facts.Text, dependencies, outcome, keep: !_analyzedAsThemselves.ContainsKey(path));
            return outcome.Own;
        }
        finally
        {
            inProgress.Remove(path);
        }
    }

    /// <summary>The entry of the file at <paramref name="path"/> when its text and the texts of every file it read are unchanged.</summary>
    private OwnEntry? Current(SmoLspConfiguration configuration, ITemplateWorkspace workspace, string path, string text)
    {
        if (!_own.TryGetValue(configuration, out var entries) || !entries.TryGetValue(path, out var entry) || entry.Text != text)
        {
            return null;
        }

        foreach (var (dependency, dependencyText) in entry.Dependencies)
        {
            var current = GetFacts(workspace, dependency)?.Text;
            if (!(ReferenceEquals(current, dependencyText) || current == dependencyText))
            {
                return null;
            }
        }

        return entry;
    }

    private sealed class OwnEntry(string text, IReadOnlyList<(string Path, string? Text)> dependencies, EngineOutcome outcome, bool keep)
    {
        private EngineOutcome? _outcome = keep ? outcome : null;

        public string Text { get; } = text;

        public IReadOnlyList<(string Path, string? Text)> Dependencies { get; } = dependencies;

        public OwnFindings Own { get; } = outcome.Own;

        public EngineOutcome? TakeOutcome() => Interlocked.Exchange(ref _outcome, null);
    }
}

/// <summary>An analysis plus what it reported as the document's own (for pages composed with this file).</summary>
internal sealed record EngineOutcome(AnalysisResult Result, OwnFindings Own);
