using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules;

/// <summary>
/// The rules SmoLsp ships: every concrete <see cref="Rule"/> in this assembly, ordered by id. The list is written at
/// compile time by SmoLsp.Rules.Generator (no reflection, so the Native AOT build keeps every rule): adding a rule
/// file is all it takes.
/// </summary>
public static partial class BuiltInRules
{
    private static readonly Lazy<IReadOnlyList<Rule>> s_all = new(() =>
        CreateRules().OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToArray());

    public static IReadOnlyList<Rule> All => s_all.Value;

    /// <summary>An engine with every built-in rule. Engines are thread-safe; share one.</summary>
    public static AnalysisEngine CreateEngine() => new(All);

    /// <summary>One instance of each rule class (generated).</summary>
    private static partial Rule[] CreateRules();
}
