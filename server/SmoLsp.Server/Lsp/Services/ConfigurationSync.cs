using System.Text.Json;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Keeps the session's configuration in step with the client, by whatever means the client has:
/// <c>workspace/configuration</c> requests (VS Code), settings pushed in <c>workspace/didChangeConfiguration</c>
/// (Neovim 0.7), file watchers registered dynamically. After any change every open document is checked again, and
/// <see cref="Changed"/> tells the background checks. Configuration problems (errors in a <c>smolsp.json</c> or in the
/// settings, plugins not trusted or failing) are shown to the user once each.
/// </summary>
public sealed class ConfigurationSync(ClientSession session, SiteSession site, DiagnosticPublisher publisher, DocumentStore documents, DocumentAnalyzer analyzer, JsonRpcConnection connection, ClientRequests requests, ILogger logger)
{
    public const string Section = "smolsp";

    /// <summary>LSP WatchKind.Create | WatchKind.Delete.</summary>
    private const int WatchKindCreateDelete = 1 | 4;

    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _fileStamps = new(StringComparer.Ordinal);

    /// <summary>Raised after the configuration changed (settings, a <c>smolsp.json</c>, a plugin): the site is walked and re-checked.</summary>
    public event Action? Changed;

    /// <summary>Shows what is wrong with a file's configuration (errors, plugin messages) once each; called after each analysis.</summary>
    public void ReportProblems(FileSettings settings)
    {
        foreach (var error in settings.Errors)
        {
            Show(MessageType.Warning, "SmoLsp configuration: " + error);
        }

        foreach (var message in settings.Plugins?.Messages ?? [])
        {
            Show(message.IsError ? MessageType.Error : MessageType.Warning, "SmoLsp plugins: " + message.Format(message.ConfigFile));
        }
    }

    private void Show(int type, string text)
    {
        lock (_shown)
        {
            if (!_shown.Add(text))
            {
                return;
            }
        }

        logger.Warning("{Message}", text);
        connection.SendNotification("window/showMessage", new ShowMessageParams(type, text), LspJsonContext.Default.ShowMessageParams);
    }

    /// <summary>After <c>initialized</c>: register watchers and fetch settings, as far as the client supports them.</summary>
    public async Task StartAsync()
    {
        var registrations = new List<Registration>();
        if (session.DynamicWatchedFiles)
        {
            // Configuration first, then templates, ignore files, .editorconfig and images: what the workspace index applies.
            registrations.Add(new Registration("smolsp-file-watcher", "workspace/didChangeWatchedFiles",
                new DidChangeWatchedFilesRegistrationOptions([.. SiteFiles.WatchedGlobs.Select(g => new LspFileSystemWatcher(g, null)), new LspFileSystemWatcher(SiteFiles.FolderGlob, WatchKindCreateDelete)])));
        }

        if (session.DynamicConfigurationChange)
        {
            registrations.Add(new Registration("smolsp-config-change", "workspace/didChangeConfiguration", null));
        }

        if (registrations.Count > 0)
        {
            try
            {
                await connection.SendRequestAsync("client/registerCapability", new RegistrationParams(registrations), LspJsonContext.Default.RegistrationParams, LspJsonContext.Default.JsonElement, connection.Stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
            {
                logger.Warning(ex, "The client refused dynamic registration");
            }
        }

        if (session.ConfigurationRequests)
        {
            await PullAsync(recheck: false).ConfigureAwait(false);
        }

        session.MarkSettingsReady();
    }

    /// <summary><c>workspace/didChangeConfiguration</c>: use the pushed settings, or ask for them when the client only signals.</summary>
    public void SettingsChanged(JsonElement? settings)
    {
        if (settings is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(Section, out var section))
        {
            ApplySettings(section);
            session.MarkSettingsReady();
            Recheck();
        }
        else if (session.ConfigurationRequests)
        {
            _ = PullAsync(recheck: true);
        }
        else
        {
            logger.Debug("didChangeConfiguration without a {Section} section; settings unchanged", Section);
        }
    }

    /// <summary>A <c>smolsp.json</c>, <c>.editorconfig</c> or plugin changed on disk.</summary>
    public void FilesChanged()
    {
        site.Settings.Invalidate();
        ForgetShown();
        logger.Information("Configuration files changed; configuration generation {Generation}", site.Settings.Generation);
        Recheck();
    }

    /// <summary>Replaces the editor settings with the <c>smolsp</c> section (null or not an object: none).</summary>
    private void ApplySettings(JsonElement? section)
    {
        ForgetShown();
        var errors = site.Settings.SetEditorSettings(section);
        ApplyOnline(section);
        foreach (var error in errors)
        {
            Show(MessageType.Warning, "SmoLsp configuration: " + error);
        }

        logger.Information("Editor settings {State}; configuration generation {Generation}", section is { ValueKind: JsonValueKind.Object } ? "applied" : "cleared", site.Settings.Generation);
    }

    /// <summary>
    /// <c>smolsp.online</c> (a user setting, off by default): only then does the server make requests, to judge the share
    /// images and og:url/canonical URLs that templates name (as <c>check --online</c>). Each URL is fetched once while the
    /// setting stays on; turning it off and on again starts afresh. A workspace's smolsp.json cannot turn it on.
    /// </summary>
    private void ApplyOnline(JsonElement? section)
    {
        var online = section is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("online", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (online == site.Web is not null)
        {
            return;
        }

        // The previous answers are dropped, not disposed: an analysis may still be waiting on them.
        site.Web = online ? new Site.Web.WebResources(new Site.Web.WebOptions { TimeBudget = Timeout.InfiniteTimeSpan }) : null;
        logger.Information("Network {State} (smolsp.online)", online ? "on: share images and page URLs are fetched" : "off: no request is made");
    }

    /// <summary>After a change, a problem that is still there is worth saying again.</summary>
    private void ForgetShown()
    {
        lock (_shown)
        {
            _shown.Clear();
        }
    }

    /// <summary>
    /// For clients that cannot watch files (Neovim 0.7): true (and caches dropped) when the configuration file that
    /// applies to <paramref name="path"/> was written since it was read. Called on open and save, not per keystroke.
    /// </summary>
    public bool CheckFileChanged(string path)
    {
        if (Path.GetDirectoryName(path) is not { } directory || site.Settings.ConfigFileFor(directory) is not { } file)
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
            // The first look only records the stamp: there is nothing older to compare with.
            var known = _fileStamps.TryGetValue(file, out var seen);
            _fileStamps[file] = stamp;
            if (!known || seen == stamp)
            {
                return false;
            }
        }

        site.Settings.Invalidate();
        ForgetShown();
        return true;
    }

    /// <summary>Check every open document again: push clients get new diagnostics, pull clients are asked to re-pull. Closed files follow in the background.</summary>
    public void Recheck()
    {
        Changed?.Invoke();
        if (!session.PullDiagnostics)
        {
            if (session.WorkDoneProgress && documents.Current.Count > 0)
            {
                _ = Task.Run(RecheckWithProgress);
            }
            else
            {
                publisher.ScheduleAll(TimeSpan.Zero);
            }

            return;
        }

        requests.RefreshDiagnostics();
    }

    /// <summary>
    /// Re-analyzes every open document under a work-done progress (for clients that show one), then publishes:
    /// the publisher finds each analysis already cached for this configuration generation.
    /// </summary>
    private void RecheckWithProgress()
    {
        var open = documents.Current.Values.ToArray();
        using var progress = requests.StartProgress("SmoLsp", $"checking {open.Length} open document(s) with the new configuration");
        try
        {
            for (var i = 0; i < open.Length && !connection.Stopping.IsCancellationRequested; i++)
            {
                analyzer.Analyze(open[i]);
                if (open.Length >= 10 && i % (open.Length / 10) == 0)
                {
                    progress?.Report(null, i * 100 / open.Length);
                }
            }
        }
        finally
        {
            publisher.ScheduleAll(TimeSpan.Zero);
        }
    }

    private async Task PullAsync(bool recheck)
    {
        try
        {
            var result = await connection.SendRequestAsync("workspace/configuration", new ConfigurationParams([new ConfigurationItem(null, Section)]),
                LspJsonContext.Default.ConfigurationParams, LspJsonContext.Default.JsonElement, connection.Stopping).ConfigureAwait(false);
            var section = result is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 ? array[0] : (JsonElement?)null;
            ApplySettings(section);
        }
        catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
        {
            logger.Warning(ex, "workspace/configuration failed; keeping the current settings");
            return;
        }
        finally
        {
            session.MarkSettingsReady();
        }

        if (recheck || documents.Current.Count > 0)
        {
            Recheck();
        }
    }
}
