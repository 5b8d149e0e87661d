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
/// it once: each other file's parse and facts by (path, text), and each layout's own analysis by (configuration,
/// path), valid while the texts of every file it read are unchanged. Thread-safe; lives as long as the engine. Entries
/// are replaced when a file's text changes, so the cache holds one entry per file, not per version.
/// </summary>
internal sealed class CompositionCache
{
    private readonly ConcurrentDictionary<string, TemplateFacts> _facts = new(StringComparer.Ordinal);

    /// <summary>What each folder's site markers say (<c>_config.yml</c>, <c>hugo.toml</c>...), asked once per folder.</summary>
    public ConcurrentDictionary<string, Site.MarkerResult> SiteMarkers { get; } = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<SmoLspConfiguration, ConcurrentDictionary<string, OwnEntry>> _own = new();

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

    /// <summary>A cached analysis of <paramref name="document"/> when one exists for this configuration and nothing it read has changed.</summary>
    public EngineOutcome? TryGetAnalysis(SmoLspConfiguration configuration, ITemplateWorkspace workspace, TemplateDocument document)
    {
        if (!_own.TryGetValue(configuration, out var entries) || !entries.TryGetValue(document.Path, out var entry))
        {
            return null;
        }

        if (entry.Text != document.Text)
        {
            return null;
        }

        foreach (var (path, text) in entry.Dependencies)
        {
            var current = GetFacts(workspace, path)?.Text;
            if (!(ReferenceEquals(current, text) || current == text))
            {
                return null;
            }
        }

        return entry.Outcome;
    }

    /// <summary>The own findings of the file at <paramref name="path"/>, analyzing it (once) when needed.</summary>
    public OwnFindings GetOwnFindings(string path, SmoLspConfiguration configuration, ITemplateWorkspace workspace, Func<TemplateDocument, EngineOutcome> analyze)
    {
        var facts = GetFacts(workspace, path);
        if (facts is null)
        {
            return OwnFindings.None;
        }

        if (TryGetAnalysis(configuration, workspace, facts.Document) is { } cached)
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

            _own.GetOrCreateValue(configuration)[path] = new OwnEntry(facts.Text, dependencies, outcome);
            return outcome.Own;
        }
        finally
        {
            inProgress.Remove(path);
        }
    }

    private sealed record OwnEntry(string Text, IReadOnlyList<(string Path, string? Text)> Dependencies, EngineOutcome Outcome);
}

/// <summary>An analysis plus what it reported as the document's own (for pages composed with this file).</summary>
internal sealed record EngineOutcome(AnalysisResult Result, OwnFindings Own);
