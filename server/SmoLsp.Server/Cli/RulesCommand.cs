using System.CommandLine;
using System.Text;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules;
using SmoLsp.Server.Plugins;

namespace SmoLsp.Server.Cli;

/// <summary>
/// <c>smolsp rules</c>: the catalog (built-in rules and the engine's own), as a table or as JSON; given a workspace
/// (a path or <c>--config</c>) and trust, its plugins' rules too, each with its origin.
/// </summary>
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
        var path = new Argument<string?>("path")
        {
            Description = "A workspace folder or file: with --allow-plugins (or a trusted folder), the plugins its nearest smolsp.json names are listed too.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var config = new Option<string>("--config", "-c") { Description = "Read plugins from this configuration file.", HelpName = "FILE" };
        var allowPlugins = new Option<bool>("--allow-plugins") { Description = "Load the plugins the configuration names and list their rules (a plugin runs its code)." };
        var command = new Command("rules", "List the rule catalog: id, title, category, default severity, fixable, whether dotnet build runs it, help link, origin.") { path, format, config, allowPlugins };
        command.SetAction(parseResult =>
        {
            var builtIns = BuiltInRules.CreateEngine();
            var output = parseResult.InvocationConfiguration.Output;
            var workspace = (PluginCatalog.Request(parseResult.GetValue(path), parseResult.GetValue(config), parseResult.GetValue(allowPlugins)) is { } request)
                ? PluginCatalog.Load(request, builtIns, parseResult.InvocationConfiguration.Error)
                : null;
            var descriptors = workspace?.Rules?.Engine.Descriptors ?? builtIns.Descriptors;
            Func<string, string> origin = id => workspace?.Rules?.OriginOf(id) ?? PluginHost.BuiltInOrigin;
            output.Write(parseResult.GetValue(format) == "json" ? FormatJson(descriptors, origin) : FormatText(descriptors, origin));
            output.Flush();
            return workspace is { Success: false } ? ExitCodes.Error : ExitCodes.Clean;
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

    /// <summary>
    /// Whether the analyzer package (SmoLsp.Analyzers, docs/analyzers.md) runs the rule in <c>dotnet build</c> and the
    /// IDE: built-in rules that read no files beside the template. Plugins never load in the compiler.
    /// </summary>
    public static bool InDotnetBuild(RuleDescriptor descriptor, string origin) => origin == PluginHost.BuiltInOrigin && !descriptor.ReadsLocalFiles;

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

    /// <summary>The table; an ORIGIN column (before HELP) only when some rule comes from a plugin.</summary>
    public static string FormatText(IReadOnlyList<RuleDescriptor> descriptors, Func<string, string>? origin = null)
    {
        origin ??= _ => PluginHost.BuiltInOrigin;
        var withOrigin = descriptors.Any(d => origin(d.Id) != PluginHost.BuiltInOrigin);
        var rows = Sorted(descriptors)
            .Select(d => withOrigin
                ? new[] { d.Id, d.DefaultSeverity.ToName(), Category(d.Category), Fixable(d.Fix), Build(d), d.Title, origin(d.Id), RuleDocs.Link(d) }
                : [d.Id, d.DefaultSeverity.ToName(), Category(d.Category), Fixable(d.Fix), Build(d), d.Title, RuleDocs.Link(d)])
            .Prepend(withOrigin ? ["ID", "SEVERITY", "CATEGORY", "FIX", "BUILD", "TITLE", "ORIGIN", "HELP"] : ["ID", "SEVERITY", "CATEGORY", "FIX", "BUILD", "TITLE", "HELP"])
            .ToList();
        var last = rows[0].Length - 1;

        // BUILD: "yes" when dotnet build (the analyzer package) runs the rule too.
        string Build(RuleDescriptor d) => InDotnetBuild(d, origin(d.Id)) ? "yes" : "no";
        var widths = Enumerable.Range(0, last).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < last; c++)
            {
                sb.Append(row[c].PadRight(widths[c] + 2));
            }

            sb.Append(row[last]).Append('\n');
        }

        return sb.ToString();
    }

    public static string FormatJson(IReadOnlyList<RuleDescriptor> descriptors, Func<string, string>? origin = null)
    {
        origin ??= _ => PluginHost.BuiltInOrigin;
        return JsonText.Write(json =>
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
                json.WriteBoolean("inDotnetBuild", InDotnetBuild(d, origin(d.Id)));
                json.WriteString("helpLink", RuleDocs.Link(d));
                json.WriteString("origin", origin(d.Id));
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
        }, indented: true).ReplaceLineEndings("\n") + "\n";
    }
}
