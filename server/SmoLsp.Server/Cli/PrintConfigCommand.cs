using System.Text.Json;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>
/// <c>smolsp check --print-config PATH</c>: the settings <c>check</c> would use for one file, as JSON, with where each
/// came from (<c>default</c>, the <c>smolsp.json</c>, an <c>.editorconfig</c> section, or <c>--rule</c>), and whether the
/// walk would skip the file. Resolved by the same <see cref="SiteSettings"/> the check uses, so it cannot drift.
/// </summary>
public sealed class PrintConfigCommand(TextWriter stdout, TextWriter stderr, AnalysisEngine? engine = null)
{
    private readonly AnalysisEngine _engine = engine ?? BuiltInRules.CreateEngine();

    public int Run(string path, CheckOptions options)
    {
        var cwd = Path.GetFullPath(options.WorkingDirectory ?? Environment.CurrentDirectory);
        var full = Path.GetFullPath(path, cwd);
        if (!CheckSession.ResolveOverrides(options.RuleOverrides, _engine.Descriptors, stderr, out var overrides))
        {
            return ExitCodes.Error;
        }

        if (!CheckSession.TryResolveConfigFile(options.ConfigFile, cwd, stderr, out var configFile))
        {
            return ExitCodes.Error;
        }

        // The session `check` would open for this path: the same settings, ignore files and include/exclude.
        var isFolder = Directory.Exists(full);
        var site = new SiteSession(_engine, new SiteOptions { Folders = [isFolder ? full : Path.GetDirectoryName(full)!], ConfigFile = configFile, Overrides = overrides, WorkingDirectory = cwd });
        var settings = site.Settings.For(isFolder ? Path.Combine(full, ".") : full);
        var baseResult = settings.Base;
        if (!settings.Success)
        {
            foreach (var error in settings.Errors)
            {
                stderr.WriteLine(error.ToString());
            }

            return ExitCodes.Error;
        }

        var configuration = settings.Configuration;
        var fromEditorConfig = site.Settings.EditorConfigFor(baseResult, full).ToDictionary(e => e.RuleId, StringComparer.OrdinalIgnoreCase);
        var overridden = overrides.Select(o => o.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var configPathShown = baseResult.Configuration.SourcePath is { } source ? SitePaths.Display(source, cwd) : null;
        var ignoredBy = site.Ignores.MatchIncludingFolders(full);
        var configRoot = baseResult.Configuration.SourcePath is { } s ? Path.GetDirectoryName(s) : null;
        var excluded = !SiteSettings.Includes(baseResult.Configuration, full, configRoot);

        var json = JsonText.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("file", SitePaths.Display(full, cwd));
            w.WriteString("configFile", configPathShown);
            w.WriteString("precedence", "--rule > smolsp.json > .editorconfig > default");
            w.WriteStartObject("walk");
            w.WriteBoolean("ignored", ignoredBy is not null);
            w.WriteString("ignoredBy", ignoredBy is null ? null : $"{SitePaths.Display(ignoredBy.SourceFile, cwd)}:{ignoredBy.Line}");
            w.WriteBoolean("excludedByConfig", excluded);
            w.WriteEndObject();
            w.WriteString("siteUrl", configuration.SiteUrl);
            w.WriteString("siteName", configuration.SiteName);
            w.WriteString("twitterSite", configuration.TwitterSite);
            WriteList(w, "profiles", configuration.Profiles);
            w.WriteString("webRoot", configuration.WebRoot);
            w.WriteString("defaultImage", configuration.DefaultImage);
            w.WriteString("engine", configuration.Engine is { } engine ? SmoLsp.Analysis.Site.SiteEngines.Name(engine) : null);
            WriteList(w, "include", configuration.Include);
            WriteList(w, "exclude", configuration.Exclude);
            w.WriteStartObject("rules");
            foreach (var d in _engine.Descriptors.OrderBy(d => d.Id, StringComparer.Ordinal))
            {
                w.WriteStartObject(d.Id);
                var severity = configuration.ResolveSeverity(d, d.DefaultSeverity);
                w.WriteString("severity", severity?.ToName() ?? "off");
                var configured = baseResult.Configuration.GetRuleOptions(d.Id);
                w.WriteString("source", overridden.Contains(d.Id) ? "--rule"
                    : configured.Severity is not null ? configPathShown
                    : fromEditorConfig.TryGetValue(d.Id, out var e) ? $"{SitePaths.Display(e.SourceFile, cwd)}:{e.Line} [{e.Section}]"
                    : "default");

                if (d.ThresholdList.Count > 0)
                {
                    w.WriteStartObject("thresholds");
                    foreach (var t in d.ThresholdList)
                    {
                        w.WriteStartObject(t.Name);
                        var set = configured.Thresholds.TryGetValue(t.Name, out var value);
                        w.WriteNumber("value", set ? value : t.DefaultValue);
                        w.WriteString("source", set ? configPathShown : "default");
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }, indented: true);
        stdout.Write(json.ReplaceLineEndings("\n") + "\n");
        stdout.Flush();
        return ExitCodes.Clean;
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
