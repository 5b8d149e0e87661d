using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// A protocol-relative URL (<c>//cdn.example.com/card.png</c>) borrows the scheme of the page that embeds it; a
/// crawler reading the tag has no such page, and html-proofer flags these URLs for the same reason.
/// </summary>
public sealed class SMO302ProtocolRelativeSocialUrl : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO302",
        "Protocol-relative URL in a social tag",
        "{0} is protocol-relative ('{1}'): crawlers have no page scheme to borrow; write https:{1}",
        RuleCategory.Urls,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    private static readonly string[] s_socialPrefixes = ["og:", "twitter:", "article:", "book:", "profile:", "music:", "video:"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.Metas)
        {
            if (meta.Content is not { } value || !IsSocialKey(meta.Key))
            {
                continue;
            }

            // The literal start decides: "//cdn.acme.test/@Model.Image" is protocol-relative whatever the code renders.
            var known = WebUrl.KnownText(context.Syntax, value, out var complete);
            if (known is null || !known.StartsWith("//", StringComparison.Ordinal) || (known.Length > 2 && known[2] == '/'))
            {
                continue;
            }

            var span = WebUrl.TrimmedSpan(context.Source, value.Span);
            if (!context.Source.Slice(span).StartsWith("//"))
            {
                continue; // written with entities: no reliable place to insert
            }

            var fix = new CodeFix("Use https:", FixSafety.Safe, [TextEdit.Insert(span.Start, "https:")]);
            context.Report(span, args: [meta.Key, complete ? known : known + "..."], fixes: [fix]);
        }
    }, includeFragments: true);

    private static bool IsSocialKey(string key)
    {
        foreach (var prefix in s_socialPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
