using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Tests.Engine;

/// <summary>Small rules for engine tests; the built-in rules live in another assembly and are tested there.</summary>
internal sealed class ReportEveryMetaRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO990", "Every meta", "meta {0}", RuleCategory.Engine, DiagnosticSeverity.Warning);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterElementAction((context, e) => context.Report(e.StartTagSpan, args: [e.GetAttributeValue("name")?.Text]), "meta");
}

internal sealed class ThrowingRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO991", "Throws", "never", RuleCategory.Engine, DiagnosticSeverity.Error);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        context.Report(new SmoLsp.Analysis.Text.TextSpan(0, 1));
        throw new InvalidOperationException("boom");
    }, includeFragments: true);
}

internal sealed class HeadRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO992", "Head", "document", RuleCategory.Engine, DiagnosticSeverity.Info,
        Thresholds: [new RuleThreshold("limit", 5, "test")]);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterDocumentAction(context => context.Report(HeadInsertion.DocumentAnchor(context.Head), args: [context.GetThreshold("limit")]));
}
