using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// The settings a file is checked with, in layers (highest first): <c>--rule</c> on the command line, the
/// <c>smolsp.json</c> that applies (<c>--config</c>, or the nearest one above the file), the <c>.editorconfig</c>
/// <c>dotnet_diagnostic.SMOxxx.severity</c> entries that match the file, then each rule's default. Like Roslyn,
/// where a ruleset or global config is overridden by explicit options, the tool's own configuration is more specific
/// than the editor-wide file shared with other tools, so <c>smolsp.json</c> wins over <c>.editorconfig</c>.
/// </summary>
public sealed class EffectiveSettings
{
    private readonly ConfigurationLoader _loader;
    private readonly ConfigurationResult? _explicitConfig;
    private readonly IReadOnlyList<KeyValuePair<string, RuleSeverity>> _overrides;
    private readonly HashSet<string> _knownIds;
    private readonly EditorConfig _editorConfig;
    // Read from analysis workers too (the file-system workspace asks for a page's web root), so it must be thread-safe.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ConfigurationResult> _baseByDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<ConfigurationResult, Dictionary<string, SmoLspConfiguration>> _layered = new(ReferenceEqualityComparer.Instance);

    public EffectiveSettings(ConfigurationLoader loader, ConfigurationResult? explicitConfig, IReadOnlyList<KeyValuePair<string, RuleSeverity>> overrides,
        IReadOnlyList<RuleDescriptor> descriptors, EditorConfig? editorConfig = null)
    {
        _loader = loader;
        _explicitConfig = explicitConfig;
        _overrides = overrides;
        _knownIds = new HashSet<string>(descriptors.Select(d => d.Id), StringComparer.OrdinalIgnoreCase);
        _editorConfig = editorConfig ?? new EditorConfig();
    }

    public IReadOnlyList<KeyValuePair<string, RuleSeverity>> Overrides => _overrides;

    /// <summary>The <c>smolsp.json</c> layer for files in <paramref name="directory"/>; one lookup per folder.</summary>
    public ConfigurationResult BaseFor(string directory)
    {
        if (_explicitConfig is { } explicitConfig)
        {
            return explicitConfig;
        }

        return _baseByDirectory.GetOrAdd(directory, _loader.LoadFor);
    }

    /// <summary>
    /// The <c>.editorconfig</c> severities that take effect for a file: those of known rules that its
    /// <c>smolsp.json</c> does not set (an unknown id may be a newer smolsp's rule; the file is shared, so no error).
    /// </summary>
    public IReadOnlyList<EditorConfigSeverity> EditorConfigFor(ConfigurationResult baseResult, string fullPath)
    {
        var all = _editorConfig.SeveritiesFor(fullPath);
        if (all.Count == 0)
        {
            return [];
        }

        return [.. all.Values
            .Where(e => _knownIds.Contains(e.RuleId) && baseResult.Configuration.GetRuleOptions(e.RuleId).Severity is null)
            .OrderBy(e => e.RuleId, StringComparer.Ordinal)];
    }

    /// <summary>The configuration to analyze <paramref name="fullPath"/> with; shared between files with the same layers.</summary>
    public SmoLspConfiguration For(ConfigurationResult baseResult, string fullPath)
    {
        var fromEditorConfig = EditorConfigFor(baseResult, fullPath);
        var key = fromEditorConfig.Count == 0 ? string.Empty : string.Join(';', fromEditorConfig.Select(e => $"{e.RuleId}={e.Severity}"));
        if (!_layered.TryGetValue(baseResult, out var byKey))
        {
            _layered[baseResult] = byKey = new Dictionary<string, SmoLspConfiguration>(StringComparer.Ordinal);
        }

        if (!byKey.TryGetValue(key, out var configuration))
        {
            configuration = baseResult.Configuration;
            foreach (var e in fromEditorConfig)
            {
                configuration = configuration.WithRuleSeverity(e.RuleId, e.Severity);
            }

            foreach (var (id, severity) in _overrides)
            {
                configuration = configuration.WithRuleSeverity(id, severity);
            }

            byKey[key] = configuration;
        }

        return configuration;
    }
}
