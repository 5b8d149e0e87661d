using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Plugins;

public enum PluginMessageKind
{
    /// <summary>The workspace names plugins but is not trusted: they were not loaded (the built-in rules still run).</summary>
    NotTrusted,

    /// <summary>A plugin, or one of its rules, could not be loaded.</summary>
    Error,

    /// <summary>Worth saying, nothing failed (a plugin listed twice, an unreadable trusted-folders entry).</summary>
    Warning,
}

/// <summary>Something to tell the user about a workspace's plugins: <see cref="Plugin"/> as written in <see cref="ConfigFile"/>.</summary>
public sealed record PluginMessage(PluginMessageKind Kind, string ConfigFile, string? Plugin, string Text, string? Hint = null)
{
    public bool IsError => Kind == PluginMessageKind.Error;

    /// <summary>The message as the command line prints it; <paramref name="configDisplay"/> is how to show the configuration file.</summary>
    public string Format(string configDisplay)
    {
        var level = Kind == PluginMessageKind.Error ? "error" : "warning";
        var subject = Plugin is null ? string.Empty : $"plugin {Plugin}: ";
        return $"{configDisplay}: {level}: {subject}{Text}" + (Hint is null ? string.Empty : "\n  " + Hint);
    }
}

/// <summary>
/// What to analyze a workspace's files with: an engine with the built-in rules plus the workspace's trusted plugin
/// rules, the configuration parsed knowing those rules' ids, and what to tell the user.
/// </summary>
public sealed class PluginRuleSet
{
    private readonly IReadOnlyDictionary<string, string> _origins;

    internal PluginRuleSet(AnalysisEngine engine, ConfigurationResult configuration, IReadOnlyList<PluginMessage> messages, IReadOnlyList<LoadedPlugin> plugins, IReadOnlyDictionary<string, string> origins)
    {
        Engine = engine;
        Configuration = configuration;
        Messages = messages;
        Plugins = plugins;
        _origins = origins;
    }

    public AnalysisEngine Engine { get; }

    /// <summary>The configuration to use: parsed again with the plugins' rule ids when they loaded (so their settings apply and typos are errors).</summary>
    public ConfigurationResult Configuration { get; }

    public IReadOnlyList<PluginMessage> Messages { get; }

    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Where a rule comes from: <see cref="PluginHost.BuiltInOrigin"/>, or the plugin's path as smolsp.json writes it.</summary>
    public string OriginOf(string ruleId) => _origins.TryGetValue(ruleId, out var origin) ? origin : PluginHost.BuiltInOrigin;
}

/// <summary>
/// Turns a workspace's configuration into the rules to run: when its smolsp.json names plugins and the workspace is
/// trusted, loads them (<see cref="PluginLoader"/>), checks that they stay inside the workspace (the configuration
/// file's folder) and that their rule ids are unique, builds an engine that runs their rules guarded by the
/// watchdog, and parses the configuration again with their ids. Results are cached per configuration result and
/// rebuilt when a plugin file changes, so the language server can call <see cref="Resolve"/> before every analysis.
/// Thread-safe.
/// </summary>
public sealed class PluginHost : IDisposable
{
    public const string BuiltInOrigin = "built-in";

    private readonly PluginLoader _loader;
    private readonly IRuleWatchdog _watchdog;
    private readonly PluginWatchdog? _ownedWatchdog;
    private readonly ConditionalWeakTable<ConfigurationResult, Entry> _cache = [];
    private readonly Lock _gate = new();

    /// <param name="watchdog">Runs plugin rules under a time budget; null for a <see cref="PluginWatchdog"/> of the default budget, owned by this host.</param>
    public PluginHost(AnalysisEngine builtIns, PluginTrust trust, IRuleWatchdog? watchdog = null, PluginLoader? loader = null)
    {
        BuiltIns = builtIns;
        Trust = trust;
        if (watchdog is null)
        {
            _ownedWatchdog = new PluginWatchdog(PluginWatchdog.DefaultBudget);
            watchdog = _ownedWatchdog;
        }

        _watchdog = watchdog;
        _loader = loader ?? new PluginLoader((watchdog as PluginWatchdog)?.BudgetTime);
    }

    /// <summary>The engine of workspaces without plugins.</summary>
    public AnalysisEngine BuiltIns { get; }

    public PluginTrust Trust { get; }

    /// <summary>The plugin files a configuration names, resolved: what the language server should watch.</summary>
    public static IReadOnlyList<string> PluginFiles(SmoLspConfiguration configuration) =>
        configuration.SourcePath is { } file && Path.GetDirectoryName(file) is { } folder
            ? [.. configuration.Plugins.Select(p => Path.GetFullPath(p, folder))]
            : [];

    public PluginRuleSet Resolve(ConfigurationResult configuration)
    {
        var config = configuration.Configuration;
        if (config.Plugins.Count == 0 || config.SourcePath is null || !configuration.Success)
        {
            return new PluginRuleSet(BuiltIns, configuration, [], [], new Dictionary<string, string>());
        }

        var stamps = Stamps(config);
        lock (_gate)
        {
            if (_cache.TryGetValue(configuration, out var cached) && cached.Stamps.SequenceEqual(stamps))
            {
                return cached.Rules;
            }

            var rules = ResolveUncached(configuration);
            _cache.AddOrUpdate(configuration, new Entry(stamps, rules));
            return rules;
        }
    }

    private PluginRuleSet ResolveUncached(ConfigurationResult configuration)
    {
        var config = configuration.Configuration;
        var configFile = config.SourcePath!;
        var workspace = Path.GetDirectoryName(configFile)!;
        var messages = new List<PluginMessage>();
        if (Trust.Problem is { } trustProblem)
        {
            messages.Add(new PluginMessage(PluginMessageKind.Warning, configFile, null, trustProblem));
        }

        if (!Trust.IsTrusted(workspace))
        {
            // Not even a file check: an untrusted workspace's plugin paths are not touched.
            messages.Add(new PluginMessage(PluginMessageKind.NotTrusted, configFile, null,
                $"not loading {Cli.TextReportWriter.Plural(config.Plugins.Count, "plugin")} ({string.Join(", ", config.Plugins)}): this folder is not trusted, and loading a plugin runs its code; the built-in rules still run",
                "to trust it: " + Trust.HowToTrust(workspace)));
            return new PluginRuleSet(BuiltIns, configuration, messages, [], new Dictionary<string, string>());
        }

        if (!PluginSupport.IsSupported)
        {
            // Never a silent skip: the configuration asks for rules this build cannot run.
            messages.Add(new PluginMessage(PluginMessageKind.Error, configFile, null,
                $"cannot load {Cli.TextReportWriter.Plural(config.Plugins.Count, "plugin")} ({string.Join(", ", config.Plugins)}): {PluginSupport.NativeHint}"));
            return new PluginRuleSet(BuiltIns, configuration, messages, [], new Dictionary<string, string>());
        }

        var origins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var builtInIds = BuiltIns.Descriptors.Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pluginRules = new List<Rule>();
        var plugins = new List<LoadedPlugin>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var written in config.Plugins)
        {
            void Say(PluginMessageKind kind, string text) => messages.Add(new PluginMessage(kind, configFile, written, text));

            var full = Path.GetFullPath(written, workspace);
            if (!PluginPaths.IsInside(full, workspace))
            {
                Say(PluginMessageKind.Error, $"is outside the workspace ({workspace}): a plugin must be in the folder of smolsp.json or below it");
                continue;
            }

            if (!seen.Add(full))
            {
                Say(PluginMessageKind.Warning, "is listed twice; loaded once");
                continue;
            }

            var loaded = Load(full);
            if (loaded.Plugin is not { } plugin)
            {
                Say(PluginMessageKind.Error, loaded.Error!);
                continue;
            }

            plugins.Add(plugin);
            foreach (var problem in plugin.Problems)
            {
                Say(PluginMessageKind.Error, problem);
            }

            foreach (var rule in plugin.Rules)
            {
                var id = rule.Descriptor.Id;
                if (builtInIds.Contains(id))
                {
                    Say(PluginMessageKind.Error, $"rule id {id} ({rule.TypeName}) is a built-in rule's id; not loaded");
                }
                else if (origins.TryGetValue(id, out var other))
                {
                    Say(PluginMessageKind.Error, $"rule id {id} ({rule.TypeName}) is already defined by plugin {other}; not loaded");
                }
                else
                {
                    origins[id] = written;
                    pluginRules.Add(rule);
                }
            }
        }

        var engine = new AnalysisEngine(BuiltIns.Rules, pluginRules, _watchdog);
        foreach (var disabled in engine.DisabledRules)
        {
            messages.Add(new PluginMessage(PluginMessageKind.Error, configFile, origins[disabled.Descriptor.Id], $"rule {disabled.Descriptor.Id}: {disabled.Reason}; it does not run"));
        }

        return new PluginRuleSet(engine, Reparse(configuration, engine, allRulesKnown: !messages.Any(m => m.IsError)), messages, plugins, origins);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reached when PluginSupport.IsSupported: the native build, where it is false, drops this code.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only reached when PluginSupport.IsSupported: the native build, where it is false, drops this code.")]
    private PluginLoadResult Load(string fullPath) => _loader.Load(fullPath);

    /// <summary>
    /// The configuration's second parse, knowing the plugins' rules: their severities and thresholds apply, and an id
    /// no rule has is an error. When a plugin failed to load its ids stay unknown, so they are left out, not errors.
    /// </summary>
    private static ConfigurationResult Reparse(ConfigurationResult configuration, AnalysisEngine engine, bool allRulesKnown)
    {
        var file = configuration.Configuration.SourcePath!;
        try
        {
            return ConfigurationParser.Parse(File.ReadAllText(file), file, engine.Descriptors, allRulesKnown);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConfigurationResult(configuration.Configuration, [new ConfigurationError(file, 1, 1, string.Empty, "cannot read the configuration file: " + ex.Message)]);
        }
    }

    private static FileStamp?[] Stamps(SmoLspConfiguration configuration) => [.. PluginFiles(configuration).Select(FileStamp.Of)];

    /// <summary>Unloads every plugin this host loaded and ends its idle rule threads.</summary>
    public void Dispose()
    {
        _loader.UnloadAll();
        _ownedWatchdog?.Dispose();
    }

    private sealed record Entry(FileStamp?[] Stamps, PluginRuleSet Rules);
}
