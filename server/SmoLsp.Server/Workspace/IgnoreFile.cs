using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// One <c>.smolspignore</c> file: gitignore syntax, relative to the folder that holds it. Supported: comments,
/// <c>!</c> negation, trailing <c>/</c> (folders only), a leading or inner <c>/</c> anchoring the pattern to this
/// folder, <c>*</c>, <c>?</c>, <c>[...]</c> classes, <c>**</c> in the gitignore positions and <c>\</c> escapes.
/// Self-contained on purpose: a shared ignore matcher may come with another branch; this one can be swapped for it.
/// </summary>
public sealed class IgnoreFile
{
    public const string FileName = ".smolspignore";

    private readonly List<Pattern> _patterns;

    private IgnoreFile(string directory, List<Pattern> patterns)
    {
        Directory = directory;
        _patterns = patterns;
    }

    /// <summary>The folder the patterns are relative to.</summary>
    public string Directory { get; }

    public int PatternCount => _patterns.Count;

    public static IgnoreFile Parse(string directory, string text)
    {
        var patterns = new List<Pattern>();
        foreach (var rawLine in text.Split('\n'))
        {
            if (ParseLine(rawLine.TrimEnd('\r')) is { } pattern)
            {
                patterns.Add(pattern);
            }
        }

        return new IgnoreFile(directory, patterns);
    }

    /// <summary>
    /// What the last matching pattern says about <paramref name="relativePath"/> (forward slashes, relative to
    /// <see cref="Directory"/>): true ignored, false re-included by a <c>!</c> pattern, null when nothing matches.
    /// </summary>
    public bool? Match(string relativePath, bool isDirectory)
    {
        bool? result = null;
        foreach (var pattern in _patterns)
        {
            if ((!pattern.DirectoryOnly || isDirectory) && pattern.Regex.IsMatch(relativePath))
            {
                result = !pattern.Negated;
            }
        }

        return result;
    }

    private static Pattern? ParseLine(string line)
    {
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        // Trailing spaces are dropped unless escaped with a backslash (gitignore).
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end >= 2 && line[end - 2] == '\\'))
        {
            end--;
        }

        line = line[..end];
        var negated = false;
        if (line.StartsWith('!'))
        {
            negated = true;
            line = line[1..];
        }
        else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal))
        {
            line = line[1..];
        }

        var directoryOnly = line.EndsWith('/');
        line = line.TrimEnd('/');
        if (line.Length == 0)
        {
            return null;
        }

        // A slash anywhere but the end anchors the pattern to this folder; otherwise it matches a name at any depth.
        var anchored = line.Contains('/', StringComparison.Ordinal);
        line = line.TrimStart('/');
        var regex = "^" + (anchored ? string.Empty : "(?:.*/)?") + Translate(line) + "$";
        return new Pattern(new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.Singleline), negated, directoryOnly);
    }

    private static string Translate(string glob)
    {
        var sb = new StringBuilder(glob.Length * 2);
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var atStart = i == 0;
                var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                var atEnd = i + 2 == glob.Length;
                if (atStart && slashAfter)
                {
                    sb.Append("(?:.*/)?"); // "**/x": x in any folder
                    i += 3;
                    continue;
                }

                if (i > 0 && glob[i - 1] == '/' && slashAfter)
                {
                    sb.Append("(?:.*/)?"); // "a/**/b": zero or more folders between
                    i += 3;
                    continue;
                }

                if (i > 0 && glob[i - 1] == '/' && atEnd)
                {
                    sb.Append(".*"); // "a/**": everything inside a
                    i += 2;
                    continue;
                }

                sb.Append("[^/]*"); // elsewhere "**" is an ordinary "*"
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
                case '[':
                    var close = glob.IndexOf(']', i + 2 <= glob.Length ? i + 2 : i + 1);
                    if (close < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var body = glob[(i + 1)..close];
                    sb.Append('[');
                    if (body.StartsWith('!') || body.StartsWith('^'))
                    {
                        sb.Append('^');
                        body = body[1..];
                    }

                    sb.Append(body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal));
                    sb.Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    i++;
                    sb.Append(Regex.Escape(glob[i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        return sb.ToString();
    }

    private sealed record Pattern(Regex Regex, bool Negated, bool DirectoryOnly);
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
