using System.Runtime.CompilerServices;
using Microsoft.Extensions.FileSystemGlobbing;
using SmoLsp.Analysis.Configuration;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// The configuration's <c>include</c>/<c>exclude</c> globs, as <c>smolsp check</c> applies them to walked files:
/// relative to the configuration file's folder (or, for editor settings without a file, the workspace folder);
/// files outside that folder are not filtered. One matcher per configuration object.
/// </summary>
public static class IncludeFilter
{
    private static readonly ConditionalWeakTable<SmoLspConfiguration, Matcher> s_matchers = [];

    public static bool Includes(SmoLspConfiguration configuration, string fullPath, string? fallbackRoot)
    {
        if (configuration.Include.Count == 0 && configuration.Exclude.Count == 0)
        {
            return true;
        }

        var root = configuration.SourcePath is { } source && Path.IsPathFullyQualified(source) ? Path.GetDirectoryName(source) : fallbackRoot;
        if (root is null || !IgnoreRules.IsUnder(fullPath, root))
        {
            return true;
        }

        var matcher = s_matchers.GetValue(configuration, static c =>
        {
            var m = new Matcher(StringComparison.OrdinalIgnoreCase);
            m.AddIncludePatterns(c.Include.Count > 0 ? c.Include : ["**/*"]);
            m.AddExcludePatterns(c.Exclude);
            return m;
        });
        return matcher.Match(root, fullPath).HasMatches;
    }
}
