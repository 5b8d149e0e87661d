using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using Serilog;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>workspace/didChangeConfiguration</c> and <c>workspace/didChangeWatchedFiles</c>.</summary>
public sealed class WorkspaceHandler : ILspHandler
{
    private readonly ConfigurationSync _sync;
    private readonly ILogger _logger;

    public WorkspaceHandler(ConfigurationSync sync, ILogger logger)
    {
        _sync = sync;
        _logger = logger;
    }

    public void Register(JsonRpcConnection connection)
    {
        connection.OnNotification("workspace/didChangeConfiguration", LspJsonContext.Default.DidChangeConfigurationParams, p => _sync.SettingsChanged(p.Settings));

        connection.OnNotification("workspace/didChangeWatchedFiles", LspJsonContext.Default.DidChangeWatchedFilesParams, p =>
        {
            if (p.Changes.Any(c => c.Uri.EndsWith("/smolsp.json", StringComparison.OrdinalIgnoreCase)))
            {
                _logger.Information("smolsp.json changed on disk");
                _sync.FilesChanged();
            }
        });
    }
}
