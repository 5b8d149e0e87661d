using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

public enum ReportFormat
{
    Text,
    Json,
}

/// <summary>Everything <c>smolsp check</c> was asked to do, independent of how it was parsed.</summary>
public sealed record CheckOptions
{
    /// <summary>Files and folders to check; empty means the working directory.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    public ReportFormat Format { get; init; } = ReportFormat.Text;

    /// <summary>The lowest severity that makes the run fail (exit 1).</summary>
    public DiagnosticSeverity FailOn { get; init; } = DiagnosticSeverity.Error;

    /// <summary>Severity overrides from <c>--rule ID=severity</c>, applied over every configuration file.</summary>
    public IReadOnlyList<KeyValuePair<string, RuleSeverity>> RuleOverrides { get; init; } = [];

    /// <summary>Report errors only (the verdict still counts everything at or above <see cref="FailOn"/>).</summary>
    public bool Quiet { get; init; }

    /// <summary>Apply safe fixes and write the files back.</summary>
    public bool Fix { get; init; }

    /// <summary>One configuration file for every analyzed file, instead of the nearest <c>smolsp.json</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Load the rule plugins that configuration files name (<c>--allow-plugins</c>): loading a plugin runs its code.</summary>
    public bool AllowPlugins { get; init; }

    /// <summary>Where relative paths start and what printed paths are relative to; null means the process's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Files larger than this are skipped and reported.</summary>
    public long MaxFileBytes { get; init; } = Workspace.TemplateFile.DefaultMaxBytes;

    /// <summary>Worker threads; 0 means one per core.</summary>
    public int Parallelism { get; init; }
}
