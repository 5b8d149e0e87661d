using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Engine;

/// <summary>Diagnostics the engine itself reports (SMO900–SMO999).</summary>
public static class EngineRules
{
    public static readonly RuleDescriptor RuleFailure = new(
        "SMO900",
        "A rule failed internally",
        "Rule {0} failed on this document and was skipped: {1}",
        RuleCategory.Engine,
        DiagnosticSeverity.Warning);

    public static readonly RuleDescriptor UnusedSuppression = new(
        "SMO901",
        "Unused suppression directive",
        "This suppression directive suppressed nothing{0}",
        RuleCategory.Engine,
        DiagnosticSeverity.Hint,
        FixAvailability.Suggestion);

    /// <summary>
    /// A <c>smolsp.json</c> the analyzer package cannot use (in <c>dotnet build</c> there is no exit code 2 to say so);
    /// <c>smolsp check</c> reports the same problems as configuration errors. Its files are checked with the defaults.
    /// </summary>
    public static readonly RuleDescriptor InvalidConfiguration = new(
        "SMO902",
        "Invalid SmoLsp configuration",
        "{0}",
        RuleCategory.Engine,
        DiagnosticSeverity.Error);

    public static IReadOnlyList<RuleDescriptor> All { get; } = [RuleFailure, UnusedSuppression, InvalidConfiguration];
}
