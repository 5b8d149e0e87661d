using SmoLsp.Analysis.Engine;

namespace SmoLsp.Server.Plugins;

/// <summary>How the command line tells the user about plugins: kept here so the commands only call it.</summary>
public static class PluginReport
{
    /// <summary>Writes what happened to each workspace's plugins (not trusted, failed to load); true when something failed.</summary>
    public static bool WriteMessages(TextWriter stderr, IEnumerable<PluginRuleSet> workspaces, Func<string, string> displayPath)
    {
        var messages = workspaces.SelectMany(r => r.Messages).Distinct().OrderBy(m => m.ConfigFile, StringComparer.Ordinal).ToList();
        foreach (var message in messages)
        {
            stderr.WriteLine(message.Format(displayPath(message.ConfigFile)));
        }

        return messages.Any(m => m.IsError);
    }

    /// <summary>
    /// <c>--rule</c> overrides were checked against the built-in rules before plugins loaded; ids outside the built-in
    /// namespace must name a rule of some engine of the run. False (after saying which) when one does not.
    /// </summary>
    public static bool CheckOverrides(TextWriter stderr, IEnumerable<string> ids, IEnumerable<AnalysisEngine> engines)
    {
        var known = engines.Distinct().SelectMany(e => e.Descriptors).Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        foreach (var id in ids.Where(id => !known.Contains(id)))
        {
            stderr.WriteLine($"smolsp: error: --rule {id}: unknown rule id; `smolsp rules` lists them (with a workspace's plugins: `smolsp rules --allow-plugins`)");
            ok = false;
        }

        return ok;
    }

    /// <summary>Plugin rules that overran their time budget stopped running part-way through a run: say so, or later files look clean.</summary>
    public static void WriteDisabledRules(TextWriter stderr, IEnumerable<PluginRuleSet> workspaces, Func<string, string> displayPath)
    {
        foreach (var rules in workspaces.DistinctBy(r => r.Engine))
        {
            foreach (var disabled in rules.Engine.DisabledRules.Where(d => d.DocumentPath is not null))
            {
                var config = rules.Configuration.Configuration.SourcePath is { } file ? displayPath(file) : "smolsp";
                stderr.WriteLine($"{config}: warning: plugin {rules.OriginOf(disabled.Descriptor.Id)}: rule {disabled.Descriptor.Id} {disabled.Reason} on {displayPath(disabled.DocumentPath!)}, "
                    + "so it was disabled: files after that one were not checked by it");
            }
        }
    }
}
