namespace SmoLsp.Analysis.Configuration;

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

    private static readonly HashSet<string> s_skippedDirectories = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", ".git" };

    /// <summary>True for folders no site walk enters: build output, dependencies, VCS data, hidden folders.</summary>
    public static bool IsSkippedDirectory(string name) => s_skippedDirectories.Contains(name) || (name.Length > 1 && name[0] == '.');

    /// <summary>
    /// Whether <paramref name="relativePath"/> (forward slashes, relative to the root where ignore chains start) is out
    /// of the site: inside a skipped folder, or excluded by the ignore files on the way down — each folder's file
    /// (<paramref name="fileIn"/>, given the folder relative to the root, <c>""</c> for the root itself) applies to what
    /// is below it, the deeper one winning, and a file inside an ignored folder cannot be re-included (as in git).
    /// <paramref name="pattern"/> is the pattern that decided, when one did.
    /// </summary>
    public static bool Excludes(string relativePath, bool isDirectory, Func<string, IgnoreFile?> fileIn, out IgnorePattern? pattern)
    {
        pattern = null;
        var segments = relativePath.Split(['/'], StringSplitOptions.RemoveEmptyEntries);
        var chain = new List<(IgnoreFile File, string Folder)>();
        var folder = string.Empty;
        for (var i = 0; i < segments.Length; i++)
        {
            if (fileIn(folder) is { } file)
            {
                chain.Add((file, folder));
            }

            var entry = folder.Length == 0 ? segments[i] : folder + "/" + segments[i];
            var entryIsDirectory = i < segments.Length - 1 || isDirectory;
            if (entryIsDirectory && IsSkippedDirectory(segments[i]))
            {
                return true;
            }

            IgnorePattern? decided = null;
            foreach (var (ignore, at) in chain)
            {
                // Deeper files come later in the chain and win, as in git.
                decided = ignore.LastMatch(at.Length == 0 ? entry : entry.Substring(at.Length + 1), entryIsDirectory) ?? decided;
            }

            if (decided is { Negated: false })
            {
                pattern = decided;
                return true;
            }

            folder = entry;
        }

        return false;
    }

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

    public static IgnoreFile Parse(string directory, string text) => Parse(text, directory, Composition.TemplatePath.Combine(directory, FileName));

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
