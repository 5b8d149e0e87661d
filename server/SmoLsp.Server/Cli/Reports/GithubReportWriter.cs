using System.Globalization;
using System.Text;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// GitHub Actions workflow commands, one annotation per problem:
/// <c>::warning file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message</c>. Errors are <c>error</c>, warnings
/// <c>warning</c>, info and hints <c>notice</c>. Suppressed problems are not annotated.
/// </summary>
public sealed class GithubReportWriter : ReportWriter
{
    public GithubReportWriter(ReportContext context)
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
            var title = Context.Descriptor(m.RuleId) is { } d ? $"{m.RuleId} {d.Title}" : m.RuleId;
            sb.Append("::").Append(Command(m.Severity))
                .Append(" file=").Append(EscapeProperty(file.DisplayPath))
                .Append(CultureInfo.InvariantCulture, $",line={m.Line},col={m.Column},endLine={m.EndLine},endColumn={m.EndColumn}")
                .Append(",title=").Append(EscapeProperty(title))
                .Append("::").Append(EscapeData(m.Message)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Command(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>The runner's escaping of a command's message (actions/toolkit <c>escapeData</c>).</summary>
    public static string EscapeData(string text) => text
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value also escapes the separators of the property list (actions/toolkit <c>escapeProperty</c>).</summary>
    public static string EscapeProperty(string text) => EscapeData(text)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
