using SmoLsp.Server.Site;

namespace SmoLsp.Server.Plugins;

/// <summary>Path questions for plugin safety: whether a path stays inside a folder, as written and once links are followed.</summary>
public static class PluginPaths
{
    private static readonly StringComparison s_comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Whether <paramref name="path"/> is inside <paramref name="folder"/>, both as written (no <c>..</c> escape) and
    /// once symbolic links are followed (a link inside the workspace cannot point a plugin path elsewhere).
    /// </summary>
    public static bool IsInside(string path, string folder)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return IsUnder(full, root) && IsUnder(RealPath(full), RealPath(root));
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    public static bool IsAtOrUnder(string path, string folder) => path.Equals(folder, s_comparison) || IsUnder(path, folder);

    private static bool IsUnder(string path, string folder) =>
        path.Length > folder.Length && path.StartsWith(folder, s_comparison) && (path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));

    /// <summary>
    /// The path with every symbolic link followed. Of a path that does not exist, its nearest existing folder is resolved
    /// and the rest kept as written: a link above it still counts (trusted/evil/site, with evil a link out, is not trusted).
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (FileAccessPolicy.RealPathOf(full) is { } real)
        {
            return real;
        }

        return Path.GetDirectoryName(full) is { } parent && parent != full ? Path.Combine(RealPath(parent), Path.GetFileName(full)) : full;
    }
}
