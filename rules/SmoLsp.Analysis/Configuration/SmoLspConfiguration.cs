using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Configuration;

/// <summary>A configured rule severity; <see cref="Off"/> disables the rule.</summary>
public enum RuleSeverity
{
    Off,
    Hint,
    Info,
    Warning,
    Error,
}

public sealed record RuleOptions(RuleSeverity? Severity, IReadOnlyDictionary<string, double> Thresholds)
{
    public static readonly RuleOptions Default = new(null, new Dictionary<string, double>());
}

/// <summary>
/// Everything a user can configure. Parsed from <c>smolsp.json</c> by <see cref="ConfigurationParser"/>; the host
/// finds and reads the file. Immutable: hosts layer command-line overrides with the <c>With*</c> methods.
/// </summary>
public sealed record SmoLspConfiguration
{
    public static readonly SmoLspConfiguration Default = new();

    /// <summary>The file this configuration came from, or null for defaults.</summary>
    public string? SourcePath { get; init; }

    public string? SiteUrl { get; init; }

    public string? SiteName { get; init; }

    public string? TwitterSite { get; init; }

    public IReadOnlyList<string> Profiles { get; init; } = [];

    public string? WebRoot { get; init; }

    public string? DefaultImage { get; init; }

    /// <summary>The template engine of the site, when set (<c>"engine": "hugo"</c>); null means detect it from the site's files.</summary>
    public Site.SiteEngine? Engine { get; init; }

    public IReadOnlyList<string> Include { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// Rule packages (assembly paths) as written, relative to the configuration file's folder. The host resolves
    /// them and loads them only when the workspace is trusted: loading a plugin runs its code.
    /// </summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    public IReadOnlyDictionary<string, RuleOptions> Rules { get; init; } = new Dictionary<string, RuleOptions>(StringComparer.OrdinalIgnoreCase);

    public RuleOptions GetRuleOptions(string ruleId) => Rules.TryGetValue(ruleId, out var o) ? o : RuleOptions.Default;

    /// <summary>The severity a rule's diagnostics get: configured, or the one the rule reported (null = off).</summary>
    public DiagnosticSeverity? ResolveSeverity(RuleDescriptor descriptor, DiagnosticSeverity reported)
    {
        var configured = GetRuleOptions(descriptor.Id).Severity;
        if (configured is null)
        {
            return descriptor.EnabledByDefault ? reported : null;
        }

        return configured switch
        {
            RuleSeverity.Off => null,
            RuleSeverity.Hint => DiagnosticSeverity.Hint,
            RuleSeverity.Info => DiagnosticSeverity.Info,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Error,
        };
    }

    public bool IsEnabled(RuleDescriptor descriptor) => ResolveSeverity(descriptor, descriptor.DefaultSeverity) is not null;

    public SmoLspConfiguration WithRuleSeverity(string ruleId, RuleSeverity severity)
    {
        var rules = Rules.ToDictionary(r => r.Key, r => r.Value, StringComparer.OrdinalIgnoreCase);
        rules[ruleId] = GetRuleOptions(ruleId) with { Severity = severity };
        return this with { Rules = rules };
    }

    public static bool TryParseSeverity(string text, out RuleSeverity severity)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "off":
                severity = RuleSeverity.Off;
                return true;
            case "hint":
                severity = RuleSeverity.Hint;
                return true;
            case "info":
                severity = RuleSeverity.Info;
                return true;
            case "warning":
                severity = RuleSeverity.Warning;
                return true;
            case "error":
                severity = RuleSeverity.Error;
                return true;
            default:
                severity = RuleSeverity.Off;
                return false;
        }
    }
}
