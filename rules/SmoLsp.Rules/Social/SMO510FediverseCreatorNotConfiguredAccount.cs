using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// When smolsp.json lists a Mastodon (fediverse) profile, the site has an account Mastodon can credit: with
/// <c>fediverse:creator</c> naming it, every link to the page shared on Mastodon shows the author's account under the
/// preview (Mastodon 4.3 author attribution). A tag naming the same user on another instance is usually a stale copy
/// (the account moved). Information: the credit is a feature to turn on, not a broken card.
/// </summary>
public sealed class SMO510FediverseCreatorNotConfiguredAccount : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO510",
        "fediverse:creator missing or not the configured Mastodon account",
        "{0}: Mastodon credits the author under a shared link only through fediverse:creator",
        RuleCategory.Social,
        DiagnosticSeverity.Info,
        FixAvailability.SafeOrSuggestion)
    {
        // Authors differ per page: on a composed page whose layout lets pages add head tags, the page is told.
        Responsibility = HeadResponsibility.Page,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var configured = FediverseAccount.Configured(context.Configuration);
        if (configured.Count == 0 || head.IsExtendedElsewhere)
        {
            return;
        }

        var metas = head.GetMetas("fediverse:creator");
        if (metas.Count > 0)
        {
            foreach (var meta in metas)
            {
                // The same user on another instance: the configured account moved, or this copy is stale.
                if (meta.Content is { IsStatic: true } value && FediverseAccount.Parse(value.NormalizedText) is { } named
                    && !configured.Any(named.Is) && configured.FirstOrDefault(c => c.User.Equals(named.User, StringComparison.OrdinalIgnoreCase)) is { } meant)
                {
                    var span = WebUrl.TrimmedSpan(context.Source, value.Span);
                    var fix = new CodeFix($"Write {meant.Handle}", FixSafety.Suggestion, [new TextEdit(span, TemplateText.Attribute(meant.Handle, context.Syntax.Language))]);
                    context.Report(span, args: [$"fediverse:creator names {named.Handle}, but smolsp.json lists {meant.Handle}; one of them is out of date"], fixes: [fix]);
                }
            }

            return;
        }

        if (SocialTags.Misspelling(context, "fediverse:creator") is { } typo)
        {
            context.Report(typo, args: ["The page has no fediverse:creator"]);
            return;
        }

        // The configured account is the user's own statement of who they are: safe when there is only one to choose.
        var safety = configured.Count == 1 ? FixSafety.Safe : FixSafety.Suggestion;
        var fixes = configured.Select(account => SocialTags.InsertMetaFix(head, $"Add fediverse:creator {account.Handle}", safety, "name", "fediverse:creator",
            TemplateText.Attribute(account.Handle, context.Syntax.Language))).ToArray();
        context.Report(HeadInsertion.DocumentAnchor(head), args: [$"The page has no fediverse:creator, though smolsp.json lists the Mastodon account {string.Join(" and ", configured.Select(a => a.Handle))}"],
            fixes: SocialTags.Fixes(fixes));
    });
}
