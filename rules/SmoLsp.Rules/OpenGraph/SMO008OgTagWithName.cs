using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// Open Graph is RDFa: ogp.me writes every tag with <c>property=</c>, and Facebook ignores OG tags given with
/// <c>name=</c>. The same holds for the ogp.me object namespaces (article:, book:, profile:, music:, video:).
/// </summary>
public sealed class SMO008OgTagWithName : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO008",
        "Open Graph tag written with name=",
        "{0} is written with name=, which Facebook ignores: Open Graph tags need property=\"{0}\"",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    private static readonly string[] s_prefixes = ["og:", "article:", "book:", "profile:", "music:", "video:"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var meta in context.Head.Metas)
        {
            // A property attribute the model could not read (Razor code) is the author's choice: leave the tag alone.
            if (meta.KeyKind != MetaKeyKind.Name || meta.Element.GetAttribute("property") is not null || !IsOpenGraphProperty(meta.Key))
            {
                continue;
            }

            var fix = new CodeFix("Write property= instead of name=", FixSafety.Safe, [new TextEdit(meta.KeyAttribute.NameSpan, "property")]);
            context.Report(meta.KeyAttribute.Span, [meta.Key], [fix]);
        }
    }, includeFragments: true);

    private static bool IsOpenGraphProperty(string key)
    {
        foreach (var prefix in s_prefixes)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
