using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace UnrulyRules;

/// <summary>Reports every title: proof that a plugin's well-behaved rules run next to its unruly ones.</summary>
public sealed class UNRULY001EveryTitle : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("UNRULY001", "Every title", "A title", RuleCategory.Titles, DiagnosticSeverity.Warning) { HelpLinkUri = "https://unruly.example/UNRULY001" };

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterElementAction((context, element) => context.Report(element.StartTagSpan), "title");
}

/// <summary>Throws on documents that contain "throw-here".</summary>
public sealed class UNRULY002Throws : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("UNRULY002", "Throws", "never", RuleCategory.Titles, DiagnosticSeverity.Warning);

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        if (context.Source.Text.Contains("throw-here", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("unruly rule threw");
        }
    });
}

/// <summary>Never returns on documents that contain "hang-here" (a background thread, so the test process still exits).</summary>
public sealed class UNRULY003Hangs : Rule
{
    public override RuleDescriptor Descriptor { get; } = new("UNRULY003", "Hangs", "never", RuleCategory.Titles, DiagnosticSeverity.Warning);

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        if (context.Source.Text.Contains("hang-here", StringComparison.Ordinal))
        {
            context.Report(new TextSpan(0, 0));
            Thread.Sleep(Timeout.Infinite);
        }
    });
}
