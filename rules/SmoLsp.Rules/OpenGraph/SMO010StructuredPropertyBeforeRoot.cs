using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.OpenGraph;

/// <summary>
/// ogp.me: "Put structured properties after you declare their root tag" — og:image:width and friends describe the
/// og:image above them, so one written before any og:image describes nothing. The same holds for og:video and
/// og:audio, whose structured properties ogp.me defines the same way.
/// </summary>
public sealed class SMO010StructuredPropertyBeforeRoot : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO010",
        "Structured property before its root tag",
        "{0} comes before any {1}: ogp.me attaches structured properties to the {1} above them, so this one describes no {2}; move it after its {1}",
        RuleCategory.OpenGraph,
        DiagnosticSeverity.Warning);

    private static readonly string[] s_roots = ["og:image", "og:video", "og:audio"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        foreach (var meta in head.Metas)
        {
            if (RootOf(meta.Key) is not { } root)
            {
                continue;
            }

            var roots = head.GetMetas(root);
            if (HasRootBefore(context, roots, meta))
            {
                continue;
            }

            // A partial's structured properties may follow an og:image the layout writes before it; in a fragment
            // only a root later in the same file proves the order wrong.
            if (head.IsFragment && !roots.Any(r => r.Element.Index > meta.Element.Index))
            {
                continue;
            }

            context.Report(meta.Element.StartTagSpan, [meta.Key, root, root["og:".Length..]]);
        }
    }, includeFragments: true);

    /// <summary>The root of a structured property key (<c>og:image:width</c> -> <c>og:image</c>), or null.</summary>
    private static string? RootOf(string key)
    {
        foreach (var root in s_roots)
        {
            if (key.Length > root.Length + 1 && key.StartsWith(root, StringComparison.Ordinal) && key[root.Length] == ':')
            {
                return root;
            }
        }

        return null;
    }

    private static bool HasRootBefore(RuleContext context, IReadOnlyList<MetaTag> roots, MetaTag property)
    {
        foreach (var root in roots)
        {
            if (root.Element.Index >= property.Element.Index)
            {
                break;
            }

            // A root in another branch of the same @if/else never renders together with this property.
            if (!context.Syntax.AreMutuallyExclusive(root.Element, property.Element))
            {
                return true;
            }
        }

        return false;
    }
}
