using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Tests.Meta;

/// <summary>
/// The built-in rule list is written at compile time (SmoLsp.Rules.Generator), so the native build needs no reflection.
/// Reflection is still the definition of "every rule in the assembly": the two must agree, or a rule file was added that
/// the generator does not see.
/// </summary>
public sealed class RuleListTests
{
    [Fact]
    public void The_generated_list_holds_every_rule_class_reflection_finds()
    {
        var byReflection = typeof(BuiltInRules).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Rule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToArray();

        var generated = BuiltInRules.All.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal).ToArray();

        byReflection.Length.ShouldBeGreaterThan(50);
        generated.ShouldBe(byReflection);
    }

    [Fact]
    public void Each_rule_class_is_created_once_and_listed_by_id()
    {
        BuiltInRules.All.Select(r => r.GetType()).Distinct().Count().ShouldBe(BuiltInRules.All.Count);
        BuiltInRules.All.Select(r => r.Descriptor.Id).ShouldBe(BuiltInRules.All.Select(r => r.Descriptor.Id).Order(StringComparer.Ordinal));
    }
}
