using System.Text;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// GitLab Code Quality (a Code Climate subset): a JSON array of issues with <c>description</c>, <c>check_name</c>,
/// <c>fingerprint</c>, <c>severity</c> and <c>location.path</c> / <c>location.lines.begin</c>. The fingerprint does not
/// contain the line (see <see cref="Fingerprints"/>), so GitLab's merge-request widget does not report a moved problem
/// as one fixed and one new. Paths are relative to the working directory: run from the repository root.
/// </summary>
public sealed class GitlabReportWriter : ReportWriter
{
    private bool _first = true;

    public GitlabReportWriter(ReportContext context)
        : base(context)
    {
    }

    public override string FormatFile(FileReport file)
    {
        if (file.Messages.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var m in file.Messages)
        {
            if (sb.Length > 0)
            {
                sb.Append(",\n");
            }

            sb.Append(JsonText.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("type", "issue");
                json.WriteString("engine_name", ReportContext.ToolName);
                json.WriteString("check_name", m.RuleId);
                json.WriteString("description", $"{m.RuleId}: {m.Message}");
                json.WriteString("fingerprint", m.Fingerprint);
                json.WriteString("severity", Severity(m.Severity));
                json.WriteStartArray("categories");
                json.WriteStringValue("Style");
                json.WriteEndArray();
                json.WriteStartObject("location");
                json.WriteString("path", file.DisplayPath);
                json.WriteStartObject("lines");
                json.WriteNumber("begin", m.Line);
                json.WriteNumber("end", m.EndLine);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }));
        }

        return sb.ToString();
    }

    /// <summary>Code Quality severities: info, minor, major, critical, blocker.</summary>
    public static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "critical",
        DiagnosticSeverity.Warning => "major",
        DiagnosticSeverity.Info => "minor",
        _ => "info",
    };

    public override void WriteStart(TextWriter output) => output.Write('[');

    public override void WriteFile(TextWriter output, string formatted)
    {
        if (formatted.Length == 0)
        {
            return;
        }

        output.Write(_first ? "\n" : ",\n");
        _first = false;
        output.Write(formatted);
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary) => output.Write(_first ? "]\n" : "\n]\n");
}
