using System.Collections.Concurrent;
using SmoLsp.Server.Lsp.Protocol;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Pushes diagnostics (<c>textDocument/publishDiagnostics</c>) for clients that do not pull them. Each change
/// restarts a short per-document delay so a burst of keystrokes costs one analysis; the result is sent only if the
/// document is still at the version analyzed — checked under the store's gate, which edits also take, so a
/// publish can never follow a newer edit with older diagnostics.
/// </summary>
public sealed class DiagnosticPublisher(DocumentStore documents, DocumentAnalyzer analyzer, LspConverter converter, ClientSession session, JsonRpcConnection connection, CrossPageReports crossPage, ILogger logger)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private volatile bool _stopped;

    /// <summary>Raised after each publish (uri, version); the benchmark and tests observe latency through it.</summary>
    public event Action<string, int>? Published;

    private bool Enabled => !session.PullDiagnostics && !_stopped;

    /// <summary>Checks <paramref name="uri"/> after <paramref name="delay"/> (the session's typing delay when null).</summary>
    public void Schedule(string uri, TimeSpan? delay = null)
    {
        if (!Enabled)
        {
            return;
        }

        var cts = CancellationTokenSource.CreateLinkedTokenSource(connection.Stopping);
        if (_pending.TryGetValue(uri, out var previous))
        {
            previous.CancelQuietly();
        }

        _pending[uri] = cts;
        _ = Task.Run(() => RunAsync(uri, delay ?? session.DiagnosticDelay, cts), CancellationToken.None);
    }

    public void ScheduleAll(TimeSpan? delay = null)
    {
        foreach (var uri in documents.Current.Keys)
        {
            Schedule(uri, delay);
        }
    }

    /// <summary>The document closed: drop pending work and clear what the editor shows.</summary>
    public void Clear(string uri)
    {
        Cancel(uri);
        if (!Enabled)
        {
            return;
        }

        lock (documents.Gate)
        {
            connection.SendNotification("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, []), LspJsonContext.Default.PublishDiagnosticsParams);
        }
    }

    /// <summary>Drops pending work for a document without publishing (the workspace index publishes its file's diagnostics instead).</summary>
    public void Cancel(string uri)
    {
        if (_pending.TryRemove(uri, out var pending))
        {
            pending.CancelQuietly();
        }
    }

    /// <summary>
    /// Publishes diagnostics of a file the editor does not have open (version omitted). Returns false, sending
    /// nothing, when the file is open: the editor's text wins, and its own publishes carry its version. Checked under
    /// the store's gate, which didOpen also takes, so a disk report can never overtake the open document's.
    /// </summary>
    public bool PublishClosed(string uri, string path, IReadOnlyList<LspDiagnostic> diagnostics)
    {
        if (!Enabled)
        {
            return false;
        }

        lock (documents.Gate)
        {
            if (documents.FindByPath(path) is not null || documents.Get(uri) is not null)
            {
                return false;
            }

            connection.SendNotification("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, diagnostics), LspJsonContext.Default.PublishDiagnosticsParams);
        }

        Published?.Invoke(uri, -1);
        return true;
    }

    /// <summary>After shutdown nothing more is published.</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (var cts in _pending.Values)
        {
            cts.CancelQuietly();
        }
    }

    private async Task RunAsync(string uri, TimeSpan delay, CancellationTokenSource cts)
    {
        var token = cts.Token;
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
            }

            // The first diagnostics wait (briefly) for the editor's settings so they already honour them.
            await session.SettingsReady.WaitAsync(ClientSession.SettingsWait, token).ConfigureAwait(false);
            var document = documents.Get(uri);
            if (document is null || token.IsCancellationRequested)
            {
                return;
            }

            var analysis = analyzer.Analyze(document);
            var diagnostics = crossPage.Merge(document.FilePath, converter.ToLsp(analysis));
            lock (documents.Gate)
            {
                if (token.IsCancellationRequested || _stopped || !ReferenceEquals(documents.Get(uri), document))
                {
                    return; // a newer version (or a close) is on its way; these diagnostics are stale
                }

                connection.SendNotification("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, document.Version, diagnostics), LspJsonContext.Default.PublishDiagnosticsParams);
            }

            logger.Debug("Published {Count} diagnostics for {Uri} v{Version}", diagnostics.Count, uri, document.Version);
            Published?.Invoke(uri, document.Version);
        }
        catch (OperationCanceledException)
        {
            // Superseded by a newer change.
        }
        catch (TimeoutException)
        {
            session.MarkSettingsReady();
            Schedule(uri, TimeSpan.Zero);
        }
        catch (Exception ex)
        {
            logger.Error(ex, "Publishing diagnostics for {Uri} failed", uri);
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(uri, cts));
            cts.Dispose();
        }
    }
}
