using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace SmoLsp.Server.Site;

/// <summary>One pattern of a <c>.smolspignore</c> file, with where it came from (for <c>--print-config</c>).</summary>
public sealed record IgnorePattern(string Pattern, bool Negated, bool DirectoryOnly, Regex Regex, string SourceFile, int Line)
{
    public override string ToString() => $"{SourceFile}:{Line}: {(Negated ? "!" : string.Empty)}{Pattern}{(DirectoryOnly ? "/" : string.Empty)}";
}

/// <summary>The patterns of one <c>.smolspignore</c>, matched against paths relative to its folder.</summary>
public sealed record IgnoreFile(string Directory, IReadOnlyList<IgnorePattern> Patterns)
{
    public const string FileName = ".smolspignore";

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
            if ((!pattern.DirectoryOnly || isDirectory) && pattern.Regex.IsMatch(relativePath))
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
            var regex = new Regex((anchored ? "^" : "^(?:.*/)?") + Translate(body) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
            patterns.Add(new IgnorePattern(line, negated, directoryOnly, regex, sourceFile, lineNumber));
        }

        return new IgnoreFile(directory, patterns);
    }

    /// <summary>A gitignore glob as a regular expression over a forward-slash relative path.</summary>
    internal static string Translate(string glob)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var atStart = i == 0;
                var afterSlash = i > 0 && glob[i - 1] == '/';
                var beforeSlash = i + 2 < glob.Length && glob[i + 2] == '/';
                var atEnd = i + 2 == glob.Length;
                if ((atStart || afterSlash) && beforeSlash)
                {
                    // "**/" : zero or more folders.
                    sb.Append("(?:.*/)?");
                    i += 3;
                    continue;
                }

                if (afterSlash && atEnd)
                {
                    // "/**" : everything inside.
                    sb.Append(".*");
                    i += 2;
                    continue;
                }

                // Any other run of asterisks is a plain "*".
                sb.Append("[^/]*");
                i += 2;
                continue;
            }

            switch (c)
            {
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '\\' when i + 1 < glob.Length:
                    i++;
                    sb.Append(Regex.Escape(glob[i].ToString()));
                    break;
                case '[':
                    // A ']' right after '[' (or "[!") is part of the set, as in gitignore: "[]a]".
                    var close = glob.IndexOf(']', Math.Min(i + 2, glob.Length));
                    if (close < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var set = glob[(i + 1)..close];
                    sb.Append('[');
                    if (set.StartsWith('!') || set.StartsWith('^'))
                    {
                        sb.Append('^');
                        set = set[1..];
                    }

                    sb.Append(set.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal));
                    sb.Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        return sb.ToString();
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
