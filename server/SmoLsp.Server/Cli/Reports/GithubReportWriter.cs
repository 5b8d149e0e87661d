using System.Globalization;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// GitHub Actions workflow commands, one annotation per problem:
/// <c>::warning file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message</c>. Errors are <c>error</c>, warnings
/// <c>warning</c>, info and hints <c>notice</c>. Suppressed problems are not annotated.
/// </summary>
public sealed class GithubReportWriter(ReportContext context) : ReportWriter(context)
{
    public override string FormatFile(FileReport file) => string.Concat(file.Messages.Select(m =>
    {
        var title = Context.Descriptor(m.RuleId) is { } d ? $"{m.RuleId} {d.Title}" : m.RuleId;
        return string.Create(CultureInfo.InvariantCulture,
            $"::{Command(m.Severity)} file={EscapeProperty(file.DisplayPath)},line={m.Line},col={m.Column},endLine={m.EndLine},endColumn={m.EndColumn},title={EscapeProperty(title)}::{EscapeData(m.Message)}\n");
    }));

    public static string Command(DiagnosticSeverity severity) => severity.ToName(otherwise: "notice");

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
