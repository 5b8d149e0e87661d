using System.Collections.Concurrent;

namespace SmoLsp.Server.Site;

/// <summary>
/// Where one site ends, for the cross-page rules (SMO210 same title, SMO211 same description): pages compare with pages
/// of their own site only, so a repository holding two apps never reports one app's title as a copy of the other's.
/// A page's site is the nearest folder at or above it that holds a site marker — <c>smolsp.json</c>, a <c>*.csproj</c>
/// (an ASP.NET Core app), <c>_config.yml</c> (Jekyll), <c>hugo.toml</c>/<c>hugo.yaml</c>/<c>hugo.json</c>/<c>config.toml</c>
/// (Hugo), an Eleventy configuration (<c>.eleventy.js</c>, <c>eleventy.config.*</c>), <c>manage.py</c> (Django) — and
/// without one, the root the session reads inside (the repository, or the folder checked). One lookup per folder.
/// </summary>
public sealed class SiteBoundaries
{
    private static readonly HashSet<string> s_markers = new(StringComparer.Ordinal)
    {
        "smolsp.json", "_config.yml", "hugo.toml", "hugo.yaml", "hugo.json", "config.toml",
        ".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", "manage.py",
    };

    private readonly FileAccessPolicy _files;
    private readonly ConcurrentDictionary<string, string> _siteByDirectory = new(StringComparer.Ordinal);

    public SiteBoundaries(FileAccessPolicy files)
    {
        _files = files;
    }

    /// <summary>The folder of the site <paramref name="pagePath"/> belongs to.</summary>
    public string SiteOf(string pagePath) => FolderSite(Path.GetDirectoryName(pagePath) ?? pagePath);

    public void Invalidate() => _siteByDirectory.Clear();

    private string FolderSite(string directory) => _siteByDirectory.GetOrAdd(directory, d =>
    {
        if (_files.ListingHas(d, IsMarker) ?? IsSiteFolder(d))
        {
            return d;
        }

        var root = SitePaths.RootOf(d, _files.Roots);
        var parent = Path.GetDirectoryName(d);
        return root is null || root == d || parent is null ? d : FolderSite(parent);
    });

    private static bool IsMarker(string fileName) => s_markers.Contains(fileName) || fileName.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    /// <summary>One listing of the folder rather than a <c>stat</c> per marker.</summary>
    public static bool IsSiteFolder(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory).Any(file => IsMarker(Path.GetFileName(file)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}
