using SmoLsp.Analysis.Rules;

namespace AcmeRules;

/// <summary>
/// Acme's house style: every title ends with the brand, "Page | Acme", so tabs, search results and share cards
/// all say whose page it is.
/// </summary>
public sealed class ACME002TitleEndsWithBrand : Rule
{
    public const string Brand = "Acme";

    public const string Suffix = " | " + Brand;

    public static readonly RuleDescriptor Rule = new(
        "ACME002",
        "Title does not end with the brand",
        "The title \"{0}\" does not end with \"" + Brand + "\": Acme titles read \"Page" + Suffix + "\"",
        RuleCategory.Titles,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe)
    {
        HelpLinkUri = AcmeDocs.For("ACME002"),
    };

    public override RuleDescriptor Descriptor => Rule;

    // includeFragments: a Blazor page's <PageTitle> sits in a component with no head of its own (a fragment), and it
    // is still the title of the page it renders.
    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var title in context.Head.Titles)
        {
            var value = title.Value;

            // Empty titles are SMO202's business; a Razor expression's text is unknown, so it is never judged.
            if (!value.IsStatic || value.NormalizedText.EndsWith(Brand, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Append right after the last visible character, so "<title>Anvils  </title>" becomes
            // "<title>Anvils | Acme  </title>". Safe: it needs no human input, and once applied the title ends
            // with the brand, so applying fixes again changes nothing.
            var end = value.Span.Start + value.RawText.TrimEnd().Length;
            var fix = new CodeFix("Append \"" + Suffix + "\" to the title", FixSafety.Safe, [TextEdit.Insert(end, Suffix)]);
            context.Report(title.Element.Span, args: [value.NormalizedText], fixes: [fix]);
        }
    }, includeFragments: true);
}
