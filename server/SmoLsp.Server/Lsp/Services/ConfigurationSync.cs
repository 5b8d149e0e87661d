using System.Text.Json;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Workspace;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Keeps the editor settings and <c>smolsp.json</c> in step with the client, by whatever means the client has:
/// <c>workspace/configuration</c> requests (VS Code), settings pushed in <c>workspace/didChangeConfiguration</c>
/// (Neovim 0.7), file watchers registered dynamically. After any change every open document is checked again.
/// </summary>
public sealed class ConfigurationSync
{
    public const string Section = "smolsp";

    /// <summary>LSP WatchKind.Create | WatchKind.Delete.</summary>
    private const int WatchKindCreateDelete = 1 | 4;

    private readonly ClientSession _session;
    private readonly WorkspaceConfiguration _configuration;
    private readonly DiagnosticPublisher _publisher;
    private readonly DocumentStore _documents;
    private readonly JsonRpcConnection _connection;
    private readonly DocumentAnalyzer _analyzer;
    private readonly ILogger _logger;
    private readonly WorkspaceIndex _index;
    private int _progressCount;

    public ConfigurationSync(ClientSession session, WorkspaceConfiguration configuration, DiagnosticPublisher publisher, DocumentStore documents, DocumentAnalyzer analyzer, JsonRpcConnection connection, WorkspaceIndex index, ILogger logger, PluginRules? plugins = null)
    {
        _index = index;
        _analyzer = analyzer;
        _session = session;
        _configuration = configuration;
        _publisher = publisher;
        _documents = documents;
        _connection = connection;
        _logger = logger;
        if (plugins is not null)
        {
            plugins.Message += message => _connection.SendNotification("window/showMessage",
                new ShowMessageParams(message.IsError ? MessageType.Error : MessageType.Warning, "SmoLsp plugins: " + message.Format(message.ConfigFile)), LspJsonContext.Default.ShowMessageParams);

            // A rebuilt plugin: the next analysis loads it again; re-check so the user sees its new rules now.
            plugins.PluginsChanged += FilesChanged;
        }

        configuration.NewErrors += errors =>
        {
            var first = errors[0].ToString();
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more; see the server log)" : string.Empty;
            _connection.SendNotification("window/showMessage", new ShowMessageParams(MessageType.Warning, "SmoLsp configuration: " + first + more), LspJsonContext.Default.ShowMessageParams);
        };
    }

    /// <summary>After <c>initialized</c>: register watchers and fetch settings, as far as the client supports them.</summary>
    public async Task StartAsync()
    {
        var registrations = new List<Registration>();
        if (_session.DynamicWatchedFiles)
        {
            // Configuration first, then templates, ignore files, .editorconfig and images: what the workspace index applies.
            registrations.Add(new Registration("smolsp-file-watcher", "workspace/didChangeWatchedFiles",
                new DidChangeWatchedFilesRegistrationOptions([.. SiteFiles.WatchedGlobs.Select(g => new LspFileSystemWatcher(g, null)), new LspFileSystemWatcher(SiteFiles.FolderGlob, WatchKindCreateDelete)])));
        }

        if (_session.DynamicConfigurationChange)
        {
            registrations.Add(new Registration("smolsp-config-change", "workspace/didChangeConfiguration", null));
        }

        if (registrations.Count > 0)
        {
            try
            {
                await _connection.SendRequestAsync("client/registerCapability", new RegistrationParams(registrations), LspJsonContext.Default.RegistrationParams, LspJsonContext.Default.JsonElement, _connection.Stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
            {
                _logger.Warning(ex, "The client refused dynamic registration");
            }
        }

        if (_session.ConfigurationRequests)
        {
            await PullAsync(recheck: false).ConfigureAwait(false);
        }

        _configuration.MarkReady();
    }

    /// <summary><c>workspace/didChangeConfiguration</c>: use the pushed settings, or ask for them when the client only signals.</summary>
    public void SettingsChanged(JsonElement? settings)
    {
        if (settings is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(Section, out var section))
        {
            _configuration.SetEditorSettings(section);
            _configuration.MarkReady();
            Recheck();
        }
        else if (_session.ConfigurationRequests)
        {
            _ = PullAsync(recheck: true);
        }
        else
        {
            _logger.Debug("didChangeConfiguration without a {Section} section; settings unchanged", Section);
        }
    }

    public void FilesChanged()
    {
        _configuration.FilesChanged();
        Recheck();
    }

    /// <summary>Check every open document again: push clients get new diagnostics, pull clients are asked to re-pull. Closed files follow in the background.</summary>
    public void Recheck()
    {
        _index.ConfigurationChanged();
        if (!_session.PullDiagnostics)
        {
            if (_session.WorkDoneProgress && _documents.Current.Count > 0)
            {
                _ = Task.Run(RecheckWithProgressAsync);
            }
            else
            {
                _publisher.ScheduleAll(TimeSpan.Zero);
            }

            return;
        }

        if (_session.DiagnosticRefresh)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await _connection.SendRequestAsync("workspace/diagnostic/refresh", new Empty(), LspJsonContext.Default.Empty, LspJsonContext.Default.JsonElement, _connection.Stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
                {
                    _logger.Debug(ex, "workspace/diagnostic/refresh failed");
                }
            });
        }
    }

    /// <summary>
    /// Re-analyzes every open document under a work-done progress (for clients that show one), then publishes:
    /// the publisher finds each analysis already cached for this configuration generation.
    /// </summary>
    private async Task RecheckWithProgressAsync()
    {
        var documents = _documents.Current.Values.ToArray();
        var token = "smolsp/recheck/" + Interlocked.Increment(ref _progressCount);
        var showing = false;
        try
        {
            await _connection.SendRequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token),
                LspJsonContext.Default.WorkDoneProgressCreateParams, LspJsonContext.Default.JsonElement, _connection.Stopping).ConfigureAwait(false);
            showing = true;
        }
        catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
        {
            _logger.Debug("No progress shown: {Message}", ex.Message);
        }

        void Progress(string kind, string? title, string? message, int? percentage)
        {
            if (showing)
            {
                _connection.SendNotification("$/progress", new ProgressParams(token, new WorkDoneProgressValue(kind, title, message, percentage)), LspJsonContext.Default.ProgressParams);
            }
        }

        Progress("begin", "SmoLsp", $"checking {documents.Length} open document(s) with the new configuration", 0);
        try
        {
            for (var i = 0; i < documents.Length && !_connection.Stopping.IsCancellationRequested; i++)
            {
                _analyzer.Analyze(documents[i]);
                if (documents.Length >= 10 && i % (documents.Length / 10) == 0)
                {
                    Progress("report", null, null, i * 100 / documents.Length);
                }
            }
        }
        finally
        {
            Progress("end", null, null, null);
            _publisher.ScheduleAll(TimeSpan.Zero);
        }
    }

    private async Task PullAsync(bool recheck)
    {
        try
        {
            var result = await _connection.SendRequestAsync("workspace/configuration", new ConfigurationParams([new ConfigurationItem(null, Section)]),
                LspJsonContext.Default.ConfigurationParams, LspJsonContext.Default.JsonElement, _connection.Stopping).ConfigureAwait(false);
            var section = result is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 ? array[0] : (JsonElement?)null;
            _configuration.SetEditorSettings(section);
        }
        catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
        {
            _logger.Warning(ex, "workspace/configuration failed; keeping the current settings");
            return;
        }
        finally
        {
            _configuration.MarkReady();
        }

        if (recheck || _documents.Current.Count > 0)
        {
            Recheck();
        }
    }
}
