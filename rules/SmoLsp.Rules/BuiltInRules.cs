using System.Reflection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules;

/// <summary>The rules SmoLsp ships: every concrete <see cref="Rule"/> in this assembly, ordered by id.</summary>
public static class BuiltInRules
{
    private static readonly Lazy<IReadOnlyList<Rule>> s_all = new(() =>
        typeof(BuiltInRules).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Rule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Rule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal)
            .ToArray());

    public static IReadOnlyList<Rule> All => s_all.Value;

    /// <summary>An engine with every built-in rule. Engines are thread-safe; share one.</summary>
    public static AnalysisEngine CreateEngine() => new(All);
}
