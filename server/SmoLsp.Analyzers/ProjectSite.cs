using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analyzers;

/// <summary>
/// One compilation's view of its site, from its AdditionalFiles only (the analyzer never reads the disk): which of them
/// are pages, the configuration each is checked with — <c>smolsp.json</c> (the nearest up to the root), then
/// <c>.editorconfig</c> sections (read here: the compiler ignores per-section <c>dotnet_diagnostic</c> keys for
/// additional files), with <c>.globalconfig</c> and <c>NoWarn</c>/<c>WarningsAsErrors</c> over both, as the compiler
/// applies them anyway — and the folder of each page's site. The same decisions as the site session of
/// <c>smolsp check</c>, over the files the build passes (docs/analyzers.md). Thread-safe.
/// </summary>
internal sealed class ProjectSite
{
    private readonly Dictionary<string, AdditionalText> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigurationResult?> _configByFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object?> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SmoLspConfiguration> _layered = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<KeyValuePair<string, RuleSeverity>> _buildSeverities;
    private readonly IReadOnlyList<RuleDescriptor> _knownRules;
    private readonly CancellationToken _cancellation;

    private ProjectSite(ImmutableArray<AdditionalText> files, string? projectFile, string? root, IReadOnlyList<KeyValuePair<string, RuleSeverity>> buildSeverities,
        IReadOnlyList<RuleDescriptor> knownRules, CancellationToken cancellation)
    {
        foreach (var file in files)
        {
            if (!string.IsNullOrEmpty(file.Path) && Path.IsPathRooted(file.Path) && !_byPath.ContainsKey(file.Path))
            {
                _byPath.Add(file.Path, file);
                for (var d = Path.GetDirectoryName(file.Path); !string.IsNullOrEmpty(d) && _folders.Add(d!); d = Path.GetDirectoryName(d))
                {
                }
            }
        }

        ProjectFile = projectFile;
        ProjectDirectory = projectFile is null ? null : Path.GetDirectoryName(projectFile);
        Root = Trim(root) ?? ProjectDirectory;
        _buildSeverities = buildSeverities;
        _knownRules = knownRules;
        _cancellation = cancellation;
    }

    /// <summary>The project file (<c>build_property.MSBuildProjectFullPath</c>), or null outside MSBuild.</summary>
    public string? ProjectFile { get; }

    public string? ProjectDirectory { get; }

    /// <summary>The folder configuration is looked for up to: the repository, else the project (as <c>smolsp check</c>).</summary>
    public string? Root { get; }

    public IReadOnlyCollection<AdditionalText> Files => _byPath.Values;

    public static ProjectSite Create(AnalyzerOptions options, CompilationOptions compilation, IReadOnlyList<RuleDescriptor> knownRules, CancellationToken cancellation)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        global.TryGetValue("build_property.MSBuildProjectFullPath", out var projectFile);
        global.TryGetValue("build_property.SmoLspRoot", out var root);
        return new ProjectSite(options.AdditionalFiles, string.IsNullOrEmpty(projectFile) ? null : projectFile, root, BuildSeverities(compilation, knownRules, cancellation), knownRules, cancellation);
    }

    /// <summary>
    /// What the build itself says about SMO rules: <c>.globalconfig</c> <c>dotnet_diagnostic.SMOxxx.severity</c>,
    /// <c>NoWarn</c>, <c>WarningsAsErrors</c>. The compiler applies these to what the analyzer reports whatever it
    /// reports, so they are the top layer here too: a rule they turn on must run, one they turn off need not.
    /// </summary>
    private static IReadOnlyList<KeyValuePair<string, RuleSeverity>> BuildSeverities(CompilationOptions options, IReadOnlyList<RuleDescriptor> knownRules, CancellationToken cancellation)
    {
        var result = new List<KeyValuePair<string, RuleSeverity>>();
        foreach (var rule in knownRules)
        {
            var report = ReportDiagnostic.Default;
            if (options.SyntaxTreeOptionsProvider?.TryGetGlobalDiagnosticValue(rule.Id, cancellation, out var global) == true)
            {
                report = global;
            }

            if (options.SpecificDiagnosticOptions.TryGetValue(rule.Id, out var specific))
            {
                report = specific;
            }

            RuleSeverity? severity = report switch
            {
                ReportDiagnostic.Suppress => RuleSeverity.Off,
                ReportDiagnostic.Hidden => RuleSeverity.Hint,
                ReportDiagnostic.Info => RuleSeverity.Info,
                ReportDiagnostic.Warn => RuleSeverity.Warning,
                ReportDiagnostic.Error => RuleSeverity.Error,
                _ => null,
            };
            if (severity is { } s)
            {
                result.Add(new KeyValuePair<string, RuleSeverity>(rule.Id, s));
            }
        }

        return result;
    }

    public AdditionalText? Get(string path) => _byPath.TryGetValue(path, out var file) ? file : null;

    /// <summary>True for a file the build passed, the project file, or a folder holding one of them.</summary>
    public bool Exists(string path) => _byPath.ContainsKey(path) || _folders.Contains(Trim(path) ?? path) || path == ProjectFile;

    /// <summary>
    /// True when <paramref name="path"/> is a page <c>smolsp check</c> would check: a template inside the root, not in a
    /// folder walks skip (bin, obj, node_modules, hidden), not excluded by a <c>.smolspignore</c> or by
    /// <c>include</c>/<c>exclude</c> of its configuration.
    /// </summary>
    public bool IsPage(string path, SmoLspConfiguration configuration)
    {
        if (TemplateLanguages.FromPath(path) is null || Root is not { } root || Relative(path, root) is not { } relative)
        {
            return false;
        }

        if (IgnoreFile.Excludes(relative, isDirectory: false, folder => IgnoreIn(folder.Length == 0 ? root : Path.Combine(root, folder)), out _))
        {
            return false;
        }

        if (configuration.Include.Count == 0 && configuration.Exclude.Count == 0)
        {
            return true;
        }

        // Globs are relative to the smolsp.json's folder; files outside it are not filtered.
        if (configuration.SourcePath is not { } source || Path.GetDirectoryName(source) is not { } configFolder || Relative(path, configFolder) is not { } inConfig)
        {
            return true;
        }

        var globs = (IncludeExcludeGlobs?)_parsed.GetOrAdd("globs:" + source, _ => IncludeExcludeGlobs.Create(configuration.Include, configuration.Exclude));
        return globs?.Includes(inConfig) != false;
    }

    /// <summary>The <c>smolsp.json</c> that applies in <paramref name="directory"/>: the nearest at or above it, up to the root.</summary>
    public string? ConfigFileFor(string? directory)
    {
        for (var d = directory; d is not null && Root is not null && (d == Root || Relative(d, Root) is not null); d = Path.GetDirectoryName(d))
        {
            var candidate = Path.Combine(d, ConfigurationParser.FileName);
            if (_byPath.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The parsed <c>smolsp.json</c> (with its errors), or null when the build did not pass that file.</summary>
    public ConfigurationResult? Config(string file) => _configByFile.GetOrAdd(file, f =>
        _byPath.TryGetValue(f, out var text) && text.GetText(_cancellation) is { } source
            ? ConfigurationParser.Parse(source.ToString(), f, _knownRules)
            : null);

    /// <summary>What <paramref name="path"/> is checked with: smolsp.json, then .editorconfig for what it leaves unset, then the build's own severities.</summary>
    public SmoLspConfiguration ConfigurationFor(string path)
    {
        var configFile = ConfigFileFor(Path.GetDirectoryName(path));
        var baseResult = configFile is null ? null : Config(configFile);
        // A configuration with errors is reported (SMO902) and its files are checked with the defaults.
        var baseConfiguration = baseResult is { Errors.Count: 0 } ? baseResult.Configuration : SmoLspConfiguration.Default;
        var fromEditorConfig = EditorConfigFor(path)
            .Where(e => baseConfiguration.GetRuleOptions(e.RuleId).Severity is null)
            .OrderBy(e => e.RuleId, StringComparer.Ordinal)
            .ToList();
        var key = (configFile ?? string.Empty) + "|" + string.Join(";", fromEditorConfig.Select(e => $"{e.RuleId}={e.Severity}"));
        return _layered.GetOrAdd(key, _ =>
        {
            var layered = baseConfiguration;
            foreach (var e in fromEditorConfig)
            {
                layered = layered.WithRuleSeverity(e.RuleId, e.Severity);
            }

            foreach (var pair in _buildSeverities)
            {
                layered = layered.WithRuleSeverity(pair.Key, pair.Value);
            }

            return layered;
        });
    }

    /// <summary>The <c>.editorconfig</c> severities of known rules for a file: the files from its folder up (to the root, or the first <c>root = true</c>), the closer winning.</summary>
    private IEnumerable<EditorConfigSeverity> EditorConfigFor(string path)
    {
        var chain = new List<EditorConfigFile>();
        for (var d = Path.GetDirectoryName(path); d is not null && Root is not null && (d == Root || Relative(d, Root) is not null); d = Path.GetDirectoryName(d))
        {
            if (EditorConfigIn(d) is { } file)
            {
                chain.Add(file);
                if (file.IsRoot)
                {
                    break;
                }
            }
        }

        var result = new Dictionary<string, EditorConfigSeverity>(StringComparer.OrdinalIgnoreCase);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            chain[i].Apply(Relative(path, chain[i].Directory)!, result);
        }

        return result.Values.Where(e => _knownRules.Any(r => string.Equals(r.Id, e.RuleId, StringComparison.OrdinalIgnoreCase)));
    }

    private EditorConfigFile? EditorConfigIn(string directory) => (EditorConfigFile?)_parsed.GetOrAdd("editorconfig:" + directory, _ =>
    {
        var path = Path.Combine(directory, EditorConfigFile.FileName);
        return _byPath.TryGetValue(path, out var file) && file.GetText(_cancellation) is { } text ? EditorConfigFile.Parse(text.ToString(), path, directory) : null;
    });

    private IgnoreFile? IgnoreIn(string directory) => (IgnoreFile?)_parsed.GetOrAdd("ignore:" + directory, _ =>
    {
        var path = Path.Combine(directory, IgnoreFile.FileName);
        return _byPath.TryGetValue(path, out var file) && file.GetText(_cancellation) is { } text ? IgnoreFile.Parse(text.ToString(), directory, path) : null;
    });

    /// <summary>
    /// The folder of the site a page belongs to, for the cross-page rules: the nearest folder between the page and the
    /// project holding a <c>smolsp.json</c>, else the project (whose <c>*.csproj</c> makes it a site for <c>smolsp check</c> too).
    /// </summary>
    public string SiteOf(string pagePath)
    {
        var stop = ProjectDirectory ?? Root;
        for (var d = Path.GetDirectoryName(pagePath); d is not null; d = Path.GetDirectoryName(d))
        {
            if (_byPath.ContainsKey(Path.Combine(d, ConfigurationParser.FileName)) || d == stop || stop is null)
            {
                return d;
            }
        }

        return stop ?? string.Empty;
    }

    /// <summary>The part of <paramref name="path"/> below <paramref name="directory"/>, with forward slashes, or null when it is not inside it.</summary>
    public static string? Relative(string path, string directory)
    {
        var d = Trim(directory)!;
        return path.Length > d.Length + 1 && path.StartsWith(d, StringComparison.Ordinal) && path[d.Length] is '/' or '\\'
            ? path.Substring(d.Length + 1).Replace('\\', '/')
            : null;
    }

    private static string? Trim(string? path) =>
        string.IsNullOrEmpty(path) ? null : path!.Length > 1 && path[path.Length - 1] is '/' or '\\' && !path.EndsWith(":\\", StringComparison.Ordinal) ? path.Substring(0, path.Length - 1) : path;
}
