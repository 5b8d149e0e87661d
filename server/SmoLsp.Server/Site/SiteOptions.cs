using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Site;

/// <summary>What a host asks the session to look after.</summary>
public sealed record SiteOptions
{
    /// <summary>Folders whose templates are the site's pages (the folders <c>check</c> was given; the editor's workspace folders).</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>Files named on the command line: always checked, whatever ignore files and include/exclude say.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary><c>--config</c>: one configuration file for every page instead of the nearest <c>smolsp.json</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--rule</c> severities, applied over every configuration.</summary>
    public IReadOnlyList<KeyValuePair<string, RuleSeverity>> Overrides { get; init; } = [];

    /// <summary>Where the command runs: outside a repository, the root reads stay inside (see <see cref="FileAccessPolicy.RootFor(string, string)"/>).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Templates larger than this are skipped and reported.</summary>
    public long MaxFileBytes { get; init; } = TemplateFile.DefaultMaxBytes;

    /// <summary>
    /// How long one file's analysis may take; past it the file gets one SMO900 instead of findings. 10 s: the slowest
    /// legitimate file, a 16 MB template (the size cap) of nothing but tags, analyzes in well under that; one page
    /// never holds up a CI run or an editor for longer. The same for every host, so the editor and CI agree (docs/limits.md).
    /// </summary>
    public TimeSpan AnalysisTimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How the positions of cross-page findings are counted, for hosts that are not UTF-16 (an LSP client that chose
    /// UTF-8). Called while the page's text is at hand; null keeps the core's UTF-16 positions.
    /// </summary>
    public Func<SourceText, TextSpan, LinePositionSpan>? Place { get; init; }

    /// <summary>The files do not change while the session lives (<c>check</c>): see <see cref="FileAccessPolicy.Snapshot"/>.</summary>
    public bool Snapshot { get; init; }

    /// <summary>
    /// The folder whose configuration served pages (URLs) are checked with, as if they were <c>.html</c> pages in it: the
    /// working directory of a live check. It is a root, so its <c>smolsp.json</c> may be read.
    /// </summary>
    public string? WebFolder { get; init; }
}
