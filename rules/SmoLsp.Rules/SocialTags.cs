using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules;

/// <summary>Facts and fix builders shared by the social-tag rules.</summary>
internal static class SocialTags
{
    public static bool IsOpenGraphKey(string key) => key.StartsWith("og:", StringComparison.Ordinal);

    public static bool IsTwitterKey(string key) => key.StartsWith("twitter:", StringComparison.Ordinal);

    /// <summary>
    /// A fix that inserts <c>&lt;meta property|name="key" content="..."&gt;</c> into the head, or null when the
    /// document has no place for it. <paramref name="content"/> must already be attribute-escaped.
    /// </summary>
    public static CodeFix? InsertMetaFix(HeadModel head, string title, FixSafety safety, string keyAttribute, string key, string content)
    {
        var edit = HeadInsertion.InsertLine(head, HeadInsertion.Meta(head, keyAttribute, key, content));
        return edit is null ? null : new CodeFix(title, safety, [edit]);
    }

    public static IReadOnlyList<CodeFix> Fixes(params CodeFix?[] fixes) => fixes.Where(f => f is not null).Select(f => f!).ToArray();

    /// <summary>
    /// Where a "missing <paramref name="keys"/>" finding belongs when the page wrote the tag as a near miss
    /// (<c>og:titel</c>): that tag's key, since that is where the value went. Null when there is no such tag. The
    /// finding there carries no insert fix: SMO015/SMO109 rename the tag.
    /// </summary>
    public static TextSpan? Misspelling(RuleContext context, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (PropertyNames.MisspellingOf(context, key) is { } typo)
            {
                return typo.KeyAttribute.Span;
            }
        }

        return null;
    }

    /// <summary>The page's title value when it has one with text (static or dynamic).</summary>
    public static TemplateValue? UsableTitle(HeadModel head) =>
        head.Title is { Value: { IsEmpty: false } value } ? value : null;
}
