namespace SmoLsp.Analysis.Configuration;

/// <summary>
/// <c>include</c>/<c>exclude</c> globs of a configuration, relative to its folder: a file is in when an include glob
/// matches its path (every file when there is none) and no exclude glob matches its path or the path of one of its
/// folders (so <c>"exclude": ["legacy"]</c> leaves out the whole folder). Case-insensitive.
/// </summary>
public sealed class IncludeExcludeGlobs
{
    private readonly Glob[] _include;
    private readonly Glob[] _exclude;

    private IncludeExcludeGlobs(Glob[] include, Glob[] exclude)
    {
        _include = include;
        _exclude = exclude;
    }

    /// <summary>The filter, or null when there is nothing to filter.</summary>
    public static IncludeExcludeGlobs? Create(IReadOnlyList<string> include, IReadOnlyList<string> exclude) =>
        include.Count == 0 && exclude.Count == 0 ? null : new([.. include.Select(Compile)], [.. exclude.Select(Compile)]);

    /// <summary>True when <paramref name="relativePath"/> (forward slashes) passes the filter.</summary>
    public bool Includes(string relativePath)
    {
        if (_include.Length > 0 && !_include.Any(g => g.IsMatch(relativePath)))
        {
            return false;
        }

        return !_exclude.Any(g => g.IsMatchOrFolderMatch(relativePath));
    }

    private static Glob Compile(string pattern)
    {
        // "./x" and "/x" are the folder's own "x"; a trailing slash names the folder, which the folder test covers.
        var trimmed = pattern.Replace('\\', '/');
        trimmed = trimmed.StartsWith("./", StringComparison.Ordinal) ? trimmed[2..] : trimmed.TrimStart('/');
        return Glob.Compile(trimmed.TrimEnd('/'), GlobSyntax.IncludeExclude, ignoreCase: true);
    }
}
