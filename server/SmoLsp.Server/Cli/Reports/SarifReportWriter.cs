using System.Text;
using System.Text.Json;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>
/// SARIF 2.1.0 (what GitHub code scanning and Azure DevOps read): one run, the whole catalog as
/// <c>tool.driver.rules</c> with help links, results with relative forward-slash URIs under <c>%SRCROOT%</c>, 1-based
/// regions in UTF-16 code units, fingerprints that survive line moves, related locations, and inline suppressions
/// as results with <c>suppressions: [{ kind: "inSource" }]</c> (code scanning shows them as dismissed).
/// </summary>
public sealed class SarifReportWriter(ReportContext context) : JsonArrayReportWriter(context)
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SourceRoot = "%SRCROOT%";
    public const string FingerprintKey = "smolspFingerprint/v1";

    public override bool WantsRelated => true;

    public override void WriteStart(TextWriter output)
    {
        var header = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("name", ReportContext.ToolName);
            json.WriteString("version", Program.Version);
            json.WriteString("semanticVersion", Program.Version);
            json.WriteString("informationUri", ReportContext.InformationUri);
            json.WriteStartArray("rules");
            foreach (var d in Context.Descriptors)
            {
                WriteRule(json, d);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
        var root = JsonText.Write(json => json.WriteStringValue(DirectoryUri(Context.WorkingDirectory)));
        output.Write("{\"$schema\":\"" + SchemaUri + "\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":" + header
            + "},\"originalUriBaseIds\":{\"" + SourceRoot + "\":{\"uri\":" + root + "}},\"columnKind\":\"utf16CodeUnits\",\"results\":[");
    }

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor d)
    {
        json.WriteStartObject();
        json.WriteString("id", d.Id);
        json.WriteString("name", RuleName(d.Title));
        WriteText(json, "shortDescription", d.Title);
        WriteText(json, "fullDescription", $"{d.Title}. See {RuleDocs.Link(d)}");
        json.WriteString("helpUri", RuleDocs.Link(d));
        json.WriteStartObject("help");
        json.WriteString("text", $"{d.Id}: {d.Title}. Why it matters, examples and configuration: {RuleDocs.Link(d)}");
        json.WriteString("markdown", $"**{d.Id}: {d.Title}**. Why it matters, examples and configuration: [{d.Id}.md]({RuleDocs.Link(d)})");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(d.DefaultSeverity));
        json.WriteBoolean("enabled", d.EnabledByDefault);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", RulesCommand.Category(d.Category));
        json.WriteStartArray("tags");
        json.WriteStringValue("smo");
        json.WriteStringValue(RulesCommand.Category(d.Category));
        json.WriteEndArray();
        json.WriteString("fixable", RulesCommand.Fixable(d.Fix));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public override string FormatFile(FileReport file) =>
        string.Join(",\n", file.Messages.Concat(file.Suppressed).Select(m => JsonText.Write(json => WriteResult(json, file.DisplayPath, m))));

    private void WriteResult(Utf8JsonWriter json, string path, ReportMessage m)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", m.RuleId);
        if (Context.RuleIndex.TryGetValue(m.RuleId, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", Level(m.Severity));
        WriteText(json, "message", m.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        WritePhysicalLocation(json, path, m.Line, m.Column, m.EndLine, m.EndColumn);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, m.Fingerprint);
        json.WriteEndObject();
        if (m.Related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            for (var i = 0; i < m.Related.Count; i++)
            {
                var r = m.Related[i];
                json.WriteStartObject();
                json.WriteNumber("id", i + 1);
                WritePhysicalLocation(json, r.Path, r.Line, r.Column, r.EndLine, r.EndColumn);
                WriteText(json, "message", r.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (m.SuppressedBecause is { } because)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "inSource");
            if (because.Length > 0)
            {
                json.WriteString("justification", because);
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, string path, int line, int column, int endLine, int endColumn)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        if (Site.Web.WebAddresses.IsUrl(path))
        {
            // A served page: its URL is the artifact, absolute, with no base.
            json.WriteString("uri", path);
        }
        else
        {
            json.WriteString("uri", RelativeUri(path));
            json.WriteString("uriBaseId", SourceRoot);
        }

        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", line);
        json.WriteNumber("startColumn", column);
        json.WriteNumber("endLine", endLine);
        json.WriteNumber("endColumn", endColumn);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary) =>
        output.Write($$"""{{BeforeClose}}],"invocations":[{"executionSuccessful":{{(summary.InternalErrors == 0 ? "true" : "false")}}}]}]}""" + "\n");

    /// <summary>A SARIF message object: <c>"name": { "text": ... }</c>.</summary>
    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>SARIF levels: info and hint are both "note" (SARIF's "none" means "not a problem").</summary>
    public static string Level(DiagnosticSeverity severity) => severity.ToName(otherwise: "note");

    /// <summary>A relative URI reference: forward slashes, each segment percent-encoded (a space, a '#', a '%' in a file name).</summary>
    public static string RelativeUri(string displayPath) =>
        string.Join('/', displayPath.Split('/').Select(s => s is "." or ".." ? s : Uri.EscapeDataString(s)));

    public static string DirectoryUri(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!full.EndsWith(Path.DirectorySeparatorChar))
        {
            full += Path.DirectorySeparatorChar;
        }

        return new Uri(full).AbsoluteUri;
    }

    /// <summary>SARIF's rule <c>name</c> is an identifier: the title in PascalCase ("Missing og:title" -> "MissingOgTitle").</summary>
    public static string RuleName(string title)
    {
        var sb = new StringBuilder(title.Length);
        var upper = true;
        foreach (var c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return sb.ToString();
    }
}
