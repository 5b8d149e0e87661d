using System.IO.Enumeration;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// Finds the templates of a site for the language server's index and <c>check --watch</c>: the same folders as
/// <see cref="TemplateWalker"/> (bin, obj, node_modules, .git and hidden folders skipped, folder links not followed),
/// minus what <c>.smolspignore</c> files exclude on the way down. Iterative; an unreadable folder is reported, not fatal.
/// </summary>
public sealed class SiteWalker
{
    private static readonly EnumerationOptions s_listing = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly DirectoryLister _lister;

    public SiteWalker(IgnoreRules ignores, DirectoryLister? lister = null)
    {
        Ignores = ignores;
        _lister = lister ?? ListDirectory;
    }

    public IgnoreRules Ignores { get; }

    /// <summary>Adds every template under <paramref name="root"/> (a full path) that no ignore file excludes.</summary>
    public void Walk(string root, List<string> files, List<WalkProblem> problems, CancellationToken cancellationToken = default)
    {
        var pending = new Stack<(string Directory, IReadOnlyList<IgnoreFile> Chain)>();
        pending.Push((Path.TrimEndingDirectorySeparator(root), []));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, outer) = pending.Pop();
            IReadOnlyList<DirectoryEntry> entries;
            try
            {
                entries = _lister(directory);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or System.Security.SecurityException)
            {
                problems.Add(new WalkProblem(directory, ex is UnauthorizedAccessException ? "cannot read folder (permission denied); skipped" : "cannot read folder; skipped: " + ex.Message));
                continue;
            }

            var chain = Ignores.In(directory) is { } own ? [.. outer, own] : outer;
            foreach (var entry in entries)
            {
                if (entry.IsDirectory)
                {
                    if (!entry.IsSymbolicLink && !TemplateWalker.IsSkippedDirectory(entry.Name) && !IgnoreRules.IsIgnored(chain, entry.FullPath, isDirectory: true))
                    {
                        pending.Push((entry.FullPath, chain));
                    }
                }
                else if (TemplateWalker.IsTemplatePath(entry.Name) && !IgnoreRules.IsIgnored(chain, entry.FullPath, isDirectory: false))
                {
                    files.Add(entry.FullPath);
                }
            }
        }
    }

    private static List<DirectoryEntry> ListDirectory(string directory)
    {
        var enumerable = new FileSystemEnumerable<DirectoryEntry>(
            directory,
            static (ref FileSystemEntry e) => new DirectoryEntry(e.ToFullPath(), e.FileName.ToString(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0),
            s_listing)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry e) => e.IsDirectory || TemplateWalker.IsTemplatePath(e.FileName),
        };

        return [.. enumerable];
    }
}
