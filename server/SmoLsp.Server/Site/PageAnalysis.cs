using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Site;

/// <summary>
/// One page as the session analyzed it: what it was checked with, what the core said, what it read. Hosts convert it
/// (to report messages, to LSP diagnostics) and drop it: it holds the parse tree.
/// </summary>
public sealed record PageAnalysis(string Path, FileSettings Settings)
{
    /// <summary>The file as read from disk (encoding, bytes and write time, for a fix); null when the text came from the host.</summary>
    public TemplateReadResult? Read { get; init; }

    /// <summary>The text analyzed, or null when the file could not be read.</summary>
    public string? Text { get; init; }

    /// <summary>The core's result; null when the file was not analyzed (not read, or the engine failed).</summary>
    public AnalysisResult? Result { get; init; }

    /// <summary>Every other file the analysis read (layouts, images), whether or not it existed: the page's dependencies.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>Why the file was not analyzed ("no such file", "skipped: ... over the limit"), or null.</summary>
    public string? SkipReason { get; init; }

    public bool NotFound { get; init; }

    /// <summary>For a page a server sent: what was asked for and what answered (redirects, notes); null for a file.</summary>
    public Web.ServedPage? Served { get; init; }

    /// <summary>The engine itself threw (a bug): <see cref="Diagnostics"/> holds one SMO900 saying so.</summary>
    public string? Failure { get; init; }

    public SmoLspConfiguration Configuration => Settings.Configuration;

    public AnalysisEngine Engine => Settings.Engine;

    public bool Analyzed => Result is not null || Failure is not null;

    /// <summary>The page's own findings (after configuration and suppressions).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => Result?.Diagnostics ?? (Failure is null ? [] : [FailureDiagnostic(Failure)]);

    /// <summary>The text's positions, for converting spans (the analyzed text, or the raw text when the engine failed).</summary>
    public SourceText? Source => Result?.Syntax.Source ?? (Text is null ? null : new SourceText(Text));

    /// <summary>What this page contributes to the cross-page rules.</summary>
    public PageFacts Facts => Result?.SiteFacts ?? PageFacts.None;

    public static Diagnostic FailureDiagnostic(string failure) =>
        new(EngineRules.RuleFailure, new TextSpan(0, 0), EngineRules.RuleFailure.DefaultSeverity, "SmoLsp could not analyze this file: " + failure, [], []);
}
