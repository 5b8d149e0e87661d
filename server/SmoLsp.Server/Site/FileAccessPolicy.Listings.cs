using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace SmoLsp.Server.Site;

/// <summary>
/// Folder listings for a run whose files do not change (<see cref="Snapshot"/>: <c>check</c>). A site asks about far
/// more files that are not there than files that are: <c>smolsp.json</c>, <c>.smolspignore</c>, <c>.editorconfig</c>,
/// <c>wwwroot</c>, <c>.git</c> in every folder up to the root, and the layouts, <c>_ViewStart</c> and <c>App.razor</c>
/// candidates composition looks for. Each question about a missing file was a failed <c>lstat</c> and <c>stat</c> (and
/// a <c>realpath</c> walk for a missing folder); with a snapshot the folder is listed once (one <c>getdents</c>) and
/// every later question about it is a dictionary lookup. Entries that are there still go through the checks of
/// <see cref="FileAccessPolicy"/> (links resolved, a <c>stat</c> for the file type and size before reading).
/// </summary>
public sealed partial class FileAccessPolicy
{
    // Each listing maps a name to its ListedType, boxed once here: a dictionary of objects is compiled ahead of time
    // (one of enums was JIT-compiled at every start), and a listing keeps no more than its names.
    private ConcurrentDictionary<string, Dictionary<string, object>?>? _listings;
    private static readonly object[] s_types = [ListedType.Absent, ListedType.File, ListedType.Directory, ListedType.Link];

    private enum ListedType : byte
    {
        Absent,

        /// <summary>A regular file, or something else that is not a folder (a FIFO, a device): a <c>stat</c> tells.</summary>
        File,
        Directory,
        Link,
    }

    /// <summary>
    /// The files do not change while this policy is in use (a <c>check</c> run, not <c>--watch</c> or the language
    /// server): answer "is it there?" from one listing per folder.
    /// </summary>
    public bool Snapshot
    {
        get => _listings is not null;
        set => _listings = value ? new ConcurrentDictionary<string, Dictionary<string, object>?>(StringComparer.Ordinal) : null;
    }

    /// <summary>True only when a snapshot's listing says <paramref name="path"/> is not there (no system call); false when it is there or unknown.</summary>
    public bool KnownAbsent(string path)
    {
        if (_listings is null || Path.GetDirectoryName(path) is not { } directory)
        {
            return false;
        }

        return RealDirectory(directory) is not { } real || Listed(real, Path.GetFileName(path)) == ListedType.Absent;
    }

    /// <summary><see cref="Stat"/>, without the system call when a snapshot's listing already says the real path is missing or a folder.</summary>
    private (FileKind Kind, long Length) StatListed(string real) =>
        Path.GetDirectoryName(real) is { } directory && Listed(directory, Path.GetFileName(real)) is { } type and not ListedType.File and not ListedType.Link
            ? (type == ListedType.Directory ? FileKind.Directory : FileKind.None, 0)
            : Stat(real);

    /// <summary>The real path of a folder, cached; under a snapshot, resolved from its parent's listing when it is no link.</summary>
    private string? RealDirectory(string directory)
    {
        if (_realDirectories.TryGetValue(directory, out var known))
        {
            return known;
        }

        string? real;
        if (_listings is not null && Path.GetDirectoryName(directory) is { } parent && RealDirectory(parent) is { } realParent
            && Listed(realParent, Path.GetFileName(directory)) is { } type)
        {
            real = type switch
            {
                ListedType.Absent => null,
                ListedType.Directory or ListedType.File => Path.Join(realParent, Path.GetFileName(directory.AsSpan())),
                _ => RealPathOf(directory),
            };
        }
        else
        {
            real = RealPathOf(directory);
        }

        return _realDirectories.GetOrAdd(directory, real);
    }

    /// <summary>What a snapshot's listing of <paramref name="realDirectory"/> says about <paramref name="name"/>; null without a snapshot or when the folder cannot be listed.</summary>
    private ListedType? Listed(string realDirectory, string name)
    {
        // A folder outside the site is never listed: even its file names are not the site's to read.
        if (_listings is not { } listings || name.Length == 0 || !Contains(realDirectory))
        {
            return null;
        }

        var listing = listings.GetOrAdd(realDirectory, List);
        return listing is null ? null : listing.TryGetValue(name, out var type) ? (ListedType)type : ListedType.Absent;
    }

    private static object TypeOf(DirectoryEntry entry) =>
        s_types[(int)(entry.IsSymbolicLink ? ListedType.Link : entry.IsDirectory ? ListedType.Directory : ListedType.File)];

    /// <summary>
    /// Lists a folder for the <see cref="SiteWalker"/> (its subfolders and templates) and, under a snapshot, keeps the
    /// whole listing, so the questions that follow about the folder's other files (<c>.smolspignore</c>,
    /// <c>smolsp.json</c>, layouts) need no second <c>getdents</c>. Throws on an unreadable folder, as the walk expects.
    /// </summary>
    public IReadOnlyList<DirectoryEntry> ListForWalk(string directory)
    {
        var entries = new List<DirectoryEntry>();
        var listing = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var entry in DirectoryEntry.List(directory))
        {
            listing[entry.Name] = TypeOf(entry);
            if (entry.IsDirectory || SiteWalker.IsTemplatePath(entry.Name))
            {
                entries.Add(entry);
            }
        }

        if (_listings is { } listings && RealDirectory(directory) is { } real && Contains(real))
        {
            listings.TryAdd(real, listing);
        }

        return entries;
    }

    /// <summary>Whether a snapshot's listing of <paramref name="directory"/> holds a file (not a folder) whose name matches; null without one.</summary>
    public bool? ListingHas(string directory, Func<string, bool> match)
    {
        if (_listings is not { } listings || RealDirectory(directory) is not { } real || !Contains(real) || listings.GetOrAdd(real, List) is not { } listing)
        {
            return null;
        }

        foreach (var (name, type) in listing)
        {
            if ((ListedType)type != ListedType.Directory && match(name))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, object>? List(string realDirectory)
    {
        try
        {
            var listing = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var entry in DirectoryEntry.List(realDirectory))
            {
                listing[entry.Name] = TypeOf(entry);
            }

            return listing;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException)
        {
            return null; // unknown: every question about it goes to the file system, as without a snapshot
        }
    }
}
