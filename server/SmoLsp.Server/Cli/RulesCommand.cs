using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules;

namespace SmoLsp.Server.Cli;

/// <summary><c>smolsp rules</c>: the catalog (built-in rules and the engine's own), as a table or as JSON.</summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (a table) or json.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("rules", "List the rule catalog: id, title, category, default severity, fixable, help link.") { format };
        command.SetAction(parseResult =>
        {
            var descriptors = BuiltInRules.CreateEngine().Descriptors;
            var output = parseResult.InvocationConfiguration.Output;
            output.Write(parseResult.GetValue(format) == "json" ? FormatJson(descriptors) : FormatText(descriptors));
            output.Flush();
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>What <c>check --fix</c> can do about a rule: <c>safe</c> when some of its fixes apply unattended.</summary>
    public static string Fixable(FixAvailability fix) => fix switch
    {
        FixAvailability.Safe or FixAvailability.SafeOrSuggestion => "safe",
        FixAvailability.Suggestion => "suggestion",
        _ => "none",
    };

    public static string Category(RuleCategory category) => category switch
    {
        RuleCategory.OpenGraph => "open-graph",
        RuleCategory.Twitter => "twitter",
        RuleCategory.Titles => "titles",
        RuleCategory.Urls => "urls",
        RuleCategory.Images => "images",
        RuleCategory.Social => "social",
        RuleCategory.Engine => "engine",
        _ => category.ToString().ToLowerInvariant(),
    };

    private static IEnumerable<RuleDescriptor> Sorted(IReadOnlyList<RuleDescriptor> descriptors) =>
        descriptors.OrderBy(d => d.Id, StringComparer.Ordinal);

    public static string FormatText(IReadOnlyList<RuleDescriptor> descriptors)
    {
        var rows = Sorted(descriptors)
            .Select(d => new[] { d.Id, d.DefaultSeverity.ToName(), Category(d.Category), Fixable(d.Fix), d.Title, d.HelpLink })
            .Prepend(["ID", "SEVERITY", "CATEGORY", "FIX", "TITLE", "HELP"])
            .ToList();
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < 5; c++)
            {
                sb.Append(row[c].PadRight(widths[c] + 2));
            }

            sb.Append(row[5]).Append('\n');
        }

        return sb.ToString();
    }

    public static string FormatJson(IReadOnlyList<RuleDescriptor> descriptors)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var d in Sorted(descriptors))
            {
                json.WriteStartObject();
                json.WriteString("id", d.Id);
                json.WriteString("title", d.Title);
                json.WriteString("category", Category(d.Category));
                json.WriteString("defaultSeverity", d.DefaultSeverity.ToName());
                json.WriteBoolean("enabledByDefault", d.EnabledByDefault);
                json.WriteString("fixable", Fixable(d.Fix));
                json.WriteString("helpLink", d.HelpLink);
                json.WriteStartArray("thresholds");
                foreach (var t in d.ThresholdList)
                {
                    json.WriteStartObject();
                    json.WriteString("name", t.Name);
                    json.WriteNumber("default", t.DefaultValue);
                    json.WriteString("description", t.Description);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }
}
