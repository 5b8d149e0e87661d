using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

public enum ReportFormat
{
    Text,
    Json,
    Sarif,
    Github,
    Junit,
    Checkstyle,
    Gitlab,
    Html,
}

/// <summary>One <c>--format NAME[=FILE]</c>: a report and where it goes (null: standard output).</summary>
public sealed record ReportTarget(ReportFormat Format, string? File = null)
{
    public static readonly IReadOnlyList<string> Names = ["text", "json", "sarif", "github", "junit", "checkstyle", "gitlab", "html"];

    public static bool TryParse(string text, out ReportTarget target)
    {
        target = new ReportTarget(ReportFormat.Text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var name = (eq < 0 ? text : text[..eq]).Trim().ToLowerInvariant();
        var file = eq < 0 ? null : text[(eq + 1)..].Trim();
        if (file is { Length: 0 } || !Names.Contains(name))
        {
            return false;
        }

        target = new ReportTarget(Enum.Parse<ReportFormat>(name, ignoreCase: true), file);
        return true;
    }
}

/// <summary>
/// <c>--shard I/N</c>: this run checks the files whose path hash falls in shard <see cref="Index"/> (1-based) of
/// <see cref="Count"/>. The hash is of the path as printed (relative to the working directory, forward slashes), so
/// every machine of a CI matrix splits the same tree the same way.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static bool TryParse(string text, out Shard shard)
    {
        shard = new Shard(1, 1);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || count < 1 || index < 1 || index > count)
        {
            return false;
        }

        shard = new Shard(index, count);
        return true;
    }

    public bool Contains(string displayPath) => Of(displayPath, Count) == Index - 1;

    /// <summary>0-based shard of a path: FNV-1a (64-bit) of its UTF-8 bytes, so it is the same on every machine and run.</summary>
    public static int Of(string displayPath, int count)
    {
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in displayPath.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < n; i++)
            {
                hash = (hash ^ buffer[i]) * 1099511628211UL;
            }
        }

        return (int)(hash % (ulong)count);
    }

    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>Everything <c>smolsp check</c> was asked to do, independent of how it was parsed.</summary>
public sealed record CheckOptions
{
    /// <summary>Files and folders to check; empty means the working directory.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The report format when <see cref="Reports"/> is empty (one report, on standard output).</summary>
    public ReportFormat Format { get; init; } = ReportFormat.Text;

    /// <summary>The reports to write (<c>--format</c>, repeatable); empty means <see cref="Format"/> on standard output.</summary>
    public IReadOnlyList<ReportTarget> Reports { get; init; } = [];

    public IReadOnlyList<ReportTarget> EffectiveReports => Reports.Count > 0 ? Reports : [new ReportTarget(Format)];

    /// <summary>The lowest severity that makes the run fail (exit 1).</summary>
    public DiagnosticSeverity FailOn { get; init; } = DiagnosticSeverity.Error;

    /// <summary>Exit 1 when there are more warnings than this (<c>--max-warnings</c>), whatever <see cref="FailOn"/> says.</summary>
    public int? MaxWarnings { get; init; }

    /// <summary>Severity overrides from <c>--rule ID=severity</c>, applied over every configuration file.</summary>
    public IReadOnlyList<KeyValuePair<string, RuleSeverity>> RuleOverrides { get; init; } = [];

    /// <summary>Report errors only (the verdict still counts everything at or above <see cref="FailOn"/>).</summary>
    public bool Quiet { get; init; }

    /// <summary>Apply safe fixes and write the files back.</summary>
    public bool Fix { get; init; }

    /// <summary>Compute the safe fixes and print them as a unified diff on standard output; write nothing.</summary>
    public bool FixDryRun { get; init; }

    /// <summary>One configuration file for every analyzed file, instead of the nearest <c>smolsp.json</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Load the rule plugins that configuration files name (<c>--allow-plugins</c>): loading a plugin runs its code.</summary>
    public bool AllowPlugins { get; init; }
    /// <summary>Read one template from standard input instead of files (<c>--stdin</c>).</summary>
    public bool Stdin { get; init; }

    /// <summary>The name standard input is reported under, and whose folder's configuration applies (<c>--stdin-filename</c>).</summary>
    public string? StdinFilename { get; init; }

    /// <summary>Check only this shard of the file set (<c>--shard I/N</c>).</summary>
    public Shard? Shard { get; init; }

    /// <summary>
    /// <c>--site-facts FILE</c>: write the pages' facts for the cross-page rules to FILE for <c>smolsp merge</c>, which
    /// runs those rules over every shard; this run then reports no cross-page findings itself.
    /// </summary>
    public string? SiteFactsFile { get; init; }

    /// <summary>Colour the text report (the command decides: a terminal, no <c>NO_COLOR</c>, no <c>--no-color</c>).</summary>
    public bool Color { get; init; }

    /// <summary>Show a progress line on standard error when the run is long (the command decides: only on a terminal).</summary>
    public bool Progress { get; init; }

    /// <summary>Where relative paths start and what printed paths are relative to; null means the process's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Files larger than this are skipped and reported.</summary>
    public long MaxFileBytes { get; init; } = Site.TemplateFile.DefaultMaxBytes;

    /// <summary>Worker threads; 0 means one per core.</summary>
    public int Parallelism { get; init; }

    /// <summary>How URLs are fetched (a URL among <see cref="Paths"/>, or <see cref="Online"/>): crawl, caps, timeouts, user agent, cache.</summary>
    public Site.Web.WebOptions Web { get; init; } = new();

    /// <summary>Templates' absolute share-image and page URLs are fetched and judged (<c>--online</c>); without it, files never cause a request.</summary>
    public bool Online { get; init; }
}
