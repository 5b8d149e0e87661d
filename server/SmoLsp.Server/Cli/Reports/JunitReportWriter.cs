using System.Globalization;
using System.Text;

namespace SmoLsp.Server.Cli;

/// <summary>
/// JUnit XML (what GitLab, Jenkins and Azure Pipelines show as test results): a <c>testsuite</c> per file, a failing
/// <c>testcase</c> per problem (the severity as the failure's type), and one passing test case for a clean file.
/// </summary>
public sealed class JunitReportWriter(ReportContext context) : XmlReportWriter(context, "testsuites", "name=\"smolsp\"")
{
    public override string FormatFile(FileReport file)
    {
        var path = XmlText.Escape(file.DisplayPath);
        var sb = new StringBuilder();
        var tests = Math.Max(1, file.Messages.Count);
        sb.Append(CultureInfo.InvariantCulture, $"  <testsuite name=\"{path}\" tests=\"{tests}\" failures=\"{file.Messages.Count}\" errors=\"0\" skipped=\"0\">\n");
        if (file.Messages.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    <testcase classname=\"{path}\" name=\"smolsp\"/>\n");
        }

        foreach (var m in file.Messages)
        {
            var title = Context.Descriptor(m.RuleId)?.Title ?? m.RuleId;
            var testName = XmlText.Escape($"{m.RuleId} {title} ({m.Line}:{m.Column})");
            var help = Context.HelpLink(m.RuleId);
            var body = $"{m.Severity.ToName()} {m.RuleId} at {file.DisplayPath}:{m.Line}:{m.Column}\n{m.Message}" + (help is null ? string.Empty : "\n" + help);
            sb.Append(CultureInfo.InvariantCulture, $"    <testcase classname=\"{path}\" name=\"{testName}\">\n")
                .Append(CultureInfo.InvariantCulture, $"      <failure type=\"{m.Severity.ToName()}\" message=\"{XmlText.Escape(m.Message)}\">{XmlText.Escape(body, attribute: false)}</failure>\n")
                .Append("    </testcase>\n");
        }

        return sb.Append("  </testsuite>\n").ToString();
    }
}
