using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp.Handlers;

/// <summary><c>workspace/didChangeConfiguration</c> and <c>workspace/didChangeWatchedFiles</c>.</summary>
public sealed class WorkspaceHandler(ConfigurationSync sync, WorkspaceDiagnostics index, ClientSession session, ServerFileWatcher fileWatcher, ILogger logger) : ILspHandler
{
    public void Register(JsonRpcConnection connection)
    {
        connection.OnNotification("workspace/didChangeConfiguration", LspJsonContext.Default.DidChangeConfigurationParams, p => sync.SettingsChanged(p.Settings));

        connection.OnNotification("workspace/didChangeWatchedFiles", LspJsonContext.Default.DidChangeWatchedFilesParams, p =>
        {
            var changes = new List<FileChange>(p.Changes.Count);
            foreach (var change in p.Changes)
            {
                if (DocumentUris.ToLocalPath(change.Uri) is { } local && change.Type is >= 1 and <= 3)
                {
                    // The folder watcher reports every create and delete (build output too): keep what a site cares about.
                    var path = Path.GetFullPath(local);
                    var root = session.WorkspaceFolders.Where(f => SitePaths.IsUnder(path, f)).OrderByDescending(f => f.Length).FirstOrDefault();
                    if (SiteFiles.IsRelevant(path, (FileChangeKind)change.Type, root))
                    {
                        changes.Add(new FileChange(path, (FileChangeKind)change.Type));
                    }
                }
            }

            logger.Debug("{Count} of {Total} watched file change(s) concern the site", changes.Count, p.Changes.Count);
            if (changes.Count > 0)
            {
                index.FilesChanged(changes);
            }
        });

        connection.OnNotification("workspace/didChangeWorkspaceFolders", LspJsonContext.Default.DidChangeWorkspaceFoldersParams, p =>
        {
            session.ChangeWorkspaceFolders(
                p.Event.Added.Select(f => DocumentUris.ToLocalPath(f.Uri) ?? string.Empty),
                p.Event.Removed.Select(f => DocumentUris.ToLocalPath(f.Uri) ?? string.Empty));
            logger.Information("Workspace folders: {Folders}", string.Join(", ", session.WorkspaceFolders));
            fileWatcher.FoldersChanged();
            index.FoldersChanged();
        });
    }
}
