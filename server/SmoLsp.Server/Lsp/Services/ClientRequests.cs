using System.Text.Json;
using SmoLsp.Server.Lsp.Protocol;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// Requests the server sends the client about work in the background: <c>workspace/diagnostic/refresh</c> (coalesced,
/// at most one in flight) and work-done progress (<c>window/workDoneProgress/create</c> + <c>$/progress</c>), each only
/// when the client announced it.
/// </summary>
public sealed class ClientRequests(ClientSession session, JsonRpcConnection connection, ILogger logger)
{
    private int _refreshState;
    private int _progressCount;

    /// <summary>Asks a pull client to pull again; requests while one is out send one more afterwards.</summary>
    public void RefreshDiagnostics()
    {
        if (!session.DiagnosticRefresh || Interlocked.Increment(ref _refreshState) > 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            do
            {
                try
                {
                    await connection.SendRequestAsync("workspace/diagnostic/refresh", new Empty(), LspJsonContext.Default.Empty, LspJsonContext.Default.JsonElement, connection.Stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is LspException or OperationCanceledException or JsonException)
                {
                    logger.Debug(ex, "workspace/diagnostic/refresh failed");
                }
            }
            while (Interlocked.Exchange(ref _refreshState, 1) > 1 && !connection.Stopping.IsCancellationRequested);

            Interlocked.Exchange(ref _refreshState, 0);
        });
    }

    /// <summary>Begins a work-done progress, or returns null when the client shows none (or refused to create it).</summary>
    public Progress? StartProgress(string title, string message)
    {
        if (!session.WorkDoneProgress)
        {
            return null;
        }

        var token = "smolsp/" + Interlocked.Increment(ref _progressCount);
        try
        {
            connection.SendRequestAsync("window/workDoneProgress/create", new WorkDoneProgressCreateParams(token),
                LspJsonContext.Default.WorkDoneProgressCreateParams, LspJsonContext.Default.JsonElement, connection.Stopping).Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is AggregateException or LspException or OperationCanceledException or JsonException)
        {
            logger.Debug("No progress shown: {Message}", ex.Message);
            return null;
        }

        var progress = new Progress(connection, token);
        progress.Send("begin", title, message, 0);
        return progress;
    }

    /// <summary>One work-done progress: reports, then ends once (disposing ends it too).</summary>
    public sealed class Progress(JsonRpcConnection connection, string token) : IDisposable
    {
        private bool _ended;

        public void Report(string? message, int percentage) => Send("report", null, message, percentage);

        public void End(string? message)
        {
            if (!_ended)
            {
                _ended = true;
                Send("end", null, message, null);
            }
        }

        public void Dispose() => End(null);

        internal void Send(string kind, string? title, string? message, int? percentage) =>
            connection.SendNotification("$/progress", new ProgressParams(token, new WorkDoneProgressValue(kind, title, message, percentage)), LspJsonContext.Default.ProgressParams);
    }
}
