using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// The time budget of plugin code: each rule's Initialize, and each rule on each document. Built-in rules take
/// microseconds per document, so a plugin rule that needs seconds is stuck, not slow; the margin covers first-call JIT
/// and a loaded CI machine.
/// </summary>
public sealed class PluginWatchdog(TimeSpan budget) : IRuleWatchdog
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    public static PluginWatchdog Default { get; } = new(DefaultBudget);

    public TimeSpan BudgetTime { get; } = budget;

    public string Budget => BudgetTime.TotalSeconds >= 1 ? $"{BudgetTime.TotalSeconds:0.#} s" : $"{BudgetTime.TotalMilliseconds:0} ms";

    public CancellationTokenSource StartBudget(RuleDescriptor rule) => new(BudgetTime);
}
