using SmoLsp.Analysis.Rules;

namespace BrokenRules;

public sealed class BROKEN001Fine : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("BROKEN001", "Fine", "A title", RuleCategory.Titles, DiagnosticSeverity.Info);

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterElementAction((context, element) => context.Report(element.StartTagSpan), "title");
}

public sealed class BROKEN002ConstructorThrows : Rule
{
    public BROKEN002ConstructorThrows() => throw new InvalidOperationException("constructor says no");

    public override RuleDescriptor Descriptor => throw new NotSupportedException();

    public override void Initialize(RuleRegistration registration)
    {
    }
}

public sealed class BROKEN003InitializeThrows : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("BROKEN003", "Initialize throws", "never", RuleCategory.Titles, DiagnosticSeverity.Info);

    public override void Initialize(RuleRegistration registration) => throw new InvalidOperationException("initialize says no");
}

public sealed class BROKEN004ReservedPrefix : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("SMO777", "Pretends to be built in", "never", RuleCategory.Titles, DiagnosticSeverity.Info);

    public override void Initialize(RuleRegistration registration)
    {
    }
}

public sealed class BROKEN005NoParameterlessConstructor(string name) : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("BROKEN005", name, "never", RuleCategory.Titles, DiagnosticSeverity.Info);

    public override void Initialize(RuleRegistration registration)
    {
    }
}

public sealed class BROKEN006SameIdAsFine : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("BROKEN001", "Same id as another rule here", "never", RuleCategory.Titles, DiagnosticSeverity.Info);

    public override void Initialize(RuleRegistration registration)
    {
    }
}

/// <summary>Abstract: not a rule to create, not an error either.</summary>
public abstract class BrokenRuleBase : Rule
{
}
