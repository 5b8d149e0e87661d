using System.Collections.Concurrent;
using System.Text;
using SmoLsp.Analysis.Configuration;

namespace SmoLsp.Server.Site;

/// <summary>
/// <c>.smolspignore</c> files, in gitignore syntax: globs (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>**</c>), <c>!</c> to
/// re-include, a trailing <c>/</c> for folders only, a <c>/</c> inside to anchor to the file's folder, <c>#</c> comments.
/// Every <c>.smolspignore</c> from the site's root (see <see cref="FileAccessPolicy.Roots"/>: the repository root)
/// down to a path's folder applies, the nearest last, and the last matching pattern wins, as with <c>.gitignore</c>.
/// As in git, a file inside an ignored folder cannot be re-included: the walk never enters that folder. Each folder's
/// file is read once (through the access policy, capped) and cached until <see cref="Invalidate"/>. Thread-safe.
/// </summary>
public sealed class IgnoreRules(FileAccessPolicy files)
{
    private readonly ConcurrentDictionary<string, IgnoreFile?> _byDirectory = new(StringComparer.Ordinal);

    /// <summary>The ignore file in <paramref name="directory"/>, or null.</summary>
    public IgnoreFile? In(string directory) => _byDirectory.GetOrAdd(directory, d =>
    {
        var path = Path.Combine(d, IgnoreFile.FileName);
        var read = files.ReadAll(path, FileAccessPolicy.MaxSettingsFileBytes);
        // An unreadable or refused ignore file ignores nothing; the walk still reports unreadable folders.
        return read.Success ? IgnoreFile.Parse(Encoding.UTF8.GetString(read.Bytes!), d, path) : null;
    });

    public void Invalidate() => _byDirectory.Clear();

    /// <summary>True for a folder where ignore chains start (a root of the site), or one outside every root.</summary>
    public bool IsSiteRoot(string directory) => SitePaths.RootOf(directory, files.Roots) is not { } root || root == directory;

    /// <summary>True when the ignore files in <paramref name="chain"/> (outermost first) exclude the entry.</summary>
    public static bool IsIgnored(IReadOnlyList<IgnoreFile> chain, string fullPath, bool isDirectory)
    {
        IgnorePattern? decided = null;
        foreach (var file in chain)
        {
            if (SitePaths.RelativePath(fullPath, file.Directory) is { } relative)
            {
                // Deeper files come later in the chain and win, as in git.
                decided = file.LastMatch(relative.Replace('\\', '/'), isDirectory) ?? decided;
            }
        }

        return decided is { Negated: false };
    }

    /// <summary>
    /// True when <paramref name="fullPath"/> is out of the site: outside every root, inside a folder the walk never
    /// enters (bin, obj, node_modules, hidden) or excluded by a <c>.smolspignore</c> on the way down from its root.
    /// </summary>
    public bool IsExcluded(string fullPath, bool isDirectory = false) => WhyExcluded(fullPath, isDirectory, out _);

    /// <summary>The pattern that ignores the path or one of its folders, for reports about one file (null: not ignored by a pattern).</summary>
    public IgnorePattern? MatchIncludingFolders(string fullPath)
    {
        WhyExcluded(fullPath, isDirectory: false, out var pattern);
        return pattern;
    }

    private bool WhyExcluded(string fullPath, bool isDirectory, out IgnorePattern? pattern)
    {
        pattern = null;
        var root = SitePaths.RootOf(fullPath, files.Roots);
        if (root is null || SitePaths.RelativePath(fullPath, root) is not { } relative)
        {
            return true;
        }

        return IgnoreFile.Excludes(relative.Replace(Path.DirectorySeparatorChar, '/'), isDirectory,
            folder => In(folder.Length == 0 ? root : Path.Combine(root, folder)), out pattern);
    }
}
