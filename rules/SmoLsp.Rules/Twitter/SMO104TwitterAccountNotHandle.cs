using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Twitter;

/// <summary>X Cards markup reference: twitter:site and twitter:creator hold the account's @username.</summary>
public sealed class SMO104TwitterAccountNotHandle : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO104",
        "twitter:site or twitter:creator is not an @handle",
        "{0} is \"{1}\", not an @username: X ignores it and attributes the card to no account. Write {2}",
        RuleCategory.Twitter,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    private static readonly string[] s_keys = ["twitter:site", "twitter:creator"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var language = context.Syntax.Language;
        foreach (var key in s_keys)
        {
            foreach (var meta in context.Head.GetMetas(key))
            {
                if (meta is not { ContentAttribute: { ValueSpan: { } valueSpan } content } || !content.Value.IsStatic)
                {
                    continue;
                }

                var value = content.Value.NormalizedText;
                if (XCards.IsHandle(value))
                {
                    continue;
                }

                var handle = XCards.HandleFrom(value);
                var fixes = handle is null
                    ? []
                    : new[] { new CodeFix($"Use {handle}", FixSafety.Safe, [new TextEdit(valueSpan, TemplateText.Attribute(language, handle))]) };
                context.Report(content.Span, args: [key, value, handle ?? "the account's @username (e.g. @acme)"], fixes: fixes);
            }
        }
    }, includeFragments: true);
}
