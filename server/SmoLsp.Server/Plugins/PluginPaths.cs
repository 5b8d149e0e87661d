namespace SmoLsp.Server.Plugins;

/// <summary>Path questions for plugin safety: where a path really points, and whether it stays inside a folder.</summary>
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

    private static bool IsUnder(string path, string folder) =>
        path.Length > folder.Length && path.StartsWith(folder, s_comparison) && (path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));

    /// <summary>The path with every symbolic link along it followed (what realpath(3) gives); parts that do not exist stay as written.</summary>
    public static string RealPath(string path) => RealPath(path, 0);

    private static string RealPath(string path, int depth)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
            {
                return Path.Combine([next, .. parts[(i + 1)..]]);
            }

            try
            {
                // The target may itself sit under links; 40 levels is where the kernel gives up too (ELOOP).
                current = info.LinkTarget is null || depth > 40
                    ? next
                    : RealPath(Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next), depth + 1);
            }
            catch (IOException)
            {
                current = next; // a link loop: keep the path as written
            }
        }

        return current;
    }
}
