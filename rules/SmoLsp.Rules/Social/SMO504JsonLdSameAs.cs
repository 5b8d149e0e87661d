using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// schema.org sameAs: "URL of a reference Web page that unambiguously indicates the item's identity". Google's
/// Organization structured data reads it to connect a site with its profiles; entries must be absolute URLs.
/// </summary>
public sealed class SMO504JsonLdSameAs : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO504",
        "JSON-LD Organization or Person without usable sameAs",
        "{0}",
        RuleCategory.Social,
        DiagnosticSeverity.Info,
        FixAvailability.Suggestion);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var block in context.Head.JsonLd)
        {
            if (JsonLdScript.Read(context.Syntax, block) is not { Root: not null } script)
            {
                continue;
            }

            foreach (var entity in script.TopLevelEntities())
            {
                if (JsonLdScript.IsIdentity(entity, out var type))
                {
                    Check(context, entity, type!);
                }
            }
        }
    }, includeFragments: true);

    private static void Check(RuleContext context, JsonNode entity, JsonNode type)
    {
        var typeName = type.Kind == JsonKind.String ? type.String : string.Join(", ", type.Items.Select(i => i.String));
        var sameAs = entity.Property("sameAs");
        var entries = JsonLdScript.SameAs(entity);
        if (sameAs is null || entries.Count == 0 || entries.All(e => string.IsNullOrWhiteSpace(e.String)))
        {
            context.Report(
                type.Span,
                args: [$"The JSON-LD {typeName} has no sameAs: list the URLs of its social profiles so search engines can connect them with it"],
                fixes: SocialTags.Fixes(AddSameAsFix(context, entity, sameAs)));
            return;
        }

        foreach (var entry in entries)
        {
            var value = entry.String ?? string.Empty;
            if (WebUrl.Parse(value) is { IsHttp: true } && WebUrl.Classify(value) == UrlForm.Absolute)
            {
                continue;
            }

            // "twitter.com/acme" lacks only its scheme; anything else ("@acme", "/about") needs a person.
            CodeFix? fix = null;
            if (WebUrl.Classify(value) == UrlForm.PathRelative && value.Split('/')[0].Contains('.', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
            {
                fix = new CodeFix($"Make it https://{value}", FixSafety.Suggestion, [TextEdit.Insert(entry.Start + 1, "https://")]);
            }

            context.Report(
                entry.Span,
                args: [$"The sameAs entry '{value}' of the JSON-LD {typeName} is not an absolute URL: schema.org sameAs takes URLs such as https://x.com/acme"],
                fixes: SocialTags.Fixes(fix));
        }
    }

    /// <summary>Adds <c>"sameAs": [...]</c> with the configured profiles, after <c>@type</c> (or in place of an empty sameAs).</summary>
    private static CodeFix? AddSameAsFix(RuleContext context, JsonNode entity, JsonProperty? sameAs)
    {
        var profiles = context.Configuration.Profiles;
        if (profiles.Count == 0)
        {
            return null;
        }

        var language = context.Syntax.Language;
        var array = TemplateText.Markup("[" + string.Join(", ", profiles.Select(JsonString)) + "]", language);
        if (sameAs is not null)
        {
            return new CodeFix("Set sameAs to the configured profiles", FixSafety.Suggestion, [new TextEdit(sameAs.Value.Span, array)]);
        }

        var type = entity.Property("@type")!;
        var source = context.Source;
        var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(type.NameSpan.Start));
        var ownLine = source.Text.AsSpan(lineStart, type.NameSpan.Start - lineStart).IsWhiteSpace();
        var separator = ownLine ? source.Lines.NewLine + source.GetIndentation(type.NameSpan.Start) : " ";
        return new CodeFix("Add sameAs with the configured profiles", FixSafety.Suggestion, [TextEdit.Insert(type.Value.End, "," + separator + "\"sameAs\": " + array)]);
    }

    private static string JsonString(string value) =>
        "\"" + value.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("<", "\\u003C", StringComparison.Ordinal) + "\"";
}
