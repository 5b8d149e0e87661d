using System.Text.Json;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Workspace;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The configuration each document is checked with: the nearest <c>smolsp.json</c> (what CI uses too), layered over
/// the editor's <c>smolsp</c> settings. The file wins where both set something, so the editor and CI agree; editor
/// settings fill in what the file leaves out (or everything, when a project has no file). <see cref="Generation"/>
/// changes whenever either source changes, which is how cached analyses know they are stale.
/// </summary>
public sealed class WorkspaceConfiguration
{
    public const string EditorSettingsPath = "<editor settings>";

    /// <summary>Keys editors put in the <c>smolsp</c> section for the client itself; not configuration of the checks.</summary>
    private static readonly HashSet<string> s_clientOnlyKeys = new(StringComparer.Ordinal) { "trace", "enable", "server", "path", "executable", "args", "logLevel", "logFile", "diagnosticDelayMs" };

    private readonly ConfigurationLoader _loader;
    private readonly IReadOnlyList<RuleDescriptor> _descriptors;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _reportedErrors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _fileStamps = new(StringComparer.Ordinal);
    private SmoLspConfiguration? _editor;
    private int _generation;

    public WorkspaceConfiguration(ConfigurationLoader loader, IReadOnlyList<RuleDescriptor> descriptors, ILogger logger)
    {
        _loader = loader;
        _descriptors = descriptors;
        _logger = logger;
    }

    /// <summary>Raised with configuration errors not reported before (the server shows them to the user once).</summary>
    public event Action<IReadOnlyList<ConfigurationError>>? NewErrors;

    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Completes when the editor's initial settings are known, so the first diagnostics already honour them.</summary>
    public Task Ready => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();

    /// <summary>Replaces the editor settings with the <c>smolsp</c> section (null or not an object: none).</summary>
    public void SetEditorSettings(JsonElement? section)
    {
        SmoLspConfiguration? editor = null;
        if (section is { ValueKind: JsonValueKind.Object } value)
        {
            var filtered = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in value.EnumerateObject())
            {
                if (!s_clientOnlyKeys.Contains(property.Name))
                {
                    filtered[property.Name] = property.Value;
                }
            }

            var json = JsonSerializer.Serialize(filtered, ConfigurationJsonContext.Default.DictionaryStringJsonElement);
            var result = ConfigurationParser.Parse(json, EditorSettingsPath, _descriptors);
            Report(result.Errors);
            editor = result.Configuration;
        }

        _editor = editor;
        ForgetReportedErrors();
        Interlocked.Increment(ref _generation);
        _logger.Information("Editor settings {State}; configuration generation {Generation}", editor is null ? "cleared" : "applied", Generation);
    }

    /// <summary>A <c>smolsp.json</c> was created, changed or deleted: forget every cached file.</summary>
    public void FilesChanged()
    {
        _loader.Invalidate();
        lock (_fileStamps)
        {
            _fileStamps.Clear();
        }

        ForgetReportedErrors();
        Interlocked.Increment(ref _generation);
        _logger.Information("Configuration files changed; configuration generation {Generation}", Generation);
    }

    /// <summary>
    /// For clients that cannot watch files (Neovim 0.7): true (and caches dropped) when the configuration file that
    /// applies to <paramref name="path"/> was written since it was read. Called on open and save, not per keystroke.
    /// </summary>
    public bool CheckFileChanged(string path)
    {
        var file = _loader.FindConfigFile(path);
        if (file is null)
        {
            return false;
        }

        DateTime stamp;
        try
        {
            stamp = File.GetLastWriteTimeUtc(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        lock (_fileStamps)
        {
            if (!_fileStamps.TryGetValue(file, out var seen))
            {
                _fileStamps[file] = stamp;
                return false;
            }

            if (seen == stamp)
            {
                return false;
            }
        }

        FilesChanged();
        return true;
    }

    /// <summary>The configuration for a document; <paramref name="filePath"/> null (an untitled buffer) uses the editor settings alone.</summary>
    public SmoLspConfiguration For(string? filePath)
    {
        var editor = _editor;
        ConfigurationResult? file = null;
        if (filePath is not null)
        {
            try
            {
                file = _loader.LoadFor(filePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                _logger.Warning(ex, "Cannot look for smolsp.json above {Path}", filePath);
            }
        }

        if (file is not null)
        {
            Report(file.Errors);
        }

        var fromFile = file?.Configuration;
        if (fromFile?.SourcePath is null)
        {
            return editor ?? SmoLspConfiguration.Default;
        }

        return editor is null ? fromFile : Merge(editor, fromFile);
    }

    /// <summary>File values win; editor values fill what the file leaves unset. Rule options merge per rule.</summary>
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

    /// <summary>After a change, an error that is still there is worth saying again.</summary>
    private void ForgetReportedErrors()
    {
        lock (_reportedErrors)
        {
            _reportedErrors.Clear();
        }
    }

    private void Report(IReadOnlyList<ConfigurationError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        List<ConfigurationError>? fresh = null;
        lock (_reportedErrors)
        {
            foreach (var error in errors)
            {
                if (_reportedErrors.Add(error.ToString()))
                {
                    (fresh ??= []).Add(error);
                }
            }
        }

        if (fresh is not null)
        {
            foreach (var error in fresh)
            {
                _logger.Warning("Configuration: {Error}", error.ToString());
            }

            NewErrors?.Invoke(fresh);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class ConfigurationJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
