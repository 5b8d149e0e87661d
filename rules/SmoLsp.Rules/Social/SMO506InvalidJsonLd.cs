using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Social;

/// <summary>
/// A JSON-LD block that does not parse is dropped whole by search engines (Google's structured-data guidelines:
/// invalid markup is not eligible), taking the page's sameAs, Organization and Article facts with it.
/// </summary>
public sealed class SMO506InvalidJsonLd : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO506",
        "JSON-LD block is not valid JSON",
        "This JSON-LD block is not valid JSON ({0}): search engines ignore the whole block",
        RuleCategory.Social,
        DiagnosticSeverity.Error);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var block in context.Head.JsonLd)
        {
            if (JsonLdScript.Read(context.Syntax, block) is not { Error: { } error })
            {
                continue;
            }

            context.Report(SpanAt(context.Source, block, error), args: [error.Message]);
        }
    }, includeFragments: true);

    /// <summary>The token the reader stopped at; the start tag for an empty block, the end tag when the JSON just stops.</summary>
    private static TextSpan SpanAt(SourceText source, Analysis.Model.JsonLdBlock block, JsonLdError error)
    {
        var content = block.ContentSpan;
        if (source.Slice(content).IsWhiteSpace())
        {
            return block.Element.StartTagSpan;
        }

        var start = error.Offset;
        if (start >= content.End)
        {
            return block.Element.EndTagSpan ?? new TextSpan(content.End, 0);
        }

        var end = start;
        while (end < content.End && !char.IsWhiteSpace(source.Text[end]) && source.Text[end] is not (',' or ':' or '{' or '}' or '[' or ']') && end - start < 40)
        {
            end++;
        }

        return TextSpan.FromBounds(start, Math.Max(end, start + 1));
    }
}
