using System.Collections.Concurrent;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// One <c>.smolspignore</c> file for the workspace index and <c>check --watch</c>, parsed by the same gitignore-syntax
/// parser as <c>check</c> (<see cref="SmolspIgnore.Parse"/>), so every host ignores the same files.
/// </summary>
public sealed class IgnoreFile
{
    public const string FileName = SmolspIgnore.FileName;

    private readonly IgnorePatternFile _file;

    private IgnoreFile(IgnorePatternFile file)
    {
        _file = file;
    }

    /// <summary>The folder the patterns are relative to.</summary>
    public string Directory => _file.Directory;

    public int PatternCount => _file.Patterns.Count;

    public static IgnoreFile Parse(string directory, string text) =>
        new(SmolspIgnore.Parse(text, directory, Path.Combine(directory, FileName)));

    /// <summary>
    /// What the last matching pattern says about <paramref name="relativePath"/> (forward slashes, relative to
    /// <see cref="Directory"/>): true ignored, false re-included by a <c>!</c> pattern, null when nothing matches.
    /// </summary>
    public bool? Match(string relativePath, bool isDirectory) =>
        _file.LastMatch(relativePath, isDirectory) is { } pattern ? !pattern.Negated : null;
}

/// <summary>
/// Every <c>.smolspignore</c> from a workspace root down, read once per folder and cached until
/// <see cref="Invalidate"/> (a watcher saw one change). A folder that is ignored hides everything under it: like
/// git, a <c>!</c> pattern cannot bring back a file whose parent folder is excluded.
/// </summary>
public sealed class IgnoreRules
{
    private readonly ConcurrentDictionary<string, IgnoreFile?> _byDirectory = new(StringComparer.Ordinal);

    /// <summary>The ignore file in <paramref name="directory"/>, or null.</summary>
    public IgnoreFile? In(string directory) => _byDirectory.GetOrAdd(directory, static d =>
    {
        try
        {
            var path = Path.Combine(d, IgnoreFile.FileName);
            return File.Exists(path) ? IgnoreFile.Parse(d, File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // an unreadable ignore file ignores nothing; the walk still reports unreadable folders
        }
    });

    public void Invalidate() => _byDirectory.Clear();

    /// <summary>True when the ignore files in <paramref name="chain"/> (outermost first) exclude the entry.</summary>
    public static bool IsIgnored(IReadOnlyList<IgnoreFile> chain, string fullPath, bool isDirectory)
    {
        var ignored = false;
        foreach (var file in chain)
        {
            if (RelativePath(fullPath, file.Directory) is not { } relative)
            {
                continue;
            }

            if (file.Match(relative.Replace('\\', '/'), isDirectory) is { } verdict)
            {
                ignored = verdict; // deeper files come later in the chain and win, as in git
            }
        }

        return ignored;
    }

    /// <summary>
    /// True when <paramref name="fullPath"/> under <paramref name="root"/> is out of the site: inside a folder the
    /// walk never enters (bin, obj, node_modules, hidden) or excluded by a <c>.smolspignore</c> on the way down.
    /// </summary>
    public bool IsExcluded(string root, string fullPath, bool isDirectory = false)
    {
        if (RelativePath(fullPath, root) is not { } relative)
        {
            return true;
        }

        var segments = relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var chain = new List<IgnoreFile>();
        var directory = Path.TrimEndingDirectorySeparator(root);
        for (var i = 0; i < segments.Length; i++)
        {
            if (In(directory) is { } file)
            {
                chain.Add(file);
            }

            var entry = Path.Combine(directory, segments[i]);
            var entryIsDirectory = i < segments.Length - 1 || isDirectory;
            if ((entryIsDirectory && TemplateWalker.IsSkippedDirectory(segments[i])) || IsIgnored(chain, entry, entryIsDirectory))
            {
                return true;
            }

            directory = entry;
        }

        return false;
    }

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
}
