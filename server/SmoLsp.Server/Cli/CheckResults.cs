using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>One problem as reported: 1-based lines and UTF-16 columns, end exclusive.</summary>
public sealed record ReportMessage(string RuleId, DiagnosticSeverity Severity, string Message, int Line, int Column, int EndLine, int EndColumn);

/// <summary>
/// What a check keeps of one file once it is analyzed: the report, not the parse tree, so memory stays flat
/// however many files a run reads.
/// </summary>
public sealed record FileOutcome(string DisplayPath)
{
    /// <summary>The problems to print (already filtered by --quiet), in position order.</summary>
    public IReadOnlyList<ReportMessage> Messages { get; init; } = [];

    /// <summary>This file's part of the report, formatted on the worker thread that analyzed it.</summary>
    public string? Formatted { get; init; }

    /// <summary>Why the file was not analyzed, or null when it was.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Notes for stderr (a Latin-1 fallback read, a fix that could not be written).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How many fixes were applied and written to this file.</summary>
    public int FixesApplied { get; init; }

    /// <summary>The highest severity among all of the file's problems, quiet or not: what the fail level is judged on.</summary>
    public DiagnosticSeverity? HighestSeverity { get; init; }

    /// <summary>An unexpected failure analyzing this file: the run reports it and exits 2.</summary>
    public string? InternalError { get; init; }

    public bool Analyzed => SkipReason is null && InternalError is null;
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

    public int FixesApplied { get; set; }

    public int InternalErrors { get; set; }

    public bool Quiet { get; set; }

    public TimeSpan Elapsed { get; set; }

    public int Problems => Errors + Warnings + Infos + Hints;

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

    public static bool TryParse(string text, out DiagnosticSeverity severity)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "error":
                severity = DiagnosticSeverity.Error;
                return true;
            case "warning":
                severity = DiagnosticSeverity.Warning;
                return true;
            case "info":
                severity = DiagnosticSeverity.Info;
                return true;
            case "hint":
                severity = DiagnosticSeverity.Hint;
                return true;
            default:
                severity = DiagnosticSeverity.Error;
                return false;
        }
    }
}
