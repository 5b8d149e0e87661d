using System.Text.Json;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Workspace;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The rules a document runs in the editor: the built-in engine, plus the plugins its <c>smolsp.json</c> names when
/// they are trusted (the user-level setting the VS Code extension sends as <c>initializationOptions.allowPlugins</c>,
/// or a folder in the user's <c>trusted.json</c>). A plugin file that changes on disk is loaded again on the next
/// analysis (<see cref="PluginHost.Resolve"/> compares file stamps), and a watcher on the plugin files re-checks the
/// open documents when one is rebuilt. Messages (not trusted, failed to load) are shown to the user once.
/// </summary>
public sealed class PluginRules : IDisposable
{
    private readonly AnalysisEngine _builtIns;
    private readonly ConfigurationLoader _loader;
    private readonly ILogger _logger;
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private PluginHost? _host;

    public PluginRules(AnalysisEngine builtIns, ConfigurationLoader loader, ILogger logger)
    {
        _builtIns = builtIns;
        _loader = loader;
        _logger = logger;
    }

    /// <summary>Raised with a message for the user (window/showMessage).</summary>
    public event Action<PluginMessage>? Message;

    /// <summary>Raised when a loaded plugin's file changed on disk: open documents should be checked again.</summary>
    public event Action? PluginsChanged;

    /// <summary>Reads the trust the client sent (<c>initializationOptions.allowPlugins</c>); called once, on initialize.</summary>
    public void Configure(JsonElement? initializationOptions)
    {
        var allow = initializationOptions is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("allowPlugins", out var a) && a.ValueKind == JsonValueKind.True;
        _host?.Dispose();
        _host = new PluginHost(_builtIns, new PluginTrust(allow, PluginTrust.DefaultTrustedFoldersFile(), "enable the user setting smolsp.plugins.allow"));
    }

    /// <summary>The engine and configuration to analyze <paramref name="filePath"/> with.</summary>
    public (AnalysisEngine Engine, SmoLspConfiguration Configuration) For(string? filePath, SmoLspConfiguration merged)
    {
        if (filePath is null || _host is not { } host || merged.Plugins.Count == 0)
        {
            return (_builtIns, merged);
        }

        ConfigurationResult file;
        try
        {
            file = _loader.LoadFor(filePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (_builtIns, merged);
        }

        var rules = host.Resolve(file);
        foreach (var message in rules.Messages)
        {
            Show(message);
        }

        Watch(PluginHost.PluginFiles(file.Configuration));
        if (!rules.Configuration.Success)
        {
            return (_builtIns, merged);
        }

        // The plugin rules' own options (severity, thresholds) are known only once the plugins are loaded.
        var options = new Dictionary<string, RuleOptions>(merged.Rules, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, ruleOptions) in rules.Configuration.Configuration.Rules)
        {
            options.TryAdd(id, ruleOptions);
        }

        return (rules.Engine, merged with { Rules = options });
    }

    private void Show(PluginMessage message)
    {
        var display = message.Format(message.ConfigFile);
        lock (_shown)
        {
            if (!_shown.Add(display))
            {
                return;
            }
        }

        _logger.Warning("{Message}", display);
        Message?.Invoke(message);
    }

    private void Watch(IReadOnlyList<string> files)
    {
        lock (_watchers)
        {
            foreach (var file in files)
            {
                if (_watchers.ContainsKey(file) || Path.GetDirectoryName(file) is not { } folder || !Directory.Exists(folder))
                {
                    continue;
                }

                try
                {
                    var watcher = new FileSystemWatcher(folder, Path.GetFileName(file)) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName };
                    watcher.Changed += (_, _) => Changed();
                    watcher.Created += (_, _) => Changed();
                    watcher.Renamed += (_, _) => Changed();
                    watcher.EnableRaisingEvents = true;
                    _watchers[file] = watcher;
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
                {
                    _logger.Warning(ex, "Cannot watch plugin {File}; it reloads on the next edit instead", file);
                }
            }
        }
    }

    private void Changed()
    {
        lock (_shown)
        {
            _shown.Clear();
        }

        PluginsChanged?.Invoke();
    }

    public void Dispose()
    {
        lock (_watchers)
        {
            foreach (var w in _watchers.Values)
            {
                w.Dispose();
            }

            _watchers.Clear();
        }

        _host?.Dispose();
    }
}
