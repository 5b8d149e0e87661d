using System.Collections.Concurrent;
using System.Text;

namespace SmoLsp.Server.Site;

/// <summary>One pattern of a <c>.smolspignore</c> file, with where it came from (for <c>--print-config</c>).</summary>
public sealed record IgnorePattern(string Pattern, bool Negated, bool DirectoryOnly, Glob Glob, string SourceFile, int Line)
{
    public override string ToString() => $"{SourceFile}:{Line}: {(Negated ? "!" : string.Empty)}{Pattern}{(DirectoryOnly ? "/" : string.Empty)}";
}

/// <summary>The patterns of one <c>.smolspignore</c>, matched against paths relative to its folder.</summary>
public sealed record IgnoreFile(string Directory, IReadOnlyList<IgnorePattern> Patterns)
{
    public const string FileName = ".smolspignore";

    /// <summary>
    /// Patterns read per file; the rest are ignored. Real ignore files have tens of lines; every pattern is compiled and
    /// tried on every walked path, and a 4 MB file of three-byte lines would be 1.4 million of them.
    /// </summary>
    public const int MaxPatterns = 10_000;

    public int PatternCount => Patterns.Count;

    /// <summary>
    /// The last pattern that matches <paramref name="relativePath"/> (forward slashes, relative to <see cref="Directory"/>),
    /// negated or not, or null when none does: the last match decides, as in git.
    /// </summary>
    public IgnorePattern? LastMatch(string relativePath, bool isDirectory)
    {
        IgnorePattern? decided = null;
        foreach (var pattern in Patterns)
        {
            if ((!pattern.DirectoryOnly || isDirectory) && pattern.Glob.IsMatch(relativePath))
            {
                decided = pattern;
            }
        }

        return decided;
    }

    /// <summary>What the last matching pattern says: true ignored, false re-included by a <c>!</c> pattern, null when nothing matches.</summary>
    public bool? Match(string relativePath, bool isDirectory) => LastMatch(relativePath, isDirectory) is { } pattern ? !pattern.Negated : null;

    public static IgnoreFile Parse(string directory, string text) => Parse(text, directory, Path.Combine(directory, FileName));

    public static IgnoreFile Parse(string text, string directory, string sourceFile)
    {
        var patterns = new List<IgnorePattern>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            if (patterns.Count == MaxPatterns)
            {
                break;
            }

            var line = raw.TrimEnd('\r');

            // Trailing spaces are dropped unless escaped with a backslash (gitignore).
            var end = line.Length;
            while (end > 0 && line[end - 1] == ' ' && (end < 2 || line[end - 2] != '\\'))
            {
                end--;
            }

            line = line[..end];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var negated = false;
            if (line[0] == '!')
            {
                negated = true;
                line = line[1..];
            }
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
            {
                line = line[1..];
            }

            var directoryOnly = line.EndsWith('/');
            if (directoryOnly)
            {
                line = line.TrimEnd('/');
            }

            if (line.Length == 0)
            {
                continue;
            }

            // A slash at the start or in the middle anchors the pattern to this folder; otherwise it matches at any depth.
            var anchored = line.Contains('/', StringComparison.Ordinal);
            var body = line.TrimStart('/');
            var glob = Glob.Compile(anchored ? body : "**/" + body, GlobSyntax.Gitignore);
            patterns.Add(new IgnorePattern(line, negated, directoryOnly, glob, sourceFile, lineNumber));
        }

        return new IgnoreFile(directory, patterns);
    }
}

/// <summary>
/// <c>.smolspignore</c> files, in gitignore syntax: globs (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>**</c>), <c>!</c> to
/// re-include, a trailing <c>/</c> for folders only, a <c>/</c> inside to anchor to the file's folder, <c>#</c> comments.
/// Every <c>.smolspignore</c> from the site's root (see <see cref="FileAccessPolicy.Roots"/>: the repository root)
/// down to a path's folder applies, the nearest last, and the last matching pattern wins, as with <c>.gitignore</c>.
/// As in git, a file inside an ignored folder cannot be re-included: the walk never enters that folder. Each folder's
/// file is read once (through the access policy, capped) and cached until <see cref="Invalidate"/>. Thread-safe.
/// </summary>
public sealed class IgnoreRules
{
    public const string FileName = IgnoreFile.FileName;

    private readonly FileAccessPolicy _files;
    private readonly ConcurrentDictionary<string, IgnoreFile?> _byDirectory = new(StringComparer.Ordinal);

    public IgnoreRules(FileAccessPolicy files)
    {
        _files = files;
    }

    /// <summary>The ignore file in <paramref name="directory"/>, or null.</summary>
    public IgnoreFile? In(string directory) => _byDirectory.GetOrAdd(directory, d =>
    {
        var path = Path.Combine(d, FileName);
        var read = _files.ReadAll(path, FileAccessPolicy.MaxSettingsFileBytes);
        // An unreadable or refused ignore file ignores nothing; the walk still reports unreadable folders.
        return read.Success ? IgnoreFile.Parse(Encoding.UTF8.GetString(read.Bytes!), d, path) : null;
    });

    public void Invalidate() => _byDirectory.Clear();

    /// <summary>True for a folder where ignore chains start (a root of the site), or one outside every root.</summary>
    public bool IsSiteRoot(string directory) => SitePaths.RootOf(directory, _files.Roots) is not { } root || root == directory;

    /// <summary>True when the ignore files in <paramref name="chain"/> (outermost first) exclude the entry.</summary>
    public static bool IsIgnored(IReadOnlyList<IgnoreFile> chain, string fullPath, bool isDirectory) => Decide(chain, fullPath, isDirectory) is { Negated: false };

    private static IgnorePattern? Decide(IReadOnlyList<IgnoreFile> chain, string fullPath, bool isDirectory)
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

        return decided;
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
        var root = SitePaths.RootOf(fullPath, _files.Roots);
        if (root is null || SitePaths.RelativePath(fullPath, root) is not { } relative)
        {
            return true;
        }

        var segments = relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var chain = new List<IgnoreFile>();
        var directory = root;
        for (var i = 0; i < segments.Length; i++)
        {
            if (In(directory) is { } file)
            {
                chain.Add(file);
            }

            var entry = Path.Combine(directory, segments[i]);
            var entryIsDirectory = i < segments.Length - 1 || isDirectory;
            if (entryIsDirectory && SiteWalker.IsSkippedDirectory(segments[i]))
            {
                return true;
            }

            if (Decide(chain, entry, entryIsDirectory) is { Negated: false } decided)
            {
                pattern = decided;
                return true;
            }

            directory = entry;
        }

        return false;
    }
}
