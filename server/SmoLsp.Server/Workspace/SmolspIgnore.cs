using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace SmoLsp.Server.Workspace;

/// <summary>One pattern of a <c>.smolspignore</c> file, with where it came from (for <c>--print-config</c>).</summary>
public sealed record IgnorePattern(string Pattern, bool Negated, bool DirectoryOnly, Regex Regex, string SourceFile, int Line)
{
    public override string ToString() => $"{SourceFile}:{Line}: {(Negated ? "!" : string.Empty)}{Pattern}{(DirectoryOnly ? "/" : string.Empty)}";
}

/// <summary>The patterns of one <c>.smolspignore</c>, matched against paths relative to its folder.</summary>
public sealed record IgnorePatternFile(string Directory, IReadOnlyList<IgnorePattern> Patterns)
{
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
}

/// <summary>
/// <c>.smolspignore</c> files, in gitignore syntax: globs (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>**</c>), <c>!</c> to
/// re-include, a trailing <c>/</c> for folders only, a <c>/</c> inside to anchor to the file's folder, <c>#</c> comments.
/// Every <c>.smolspignore</c> from a path's folder up to the repository root (the folder holding <c>.git</c>) applies,
/// the nearest last, and the last matching pattern wins, as with <c>.gitignore</c>. As in git, a file inside an
/// ignored folder cannot be re-included: the walk never enters that folder.
/// </summary>
public sealed class SmolspIgnore
{
    public const string FileName = ".smolspignore";

    private readonly ConcurrentDictionary<string, IReadOnlyList<IgnorePatternFile>> _chainByDirectory = new(StringComparer.Ordinal);

    /// <summary>Why <paramref name="fullPath"/> is ignored (the deciding pattern), or null when it is not.</summary>
    public IgnorePattern? Match(string fullPath, bool isDirectory)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (directory is null)
        {
            return null;
        }

        IgnorePattern? decided = null;
        foreach (var file in ChainFor(directory))
        {
            var relative = Path.GetRelativePath(file.Directory, fullPath).Replace('\\', '/');
            decided = file.LastMatch(relative, isDirectory) ?? decided;
        }

        return decided is { Negated: false } ? decided : null;
    }

    public bool IsIgnored(string fullPath, bool isDirectory) => Match(fullPath, isDirectory) is not null;

    /// <summary>The pattern that ignores the path or one of its folders below <paramref name="stopAt"/>, for reports about one file.</summary>
    public IgnorePattern? MatchIncludingFolders(string fullPath, string? stopAt)
    {
        var folders = new Stack<string>();
        for (var d = Path.GetDirectoryName(fullPath); d is not null && d != stopAt && Path.GetDirectoryName(d) is not null; d = Path.GetDirectoryName(d))
        {
            folders.Push(d);
        }

        foreach (var folder in folders)
        {
            if (Match(folder, isDirectory: true) is { } byFolder)
            {
                return byFolder;
            }
        }

        return Match(fullPath, isDirectory: false);
    }

    /// <summary>The ignore files that apply in a folder, outermost first.</summary>
    private IReadOnlyList<IgnorePatternFile> ChainFor(string directory) => _chainByDirectory.GetOrAdd(directory, d =>
    {
        // The repository root ends the chain: a .smolspignore above it belongs to something else.
        var isRepositoryRoot = Path.Exists(Path.Combine(d, ".git"));
        var parent = Path.GetDirectoryName(d);
        IReadOnlyList<IgnorePatternFile> outer = isRepositoryRoot || parent is null || parent == d ? [] : ChainFor(parent);
        var candidate = Path.Combine(d, FileName);
        if (!File.Exists(candidate))
        {
            return outer;
        }

        string text;
        try
        {
            text = File.ReadAllText(candidate);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return outer;
        }

        return [.. outer, Parse(text, d, candidate)];
    });

    public static IgnorePatternFile Parse(string text, string directory, string sourceFile)
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
            var regex = new Regex((anchored ? "^" : "^(?:.*/)?") + Translate(body) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
            patterns.Add(new IgnorePattern(line, negated, directoryOnly, regex, sourceFile, lineNumber));
        }

        return new IgnorePatternFile(directory, patterns);
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
