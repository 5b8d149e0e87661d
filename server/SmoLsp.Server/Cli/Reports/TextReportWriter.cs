using System.Globalization;
using System.Text;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// <c>path:line:col: severity SMOxxx message</c>, one problem per line, grouped by file (a blank line between files)
/// so editors and terminals can jump to each; then the counts by rule and a summary line. ANSI colour only when the
/// command says so (a terminal, no <c>NO_COLOR</c>, no <c>--no-color</c>).
/// </summary>
public sealed class TextReportWriter(ReportContext context) : ReportWriter(context)
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";
    private const string Cyan = "\u001b[36m";
    private const string Gray = "\u001b[90m";

    private bool Color => Context.Color;

    public override string FormatFile(FileReport file)
    {
        var messages = file.Messages;
        if (messages.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(messages.Count * 120);
        foreach (var m in messages)
        {
            sb.Append(Paint(file.DisplayPath, Bold)).Append(':').Append(m.Line.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(m.Column.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Paint(m.Severity.ToName(), SeverityColor(m.Severity))).Append(' ')
                .Append(Paint(m.RuleId, Gray)).Append(' ');
            AppendOneLine(sb, m.Message);
            sb.Append('\n');
        }

        // A blank line closes the file's group.
        return sb.Append('\n').ToString();
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary)
    {
        var sb = new StringBuilder();
        foreach (var (id, count) in summary.ByRule.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            var title = Context.Descriptor(id)?.Title ?? string.Empty;
            sb.Append(CultureInfo.InvariantCulture, $"{count,6}  ").Append(Paint(id, Gray)).Append("  ").Append(title).Append('\n');
        }

        var line = Summary(summary);
        var color = summary.Errors > 0 ? Red : summary.Warnings > 0 ? Yellow : summary.Problems == 0 ? Green : string.Empty;
        sb.Append(Paint(line, color.Length == 0 ? string.Empty : Bold + color)).Append('\n');
        output.Write(sb.ToString());
    }

    private string Paint(string text, string code) => Color && code.Length > 0 ? code + text + Reset : text;

    private static string SeverityColor(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => Bold + Red,
        DiagnosticSeverity.Warning => Yellow,
        DiagnosticSeverity.Info => Cyan,
        _ => Dim,
    };

    public static string Summary(CheckSummary s)
    {
        var sb = new StringBuilder();
        if (s.FilesFixed > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(s.DryRun ? "Would fix" : "Fixed")} {Plural(s.FixesApplied, "problem")} in {Plural(s.FilesFixed, "file")}.\n");
        }

        if (s.Problems == 0)
        {
            sb.Append(s.Quiet ? "No errors" : "No problems");
        }
        else
        {
            var parts = new[] { (s.Errors, "error"), (s.Warnings, "warning"), (s.Infos, "info"), (s.Hints, "hint") }
                .Where(p => p.Item1 > 0).Select(p => Plural(p.Item1, p.Item2));
            sb.Append(CultureInfo.InvariantCulture, $"{Plural(s.Problems, "problem")} ({string.Join(", ", parts)}) in {Plural(s.FilesWithProblems, "file")}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"; {Plural(s.FilesChecked, "file")} checked");
        if (s.FilesSkipped > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {s.FilesSkipped} skipped");
        }

        if (s.Suppressed > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {s.Suppressed} suppressed inline");
        }

        sb.Append(CultureInfo.InvariantCulture, $" in {s.Elapsed.TotalSeconds:0.00}s");
        return sb.ToString();
    }

    /// <summary>"1 file", "2 files".</summary>
    internal static string Plural(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    private static void AppendOneLine(StringBuilder sb, string message)
    {
        // One problem per line, whatever a message quotes from the page (a title may span lines).
        foreach (var c in message)
        {
            sb.Append(c is '\r' or '\n' ? ' ' : c);
        }
    }
}
