using System.IO.Enumeration;

namespace SmoLsp.Server.Workspace;

/// <summary>One entry of a directory listing.</summary>
public readonly record struct DirectoryEntry(string FullPath, string Name, bool IsDirectory, bool IsSymbolicLink);

/// <summary>Lists one directory (not recursively). Throws on an unreadable directory; a seam for tests that cannot chmod as root.</summary>
public delegate IReadOnlyList<DirectoryEntry> DirectoryLister(string directory);

/// <summary>A folder or file the walk could not read; reported as a warning and skipped.</summary>
public sealed record WalkProblem(string Path, string Message);

/// <summary>
/// Finds templates under a folder: <c>*.html</c>, <c>*.htm</c>, <c>*.cshtml</c>, <c>*.razor</c>, skipping build output,
/// dependencies and hidden folders. Iterative (no recursion limit on deep trees); an unreadable folder is reported and
/// skipped, never fatal. Symbolic links to folders are not followed: they are how walks loop forever, and the
/// target is usually checked where it really lives.
/// </summary>
public sealed class TemplateWalker
{
    private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", ".git" };

    private static readonly EnumerationOptions s_listing = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly DirectoryLister _lister;

    public TemplateWalker(DirectoryLister? lister = null)
    {
        _lister = lister ?? ListDirectory;
    }

    public static bool IsTemplatePath(ReadOnlySpan<char> fileName)
    {
        var dot = fileName.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var ext = fileName[dot..];
        return ext.Equals(".html", StringComparison.OrdinalIgnoreCase) || ext.Equals(".htm", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".cshtml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".razor", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for folders the walk never enters: build output, dependencies, VCS data, hidden folders.</summary>
    public static bool IsSkippedDirectory(string name) => s_skippedDirectories.Contains(name) || (name.Length > 1 && name[0] == '.');

    /// <summary>
    /// Adds every template under <paramref name="root"/> (a full path) to <paramref name="files"/>. <paramref name="isIgnored"/>
    /// (full path, is a folder) prunes what <c>.smolspignore</c> excludes: an ignored folder is never entered.
    /// </summary>
    public void Walk(string root, List<string> files, List<WalkProblem> problems, Func<string, bool, bool>? isIgnored = null, CancellationToken cancellationToken = default)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
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

            foreach (var entry in entries)
            {
                if (entry.IsDirectory)
                {
                    if (!entry.IsSymbolicLink && !IsSkippedDirectory(entry.Name) && isIgnored?.Invoke(entry.FullPath, true) != true)
                    {
                        pending.Push(entry.FullPath);
                    }
                }
                else if (IsTemplatePath(entry.Name) && isIgnored?.Invoke(entry.FullPath, false) != true)
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
            // Skip non-templates before allocating an entry for them.
            ShouldIncludePredicate = static (ref FileSystemEntry e) => e.IsDirectory || IsTemplatePath(e.FileName),
        };

        // Materialized here so an error part-way through surfaces inside the caller's try.
        return [.. enumerable];
    }
}
