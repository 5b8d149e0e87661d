using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// For clients that cannot register file watchers (Neovim 0.7 and other pre-3.16-style clients): the server watches
/// the workspace folders itself, with the same <see cref="SiteFileWatcher"/> as <c>check --watch</c>, and feeds the
/// events to the index as if the client had sent <c>didChangeWatchedFiles</c>. Clients that watch get no second
/// watcher; <c>initializationOptions.watchFiles: false</c> turns it off.
/// </summary>
public sealed class ServerFileWatcher(ClientSession session, WorkspaceDiagnostics index, ILogger logger) : IDisposable
{
    private SiteFileWatcher? _watcher;

    public bool IsWatching => _watcher is not null;

    public void Start()
    {
        if (session.DynamicWatchedFiles || !session.ServerFileWatching || session.WorkspaceFolders.Count == 0)
        {
            return;
        }

        _watcher = new SiteFileWatcher(TimeSpan.FromMilliseconds(150), OnBatch);
        FoldersChanged();
        logger.Information("The client does not watch files; the server watches {Folders}", string.Join(", ", session.WorkspaceFolders));
    }

    /// <summary>Watches folders added to the workspace (events in removed ones fall outside the site and are ignored).</summary>
    public void FoldersChanged()
    {
        foreach (var folder in session.WorkspaceFolders)
        {
            try
            {
                _watcher?.WatchTree(folder);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
            {
                logger.Warning("Cannot watch {Folder}: {Message}", folder, ex.Message);
            }
        }
    }

    public void Stop()
    {
        _watcher?.Dispose();
        _watcher = null;
    }

    public void Dispose() => Stop();

    private void OnBatch(SiteFileBatch batch)
    {
        try
        {
            index.FilesChanged(batch.Changes);
            if (batch.Overflowed)
            {
                logger.Warning("File events were lost; checking the workspace again");
                index.RecheckAll();
            }
        }
        catch (Exception ex)
        {
            logger.Error(ex, "Applying file events failed");
        }
    }
}
