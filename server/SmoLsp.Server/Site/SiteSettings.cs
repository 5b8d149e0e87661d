using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Server.Plugins;

namespace SmoLsp.Server.Site;

/// <summary>
/// What one file is checked with: the engine (built-in rules plus the trusted plugins its <c>smolsp.json</c> names), the
/// layered configuration, and the <c>smolsp.json</c> layer it came from, with any errors in it.
/// </summary>
public sealed record FileSettings(AnalysisEngine Engine, SmoLspConfiguration Configuration, ConfigurationResult Base)
{
    /// <summary>The <see cref="SiteSettings.Generation"/> these settings were resolved under.</summary>
    public int Generation { get; init; }

    /// <summary>The plugins the configuration names, resolved (null when it names none).</summary>
    public PluginRuleSet? Plugins { get; init; }

    /// <summary>Errors in the configuration file (or in the plugins' part of it): the file cannot be checked as configured.</summary>
    public IReadOnlyList<ConfigurationError> Errors => Plugins is { } plugins ? plugins.Configuration.Errors : Base.Errors;

    public bool Success => Errors.Count == 0;
}

/// <summary>
/// The one configuration resolver of the session. A file's configuration is, highest first:
/// <list type="number">
/// <item><c>--rule</c> overrides (the command line);</item>
/// <item>the <c>smolsp.json</c> that applies: <c>--config</c>, else the nearest one from the file's folder up to the site's root;</item>
/// <item><c>.editorconfig</c> <c>dotnet_diagnostic.SMOxxx.severity</c> entries whose sections match the file;</item>
/// <item>the editor's <c>smolsp</c> settings (language server only): they fill what the project leaves unset, so the editor and CI agree;</item>
/// <item>each rule's default.</item>
/// </list>
/// Every file is read through the <see cref="FileAccessPolicy"/>. Results are cached per folder (and per
/// <c>.editorconfig</c> outcome) until <see cref="Invalidate"/> or new editor settings move <see cref="Generation"/>.
/// Thread-safe.
/// </summary>
/// <param name="files">Every file is read through it.</param>
/// <param name="builtIns">The engine of files without plugins; its descriptors are the rule ids a configuration may name.</param>
/// <param name="plugins">Loads the plugins a trusted configuration names; null: plugins are never loaded.</param>
/// <param name="explicitConfig">A full path (<c>--config</c>), used for every file instead of the nearest <c>smolsp.json</c>.</param>
/// <param name="overrides"><c>--rule</c> severities, applied last (a later one wins).</param>
public sealed class SiteSettings(FileAccessPolicy files, AnalysisEngine builtIns, PluginHost? plugins = null, string? explicitConfig = null,
    IReadOnlyList<KeyValuePair<string, RuleSeverity>>? overrides = null)
{
    public const string EditorSettingsPath = "<editor settings>";

    /// <summary>Keys editors put in the <c>smolsp</c> section for the client itself; not configuration of the checks.</summary>
    private static readonly HashSet<string> s_clientOnlyKeys = new(StringComparer.Ordinal)
    {
        "trace", "enable", "server", "path", "executable", "args", "logLevel", "logFile", "diagnosticDelayMs", "plugins", "preview", "docsBaseUrl", "online",
    };

    private readonly EditorConfig _editorConfig = new(files);
    private readonly HashSet<string> _knownIds = new(builtIns.Descriptors.Select(d => d.Id), StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string?> _configFileByDirectory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigurationResult> _byConfigFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FileSettings> _byDirectory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(ConfigurationResult, string), SmoLspConfiguration> _layered = new();
    private SmoLspConfiguration? _editor;
    private int _generation;

    public AnalysisEngine BuiltIns => builtIns;

    /// <summary>Loads the plugins a trusted configuration names (the language server learns the trust at <c>initialize</c>).</summary>
    public PluginHost? Plugins
    {
        get;
        set
        {
            field = value;
            Invalidate();
        }
    } = plugins;

    public IReadOnlyList<KeyValuePair<string, RuleSeverity>> Overrides { get; } = overrides ?? [];

    /// <summary>Moves whenever any source of configuration changes: cached analyses compare it to know they are stale.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Replaces the editor's settings with its <c>smolsp</c> section (null or not an object: none); returns errors in it.</summary>
    public IReadOnlyList<ConfigurationError> SetEditorSettings(JsonElement? section)
    {
        ConfigurationResult? result = null;
        if (section is { ValueKind: JsonValueKind.Object } value)
        {
            var filtered = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject().Where(p => !s_clientOnlyKeys.Contains(p.Name)))
            {
                filtered[property.Name] = property.Value;
            }

            var json = JsonSerializer.Serialize(filtered, SettingsJsonContext.Default.DictionaryStringJsonElement);
            result = ConfigurationParser.Parse(json, EditorSettingsPath, builtIns.Descriptors);
        }

        _editor = result?.Configuration;
        Invalidate();
        return result?.Errors ?? [];
    }

    /// <summary>A <c>smolsp.json</c>, <c>.editorconfig</c> or plugin changed: forget everything resolved.</summary>
    public void Invalidate()
    {
        _configFileByDirectory.Clear();
        _byConfigFile.Clear();
        _byDirectory.Clear();
        _layered.Clear();
        _editorConfig.Invalidate();
        Interlocked.Increment(ref _generation);
    }

    /// <summary>The <c>smolsp.json</c> file that applies in <paramref name="directory"/> (<c>--config</c>, or the nearest up to the site's root), or null.</summary>
    public string? ConfigFileFor(string directory) => explicitConfig ?? _configFileByDirectory.GetOrAdd(directory, FindConfigFile);

    private string? FindConfigFile(string directory)
    {
        // Found by name, whatever it is: a smolsp.json that links outside the site or to a device is this folder's
        // configuration all the same, and reading it is refused as an error, never skipped for defaults.
        var candidate = Path.Combine(directory, ConfigurationParser.FileName);
        if (!files.KnownAbsent(candidate) && File.Exists(candidate))
        {
            return candidate;
        }

        var root = SitePaths.RootOf(directory, files.Roots);
        var parent = Path.GetDirectoryName(directory);
        return root is null || root == directory || parent is null ? null : ConfigFileFor(parent);
    }

    /// <summary>The <c>smolsp.json</c> layer for files in <paramref name="directory"/>: defaults when no file applies.</summary>
    public ConfigurationResult BaseFor(string directory) =>
        ConfigFileFor(directory) is { } file ? Load(file) : new ConfigurationResult(SmoLspConfiguration.Default, []);

    private ConfigurationResult Load(string file) => _byConfigFile.GetOrAdd(file, f =>
    {
        // --config was typed by the user, so it may live anywhere; a site's own smolsp.json must be inside the site.
        var read = f == explicitConfig ? files.ReadNamedByUser(f, FileAccessPolicy.MaxSettingsFileBytes) : files.ReadAll(f, FileAccessPolicy.MaxSettingsFileBytes);
        if (!read.Success)
        {
            return new ConfigurationResult(SmoLspConfiguration.Default with { SourcePath = f }, [new ConfigurationError(f, 1, 1, string.Empty, "cannot read the configuration file: " + read.Message)]);
        }

        var result = ConfigurationParser.Parse(Encoding.UTF8.GetString(read.Bytes!), f, builtIns.Descriptors);
        return ValidateWebRoot(result);
    });

    /// <summary>A <c>webRoot</c> outside the site would let a pull request point image checks at any folder of the machine.</summary>
    private ConfigurationResult ValidateWebRoot(ConfigurationResult result)
    {
        if (ConfiguredWebRoot(result.Configuration) is not { } webRoot || files.Resolve(webRoot) is not null)
        {
            return result;
        }

        var message = SitePaths.RootOf(webRoot, files.Roots) is null || Path.Exists(webRoot)
            ? $"'{result.Configuration.WebRoot}' is outside the site ({string.Join(", ", files.Roots)}): the web root must be inside it"
            : $"'{result.Configuration.WebRoot}' is not a folder inside the site ({string.Join(", ", files.Roots)})";
        return result with { Errors = [.. result.Errors, new ConfigurationError(result.Configuration.SourcePath!, 1, 1, "webRoot", message)] };
    }

    /// <summary>The <c>webRoot</c> setting resolved against its configuration file's folder, or null when none is set.</summary>
    public static string? ConfiguredWebRoot(SmoLspConfiguration configuration) =>
        configuration is { WebRoot: { } webRoot, SourcePath: { } source } && Path.IsPathFullyQualified(source)
            ? Path.GetFullPath(webRoot, Path.GetDirectoryName(source) ?? ".")
            : null;

    /// <summary>What <paramref name="path"/> (a file) is checked with.</summary>
    public FileSettings For(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? path;
        var folder = _byDirectory.GetOrAdd(directory, ForDirectory);
        if (!folder.Success)
        {
            return folder;
        }

        var fromEditorConfig = EditorConfigFor(folder.Base, path);
        if (fromEditorConfig.Count == 0 && Overrides.Count == 0)
        {
            return folder;
        }

        var key = fromEditorConfig.Count == 0 ? string.Empty : string.Join(';', fromEditorConfig.Select(e => $"{e.RuleId}={e.Severity}"));
        var configuration = _layered.GetOrAdd((folder.Base, key), _ => fromEditorConfig.Select(e => KeyValuePair.Create(e.RuleId, e.Severity)).Concat(Overrides)
            .Aggregate(folder.Configuration, (layered, rule) => layered.WithRuleSeverity(rule.Key, rule.Value)));
        return folder with { Configuration = configuration };
    }

    /// <summary>The folder's layers without <c>.editorconfig</c> (its sections match file names, not folders).</summary>
    private FileSettings ForDirectory(string directory) => ForDirectoryCore(directory) with { Generation = Generation };

    private FileSettings ForDirectoryCore(string directory)
    {
        var baseResult = BaseFor(directory);
        if (!baseResult.Success)
        {
            return new FileSettings(builtIns, baseResult.Configuration, baseResult);
        }

        var engine = builtIns;
        var configuration = baseResult.Configuration;
        PluginRuleSet? plugins = null;
        if (Plugins is not null && configuration.Plugins.Count > 0)
        {
            plugins = Plugins.Resolve(baseResult);
            if (!plugins.Configuration.Success)
            {
                return new FileSettings(builtIns, configuration, baseResult) { Plugins = plugins };
            }

            // The plugin rules' own options (severity, thresholds) are known only once the plugins are loaded.
            engine = plugins.Engine;
            configuration = plugins.Configuration.Configuration;
        }

        if (_editor is { } editor)
        {
            configuration = configuration.SourcePath is null ? editor : Merge(editor, configuration);
        }

        return new FileSettings(engine, configuration, baseResult) { Plugins = plugins };
    }

    /// <summary>
    /// The <c>.editorconfig</c> severities that take effect for a file: those of known rules that its <c>smolsp.json</c>
    /// does not set (an unknown id may be a newer smolsp's rule; the file is shared, so no error).
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

    /// <summary>Project values win; the editor's fill what the project leaves unset. Rule options merge per rule.</summary>
    internal static SmoLspConfiguration Merge(SmoLspConfiguration editor, SmoLspConfiguration file)
    {
        var rules = new Dictionary<string, RuleOptions>(editor.Rules, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, options) in file.Rules)
        {
            rules[id] = options;
        }

        return file with
        {
            SiteUrl = file.SiteUrl ?? editor.SiteUrl,
            SiteName = file.SiteName ?? editor.SiteName,
            TwitterSite = file.TwitterSite ?? editor.TwitterSite,
            Profiles = file.Profiles.Count > 0 ? file.Profiles : editor.Profiles,
            WebRoot = file.WebRoot ?? editor.WebRoot,
            DefaultImage = file.DefaultImage ?? editor.DefaultImage,
            Include = file.Include.Count > 0 ? file.Include : editor.Include,
            Exclude = file.Exclude.Count > 0 ? file.Exclude : editor.Exclude,
            Rules = rules,
        };
    }

    // ---- include / exclude ----

    private static readonly ConditionalWeakTable<SmoLspConfiguration, IncludeExcludeGlobs> s_matchers = [];

    /// <summary>
    /// The configuration's <c>include</c>/<c>exclude</c> globs, as they apply to walked files: relative to the
    /// configuration file's folder (or, for editor settings without a file, <paramref name="fallbackRoot"/>); files
    /// outside that folder are not filtered. Files named on the command line are checked regardless.
    /// </summary>
    public static bool Includes(SmoLspConfiguration configuration, string fullPath, string? fallbackRoot)
    {
        if (configuration.Include.Count == 0 && configuration.Exclude.Count == 0)
        {
            return true;
        }

        var root = configuration.SourcePath is { } source && Path.IsPathFullyQualified(source) ? Path.GetDirectoryName(source) : fallbackRoot;
        if (root is null || !SitePaths.IsUnder(fullPath, root))
        {
            return true;
        }

        var matcher = s_matchers.GetValue(configuration, static c => IncludeExcludeGlobs.Create(c.Include, c.Exclude)!);
        return matcher.Includes(Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/'));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class SettingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
