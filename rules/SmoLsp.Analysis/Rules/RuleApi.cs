using System.Text.RegularExpressions;

namespace SmoLsp.Analysis.Rules;

/// <summary>
/// The contract between SmoLsp and third-party rule packages. This assembly is the rule API: a plugin references
/// it (the <c>SmoLsp.Analysis</c> package) and nothing else of ours. Its assembly version's major number is
/// <see cref="Version"/>; the minor grows with additions. A host loads a plugin built against the same major and a
/// minor no newer than its own, so a plugin never calls a member the running host lacks.
/// </summary>
public static partial class RuleApi
{
    /// <summary>The rule API version; kept equal to this assembly's major version (a test checks).</summary>
    public const int Version = 1;

    /// <summary>The id prefix of SmoLsp's own rules; plugins choose their own.</summary>
    public const string BuiltInIdPrefix = "SMO";

    /// <summary>The version of the rule API this process runs: this assembly's version.</summary>
    public static Version AssemblyVersion { get; } = typeof(RuleApi).Assembly.GetName().Version ?? new Version(Version, 0);

    /// <summary>Whether a plugin built against <paramref name="builtAgainst"/> (its reference to this assembly) can run on <paramref name="host"/>.</summary>
    public static bool IsCompatible(Version builtAgainst, Version host) =>
        builtAgainst.Major == host.Major && builtAgainst.Minor <= host.Minor;

    /// <summary>
    /// Whether <paramref name="id"/> may name a plugin rule: upper-case letters then digits (ACME001), not the
    /// built-in prefix. Upper case because suppression directives and configuration match ids case-insensitively
    /// by upper-casing them.
    /// </summary>
    public static bool IsValidPluginRuleId(string id, out string reason)
    {
        if (!PluginIdPattern().IsMatch(id))
        {
            reason = $"'{id}' is not a rule id: use 2-10 upper-case letters then 1-6 digits, e.g. ACME001";
            return false;
        }

        if (id.StartsWith(BuiltInIdPrefix, StringComparison.Ordinal))
        {
            reason = $"'{id}' uses the prefix {BuiltInIdPrefix}, which is reserved for SmoLsp's own rules: choose your own (e.g. ACME001)";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>Whether <paramref name="id"/> is in the built-in namespace (SMO...), which only SmoLsp's own rules use.</summary>
    public static bool IsBuiltInNamespace(string id) => id.StartsWith(BuiltInIdPrefix, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Z]{2,10}[0-9]{1,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex PluginIdPattern();
}
