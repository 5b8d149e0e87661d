using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SmoLsp.Server.Site;

/// <summary>Why a read was refused, or <see cref="Ok"/>.</summary>
public enum FileReadStatus
{
    Ok,
    NotFound,

    /// <summary>The real path (symbolic links resolved) is outside every root of the site.</summary>
    OutsideSite,

    /// <summary>A FIFO, a device, a socket or a folder: only regular files are read.</summary>
    NotRegularFile,
    TooLarge,
    Unreadable,
}

/// <summary>The bytes of one file read through the <see cref="FileAccessPolicy"/>, or why there are none.</summary>
public sealed record FileBytes(FileReadStatus Status, byte[]? Bytes, long Length, DateTime LastWriteTimeUtc, string? Message)
{
    public bool Success => Status == FileReadStatus.Ok;

    public static FileBytes Refused(FileReadStatus status, string message, long length = 0) => new(status, null, length, default, message);
}

/// <summary>What is at a path, as the policy sees it (links resolved; outside the site is <see cref="None"/>).</summary>
public enum FileKind
{
    None,
    File,
    Directory,

    /// <summary>Something that is neither a regular file nor a folder (a FIFO, a device, a socket).</summary>
    Other,
}

/// <summary>
/// Every file the site session reads on a site's behalf goes through here: templates, layouts and partials, images,
/// <c>smolsp.json</c>, <c>.smolspignore</c>, <c>.editorconfig</c>, plugins. A site's files come from pull requests, so:
/// <list type="bullet">
/// <item>the real path (every symbolic link resolved, by the kernel's <c>realpath</c>) must lie inside one of the
/// <see cref="Roots"/> (the repository root, else the folder or workspace folder being checked);</item>
/// <item>only regular files are opened: a FIFO would block forever, <c>/dev/zero</c> never ends, and a size is known
/// before any byte is read;</item>
/// <item>every read has a cap, and a file over it is refused before it is read.</item>
/// </list>
/// Real paths of folders are cached (a site of 50,000 pages has a few thousand folders), so a file costs one
/// <c>stat</c> unless it is a link. Thread-safe.
/// </summary>
public sealed partial class FileAccessPolicy
{
    /// <summary>The cap for configuration-like files (smolsp.json, .smolspignore, .editorconfig): real ones are a few KB.</summary>
    public const long MaxSettingsFileBytes = 4 * 1024 * 1024;

    // The roots as the host spells them (what the session's paths start with) and their real paths (what a file's
    // real path must start with): a site under a linked folder (/home -> /data/home) has both.
    private volatile string[] _roots;
    private volatile string[] _realRoots;
    private readonly ConcurrentDictionary<string, string?> _realDirectories = new(StringComparer.Ordinal);

    /// <param name="roots">Full paths; their real paths are what files must lie under. Empty: nothing is inside.</param>
    public FileAccessPolicy(IEnumerable<string> roots)
    {
        (_roots, _realRoots) = Normalize(roots);
    }

    /// <summary>The editor's workspace folders changed: these are the roots from now on.</summary>
    public void SetRoots(IEnumerable<string> roots)
    {
        var (typed, real) = Normalize(roots);
        _realRoots = real;
        _roots = typed;
    }

    private static (string[] Typed, string[] Real) Normalize(IEnumerable<string> roots)
    {
        string[] typed = [.. roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal)];
        return (typed, [.. typed.Select(r => RealPathOf(r) ?? r).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>A policy whose roots are <see cref="RootFor(string, string)"/> each of <paramref name="paths"/>.</summary>
    public static FileAccessPolicy ForPaths(IEnumerable<string> paths, string? workingDirectory = null)
    {
        // Files named one by one (a shell glob of a thousand pages) share their folders and ancestors: each folder is
        // looked at once, not once per file.
        var probes = new Dictionary<string, bool>(StringComparer.Ordinal);
        return new(paths.Select(p => RootFor(p, workingDirectory, probes)));
    }

    /// <summary>The folders everything read must lie inside, as the host spells them (ignore and configuration lookups stop at them).</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Called with the real path of every file opened for reading (tests audit that nothing outside is read).</summary>
    public Action<string>? Opened { get; set; }

    /// <summary>
    /// The root a checked path may read inside: its repository (the nearest folder above holding <c>.git</c>); outside
    /// a repository, its project (the nearest folder above that <see cref="SiteBoundaries"/> calls a site: it holds
    /// <c>smolsp.json</c>, a <c>*.csproj</c>, a static-site generator's configuration), else the working directory the
    /// command runs in when the path is under it, else the folder itself (or a file's folder). A site's own files can
    /// add no marker above the folder being checked, so the root is never theirs to move.
    /// </summary>
    public static string RootFor(string path, string? workingDirectory = null) => RootFor(path, workingDirectory, null);

    /// <param name="probes">Answers already known, by <c>folder/.git</c> and by folder (is it a site): shared by calls about one run's paths.</param>
    private static string RootFor(string path, string? workingDirectory, Dictionary<string, bool>? probes)
    {
        bool Probe(string key, Func<string, bool> probe)
        {
            if (probes is null)
            {
                return probe(key);
            }

            if (!probes.TryGetValue(key, out var known))
            {
                probes[key] = known = probe(key);
            }

            return known;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var start = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Probe(Path.Combine(dir, ".git"), Path.Exists))
            {
                return dir;
            }
        }

        for (var dir = start; dir is not null && Path.GetDirectoryName(dir) is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Probe(dir, SiteBoundaries.IsSiteFolder))
            {
                return dir;
            }
        }

        if (workingDirectory is not null)
        {
            var cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));
            if (Path.GetDirectoryName(cwd) is not null && (start == cwd || IsUnder(start, cwd)))
            {
                return cwd;
            }
        }

        return start;
    }

    /// <summary>True when the real path <paramref name="realPath"/> is a root or lies under one.</summary>
    public bool Contains(string realPath)
    {
        foreach (var root in _realRoots)
        {
            if (realPath == root || IsUnder(realPath, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The real path of <paramref name="path"/> when it exists inside the site, else null.</summary>
    public string? Resolve(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        var real = RealPathOfFile(full);
        return real is not null && Contains(real) ? real : null;
    }

    /// <summary>What is at <paramref name="path"/>; <see cref="FileKind.None"/> when nothing is there or it is outside the site.</summary>
    public FileKind Kind(string path) => Resolve(path) is { } real ? KindOf(real) : FileKind.None;

    /// <summary>Reads a whole regular file inside the site, refusing it when it is over <paramref name="maxBytes"/>.</summary>
    public FileBytes ReadAll(string path, long maxBytes) => Read(path, maxBytes, head: false, requireInside: true);

    /// <summary>Reads at most the first <paramref name="maxBytes"/> of a regular file inside the site (an image's header); <see cref="FileBytes.Length"/> is the whole size.</summary>
    public FileBytes ReadHead(string path, int maxBytes) => Read(path, maxBytes, head: true, requireInside: true);

    /// <summary>
    /// Reads a file the user named on the command line (<c>--config</c>): it may be outside the site, because the
    /// user chose it, not the site; but it is still only a regular file, and capped.
    /// </summary>
    public FileBytes ReadNamedByUser(string path, long maxBytes) => Read(path, maxBytes, head: false, requireInside: false);

    private FileBytes Read(string path, long maxBytes, bool head, bool requireInside)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return FileBytes.Refused(FileReadStatus.NotFound, "not a valid path");
        }

        var real = RealPathOfFile(full);
        if (real is null)
        {
            return FileBytes.Refused(FileReadStatus.NotFound, "no such file");
        }

        if (requireInside && !Contains(real))
        {
            return FileBytes.Refused(FileReadStatus.OutsideSite, "refused: it links outside the site (" + string.Join(", ", _roots) + ")");
        }

        var (kind, length) = StatListed(real);
        switch (kind)
        {
            case FileKind.None:
                return FileBytes.Refused(FileReadStatus.NotFound, "no such file");
            case FileKind.Directory:
                return FileBytes.Refused(FileReadStatus.NotRegularFile, "refused: it is a folder, not a file");
            case FileKind.Other:
                return FileBytes.Refused(FileReadStatus.NotRegularFile, "refused: not a regular file (a FIFO, device or socket)");
        }

        if (!head && length > maxBytes)
        {
            return FileBytes.Refused(FileReadStatus.TooLarge, $"{FormatSize(length, maxBytes)} is over the {FormatSize(maxBytes)} limit", length);
        }

        try
        {
            Opened?.Invoke(real);
            using var handle = File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var size = RandomAccess.GetLength(handle);
            if (!head && size > maxBytes)
            {
                return FileBytes.Refused(FileReadStatus.TooLarge, $"{FormatSize(size, maxBytes)} is over the {FormatSize(maxBytes)} limit", size);
            }

            var writeTime = File.GetLastWriteTimeUtc(handle);
            var buffer = new byte[Math.Min(size, maxBytes)];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read), read);
                if (n == 0)
                {
                    // The file shrank while we read it: keep what is there.
                    Array.Resize(ref buffer, read);
                    break;
                }

                read += n;
            }

            return new FileBytes(FileReadStatus.Ok, buffer, size, writeTime, null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return FileBytes.Refused(FileReadStatus.NotFound, "no such file");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException or NotSupportedException)
        {
            return FileBytes.Refused(FileReadStatus.Unreadable, "cannot read: " + IoErrors.Describe(ex));
        }
    }

    /// <summary>The real path of a file: its folder's (cached) plus its name, resolved again only when the file itself is a link.</summary>
    private string? RealPathOfFile(string full)
    {
        var directory = Path.GetDirectoryName(full);
        if (directory is null)
        {
            return RealPathOf(full);
        }

        var realDirectory = RealDirectory(directory);
        if (realDirectory is null)
        {
            return null;
        }

        var candidate = Path.Join(realDirectory, Path.GetFileName(full.AsSpan()));
        return Listed(realDirectory, Path.GetFileName(full)) switch
        {
            ListedType.Link => RealPathOf(candidate),
            ListedType.File or ListedType.Directory or ListedType.Absent => candidate,
            _ => IsLink(candidate) ? RealPathOf(candidate) : candidate,
        };
    }

    private static bool IsUnder(string path, string directory)
    {
        var start = directory.EndsWith(Path.DirectorySeparatorChar) ? directory.Length : directory.Length + 1;
        return path.Length > start && path.StartsWith(directory, StringComparison.Ordinal) && path[start - 1] == Path.DirectorySeparatorChar;
    }

    private FileKind KindOf(string real) => StatListed(real).Kind;

    /// <summary>A size as KB or MB; in bytes when rounding would make it read the same as <paramref name="limit"/>.</summary>
    public static string FormatSize(long bytes, long limit) =>
        FormatSize(bytes) == FormatSize(limit) ? $"{bytes} bytes" : FormatSize(bytes);

    public static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";

    // ---- the operating system ----
    // .NET has no public API for a file's type (FIFO, device) or for realpath(3). The runtime's own native shim,
    // libSystem.Native, exports both with a layout that is the same on every Unix (.NET itself calls them for
    // File.Exists and Path resolution), and it is linked into Native AOT builds too. Where it is missing (Windows),
    // the managed fallbacks below apply: Windows has no FIFOs in the file system, and links resolve through .NET.

    private static readonly bool s_native = !OperatingSystem.IsWindows();

    /// <summary>The real path of an existing file or folder (every symbolic link resolved, as realpath(3)), or null when there is none.</summary>
    public static string? RealPathOf(string path)
    {
        if (s_native)
        {
            try
            {
                return Native.RealPath(path);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall through to the managed resolution.
            }
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path))
            {
                return null;
            }

            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static bool IsLink(string path)
    {
        if (s_native)
        {
            try
            {
                return Native.LStat(path, out _, out _) == 0xA000;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }

        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static (FileKind Kind, long Length) Stat(string path)
    {
        if (s_native)
        {
            try
            {
                var type = Native.Stat(path, out var size, out var found);
                return !found ? (FileKind.None, 0) : type switch
                {
                    0x8000 => (FileKind.File, size),
                    0x4000 => (FileKind.Directory, 0),
                    _ => (FileKind.Other, 0),
                };
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }

        try
        {
            var info = new FileInfo(path);
            return info.Exists ? (FileKind.File, info.Length) : Directory.Exists(path) ? (FileKind.Directory, 0) : (FileKind.None, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (FileKind.None, 0);
        }
    }

    private static unsafe partial class Native
    {
        private const string Library = "libSystem.Native";

        // The runtime's FileStatus: int Flags, int Mode, uint Uid, uint Gid, long Size, ... (pal_io.h); read by offset
        // from a buffer larger than the struct, so fields added at its end cannot overrun it.
        private const int StatusBytes = 256;
        private const int ModeOffset = 4;
        private const int SizeOffset = 16;

        [LibraryImport(Library, EntryPoint = "SystemNative_RealPath", StringMarshalling = StringMarshalling.Utf8)]
        private static partial byte* RealPathNative(string path);

        [LibraryImport(Library, EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int StatNative(string path, byte* status);

        [LibraryImport(Library, EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int LStatNative(string path, byte* status);

        public static string? RealPath(string path)
        {
            var result = RealPathNative(path);
            if (result is null)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8((nint)result);
            }
            finally
            {
                NativeMemory.Free(result);
            }
        }

        /// <summary>The file type bits (S_IFMT) of the file a path names, following links.</summary>
        public static int Stat(string path, out long size, out bool found)
        {
            var status = stackalloc byte[StatusBytes];
            found = StatNative(path, status) == 0;
            size = found ? *(long*)(status + SizeOffset) : 0;
            return found ? *(int*)(status + ModeOffset) & 0xF000 : 0;
        }

        /// <summary>The file type bits of the path itself (a link is a link).</summary>
        public static int LStat(string path, out long size, out bool found)
        {
            var status = stackalloc byte[StatusBytes];
            found = LStatNative(path, status) == 0;
            size = found ? *(long*)(status + SizeOffset) : 0;
            return found ? *(int*)(status + ModeOffset) & 0xF000 : 0;
        }
    }
}
