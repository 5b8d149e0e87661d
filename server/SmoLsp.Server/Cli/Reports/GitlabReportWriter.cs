using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// GitLab Code Quality (a Code Climate subset): a JSON array of issues with <c>description</c>, <c>check_name</c>,
/// <c>fingerprint</c>, <c>severity</c> and <c>location.path</c> / <c>location.lines.begin</c>. The fingerprint does not
/// contain the line (see <see cref="Fingerprints"/>), so GitLab's merge-request widget does not report a moved problem
/// as one fixed and one new. Paths are relative to the working directory: run from the repository root.
/// </summary>
public sealed class GitlabReportWriter(ReportContext context) : JsonArrayReportWriter(context)
{
    public override string FormatFile(FileReport file) => string.Join(",\n", file.Messages.Select(m => JsonText.Write(json =>
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
        })));

    /// <summary>Code Quality severities: info, minor, major, critical, blocker.</summary>
    public static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "critical",
        DiagnosticSeverity.Warning => "major",
        DiagnosticSeverity.Info => "minor",
        _ => "info",
    };
}
