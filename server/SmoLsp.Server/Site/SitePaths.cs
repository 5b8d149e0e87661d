namespace SmoLsp.Server.Site;

/// <summary>Full-path arithmetic every part of the session shares (ordinal: paths are compared as the file system spells them).</summary>
public static class SitePaths
{
    public static bool IsUnder(string path, string directory) => RelativePath(path, directory) is not null;

    /// <summary>The part of <paramref name="path"/> below <paramref name="directory"/>, or null when it is not strictly inside it.</summary>
    public static string? RelativePath(string path, string directory)
    {
        var d = Path.TrimEndingDirectorySeparator(directory);
        // The file-system root keeps its separator ("/"); every other folder is followed by one.
        var start = d.EndsWith(Path.DirectorySeparatorChar) ? d.Length : d.Length + 1;
        return path.Length > start && path.StartsWith(d, StringComparison.Ordinal) && path[start - 1] == Path.DirectorySeparatorChar
            ? path[start..]
            : null;
    }

    /// <summary>The longest of <paramref name="roots"/> that holds <paramref name="path"/> (or is it), or null.</summary>
    public static string? RootOf(string path, IEnumerable<string> roots) => roots.Where(root => path == root || IsUnder(path, root)).MaxBy(root => root.Length);

    /// <summary>How a path is printed: relative to <paramref name="workingDirectory"/>, forward slashes.</summary>
    public static string Display(string fullPath, string workingDirectory) =>
        Web.WebAddresses.IsUrl(fullPath) ? fullPath : Path.GetRelativePath(workingDirectory, fullPath).Replace('\\', '/');
}
