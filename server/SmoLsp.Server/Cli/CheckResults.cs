using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>Another place a problem refers to (the other page with the same title): 1-based, UTF-16 columns, end exclusive.</summary>
public sealed record ReportLocation(string Path, int Line, int Column, int EndLine, int EndColumn, string Message);

/// <summary>One problem as reported: 1-based lines and UTF-16 columns, end exclusive.</summary>
public sealed record ReportMessage(string RuleId, DiagnosticSeverity Severity, string Message, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>Identifies the problem across runs whatever its line: see <see cref="Fingerprints"/>; empty when it has none.</summary>
    public string Fingerprint => FingerprintValue.IsEmpty ? string.Empty : Fingerprints.Format(FingerprintValue);

    /// <summary>The fingerprint as the number it is: a run holds one per problem until its report is written, 16 bytes, not a string of 32 characters.</summary>
    public Fingerprints.Value FingerprintValue { get; init; }

    public IReadOnlyList<ReportLocation> Related { get; init; } = [];

    /// <summary>For a problem an inline directive suppresses: the directive's justification ("" when it gives none).</summary>
    public string? SuppressedBecause { get; init; }
}

/// <summary>What the report formats get for one file: its path, its problems, and the ones inline directives suppressed.</summary>
public sealed record FileReport(string DisplayPath, IReadOnlyList<ReportMessage> Messages, IReadOnlyList<ReportMessage> Suppressed)
{
    /// <summary>The page's share cards, for reports that draw them (<see cref="ReportWriter.WantsCards"/>); null otherwise or for a partial.</summary>
    public Analysis.Cards.ShareCard? Card { get; init; }
}

/// <summary>
/// What a check keeps of one file once it is analyzed: the report, not the parse tree, so memory stays flat
/// however many files a run reads.
/// </summary>
public sealed record FileOutcome(string DisplayPath)
{
    /// <summary>Every problem (--quiet filters when reporting), in position order.</summary>
    public IReadOnlyList<ReportMessage> Messages { get; init; } = [];

    /// <summary>Problems inline directives suppressed (shown in SARIF and JSON, counted in the summary).</summary>
    public IReadOnlyList<ReportMessage> Suppressed { get; init; } = [];

    /// <summary>The page's share cards, when a report draws them.</summary>
    public Analysis.Cards.ShareCard? Card { get; init; }

    /// <summary>With --fix-dry-run: the unified diff of what --fix would write (empty when nothing).</summary>
    public string? Diff { get; init; }

    /// <summary>With --stdin --fix: the text after fixes, printed instead of written.</summary>
    public string? FixedText { get; init; }

    /// <summary>Why the file was not analyzed, or null when it was.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Notes for stderr (a Latin-1 fallback read, a fix that could not be written).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How many fixes were applied and written to this file.</summary>
    public int FixesApplied { get; init; }

    /// <summary>--fix could not write the file: the run exits 2.</summary>
    public bool WriteFailed { get; init; }

    /// <summary>An unexpected failure analyzing this file, or a file named on the command line that could not be read: the run exits 2.</summary>
    public string? InternalError { get; init; }

    /// <summary>A file named on the command line could not be read: the run exits 2.</summary>
    public string? ReadError { get; init; }

    public bool Analyzed => SkipReason is null && InternalError is null && ReadError is null;
}

/// <summary>Totals for the summary line and the exit code.</summary>
public sealed class CheckSummary
{
    public int FilesChecked { get; set; }

    public int FilesSkipped { get; set; }

    public int FilesWithProblems { get; set; }

    public int Errors { get; set; }

    public int Warnings { get; set; }

    public int Infos { get; set; }

    public int Hints { get; set; }

    public int FilesFixed { get; set; }

    /// <summary>True for --fix-dry-run: the summary says what would be fixed.</summary>
    public bool DryRun { get; set; }

    /// <summary>Every warning, quiet or not (--max-warnings).</summary>
    public int AllWarnings { get; set; }

    /// <summary>Problems shown, per rule id.</summary>
    public Dictionary<string, int> ByRule { get; } = new(StringComparer.Ordinal);

    public int Suppressed { get; set; }

    public int FixesApplied { get; set; }

    public int InternalErrors { get; set; }

    /// <summary>IO errors the user must act on: a named file that could not be read, a file --fix could not write.</summary>
    public int IoFailures { get; set; }

    public bool Quiet { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int Problems => Errors + Warnings + Infos + Hints;

    /// <summary>Counts one file's problems as the report shows them, and the ones suppressed inline.</summary>
    public void Add(IReadOnlyList<ReportMessage> shown, int suppressed)
    {
        FilesWithProblems += shown.Count > 0 ? 1 : 0;
        foreach (var message in shown)
        {
            ByRule[message.RuleId] = ByRule.GetValueOrDefault(message.RuleId) + 1;
            Count(message.Severity);
        }

        Suppressed += suppressed;
    }

    public void Count(DiagnosticSeverity severity)
    {
        switch (severity)
        {
            case DiagnosticSeverity.Error:
                Errors++;
                break;
            case DiagnosticSeverity.Warning:
                Warnings++;
                break;
            case DiagnosticSeverity.Info:
                Infos++;
                break;
            default:
                Hints++;
                break;
        }
    }
}

public static class SeverityNames
{
    public static string ToName(this DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hint",
    };

    /// <summary>"error" or "warning", else <paramref name="otherwise"/>: what a format with only those two levels calls the rest.</summary>
    public static string ToName(this DiagnosticSeverity severity, string otherwise) =>
        severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning ? severity.ToName() : otherwise;

    public static bool TryParse(string text, out DiagnosticSeverity severity)
    {
        var name = text.Trim().ToLowerInvariant();
        foreach (var candidate in Enum.GetValues<DiagnosticSeverity>())
        {
            if (candidate.ToName() == name)
            {
                severity = candidate;
                return true;
            }
        }

        severity = DiagnosticSeverity.Error;
        return false;
    }
}
