using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>What <c>--fix</c>, <c>--fix-dry-run</c> or <c>--stdin --fix</c> did to one page, and the analysis of the text it left.</summary>
public sealed record FixRun(AnalysisResult Result, int FixesApplied)
{
    /// <summary>--fix-dry-run: the unified diff of what --fix would write.</summary>
    public string? Diff { get; init; }

    /// <summary>--stdin --fix: the text after fixes, printed instead of written.</summary>
    public string? FixedText { get; init; }

    /// <summary>--fix could not write the file (a full disk, a read-only folder): the run exits 2.</summary>
    public bool WriteFailed { get; init; }
}

/// <summary>
/// Applies safe fixes to a page: pass after pass until nothing changes (a fix can enable another), re-analyzing the
/// fixed text through the session, then writes the file once, atomically and only if it did not change meanwhile,
/// keeping its encoding, byte-order mark, line endings and permissions.
/// </summary>
public sealed class CheckFixer(SiteSession site, CheckOptions options, bool stdin)
{
    /// <summary>A bound so fixes that fight cannot loop.</summary>
    public const int MaxFixPasses = 10;

    /// <summary>The page's share cards (for reports that draw them), over the session's view of the other files.</summary>
    public Analysis.Cards.ShareCard? Cards(AnalysisResult result, Analysis.Configuration.SmoLspConfiguration configuration) =>
        Rules.Cards.ShareCards.Build(result, configuration, site.Workspace);

    public FixRun Fix(PageAnalysis analysis, string displayPath, bool isLatin1, List<string> notes)
    {
        var original = analysis.Result!;
        if (stdin && options.Fix)
        {
            var (fixedResult, applied) = Apply(analysis.Path, original);
            return new FixRun(fixedResult, applied) { FixedText = fixedResult.Document.Text };
        }

        if (options.FixDryRun)
        {
            var (fixedResult, applied) = Apply(analysis.Path, original);
            return applied == 0 ? new FixRun(original, 0) : new FixRun(fixedResult, applied) { Diff = UnifiedDiff.Create(displayPath, original.Document.Text, fixedResult.Document.Text) };
        }

        return options.Fix ? Write(analysis, isLatin1, notes) : new FixRun(original, 0);
    }

    /// <summary>Applies safe fixes in memory; returns the analysis of the final text.</summary>
    private (AnalysisResult Result, int FixesApplied) Apply(string path, AnalysisResult original)
    {
        var result = original;
        var text = original.Document.Text;
        var applied = 0;
        for (var pass = 0; pass < MaxFixPasses; pass++)
        {
            var edits = TextEdits.CollectSafeFixes(result);
            if (edits.Count == 0)
            {
                break;
            }

            var fixedText = TextEdits.Apply(text, edits);
            if (fixedText == text)
            {
                break;
            }

            var next = site.Analyze(path, fixedText);
            if (next.Result is null)
            {
                break; // the engine failed on the fixed text: keep what was analyzed
            }

            applied += CountFixes(result, edits);
            text = fixedText;
            result = next.Result;
        }

        return (result, applied);
    }

    /// <summary>Applies safe fixes and writes the file once; returns the analysis of what is on disk afterwards.</summary>
    private FixRun Write(PageAnalysis analysis, bool isLatin1, List<string> notes)
    {
        var original = analysis.Result!;
        if (TextEdits.CollectSafeFixes(original).Count == 0)
        {
            return new FixRun(original, 0);
        }

        if (isLatin1)
        {
            // Writing back through a guessed encoding could corrupt bytes we never understood; a human should convert the file.
            notes.Add("not fixed: the file is not valid UTF-8");
            return new FixRun(original, 0);
        }

        if (AtomicFile.IsReadOnly(analysis.Path))
        {
            notes.Add("not fixed: the file is read-only");
            return new FixRun(original, 0);
        }

        var (result, applied) = Apply(analysis.Path, original);
        if (applied == 0)
        {
            return new FixRun(original, 0);
        }

        if (TextEdits.CollectSafeFixes(result).Count > 0)
        {
            notes.Add($"note: fixes did not settle after {MaxFixPasses} passes; run --fix again and report this");
        }

        var read = analysis.Read!;
        var write = AtomicFile.ReplaceIfUnchanged(analysis.Path, read.Bytes, read.LastWriteTimeUtc, read.Encoding!.Encode(result.Document.Text));
        if (write.Status != ReplaceStatus.Written)
        {
            notes.Add("not fixed: " + write.Message);
            return new FixRun(original, 0) { WriteFailed = write.Status == ReplaceStatus.Failed };
        }

        site.Workspace.Invalidate(analysis.Path); // a page that uses this file as its layout reads the fixed text
        site.Record(analysis with { Result = result, Text = result.Document.Text });
        return new FixRun(result, applied);
    }

    /// <summary>The findings whose safe fix is among <paramref name="taken"/>: one fix may be several edits.</summary>
    private static int CountFixes(AnalysisResult result, IReadOnlyList<TextEdit> taken) => result.Diagnostics.Count(d =>
        d.Fixes.FirstOrDefault(f => f.IsSafe && f.Edits.All(e => e.DocumentPath is null)) is { Edits.Count: > 0 } fix && fix.Edits.All(taken.Contains));
}
