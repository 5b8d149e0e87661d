using System.Globalization;
using System.Text;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// Checkstyle XML (Jenkins warnings-ng, reviewdog, many IDE plugins): a <c>file</c> element per checked file with an
/// <c>error</c> per problem; <c>source</c> is <c>smolsp.SMOxxx</c>. Cross-page findings are in their file's element.
/// </summary>
public sealed class CheckstyleReportWriter(ReportContext context) : XmlReportWriter(context, "checkstyle", "version=\"4.3\"")
{
    public override string FormatFile(FileReport file)
    {
        var path = XmlText.Escape(file.DisplayPath);
        if (file.Messages.Count == 0)
        {
            return $"  <file name=\"{path}\"/>\n";
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"  <file name=\"{path}\">\n");
        foreach (var m in file.Messages)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    <error line=\"{m.Line}\" column=\"{m.Column}\" severity=\"{Severity(m.Severity)}\" message=\"{XmlText.Escape(m.Message)}\" source=\"smolsp.{m.RuleId}\"/>\n");
        }

        return sb.Append("  </file>\n").ToString();
    }

    /// <summary>Checkstyle knows error, warning and info (and ignore).</summary>
    public static string Severity(DiagnosticSeverity severity) => severity.ToName(otherwise: "info");
}
