using System.Text.Json;
using SmoLsp.Server.Plugins;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Plugins in the editor: the session's settings load the plugins a <c>smolsp.json</c> names when they are trusted —
/// by the user-level setting the VS Code extension sends as <c>initializationOptions.allowPlugins</c>, or a folder in
/// the user's <c>trusted.json</c>; never by the workspace itself. A plugin file that changes on disk is loaded again on
/// the next analysis (<see cref="PluginHost.Resolve"/> compares file stamps), and a watcher on the plugin files
/// re-checks the open documents when one is rebuilt.
/// </summary>
public sealed class PluginRules : IDisposable
{
    private readonly SiteSession _site;
    private readonly ILogger _logger;
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private PluginHost? _host;

    public PluginRules(SiteSession site, DocumentAnalyzer analyzer, ILogger logger)
    {
        _site = site;
        _logger = logger;
        analyzer.Analyzed += analysis => Watch(analysis.Page.Settings.Plugins is { } plugins ? PluginHost.PluginFiles(plugins.Configuration.Configuration) : []);
    }

    /// <summary>Raised when a loaded plugin's file changed on disk: documents should be checked again.</summary>
    public event Action? PluginsChanged;

    /// <summary>Reads the trust the client sent (<c>initializationOptions.allowPlugins</c>); called once, on initialize.</summary>
    public void Configure(JsonElement? initializationOptions)
    {
        var allow = initializationOptions is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("allowPlugins", out var a) && a.ValueKind == JsonValueKind.True;
        _host?.Dispose();
        _host = new PluginHost(_site.Settings.BuiltIns, new PluginTrust(allow, PluginTrust.DefaultTrustedFoldersFile(), "enable the user setting smolsp.plugins.allow"));
        _site.Settings.Plugins = _host;
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
                    watcher.Changed += (_, _) => PluginsChanged?.Invoke();
                    watcher.Created += (_, _) => PluginsChanged?.Invoke();
                    watcher.Renamed += (_, _) => PluginsChanged?.Invoke();
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
