using System.Text;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Rules.Urls;

/// <summary>
/// RFC 3986 allows neither spaces nor non-ASCII characters in a URL: they must be percent-encoded (UTF-8). Browsers
/// repair what a user types, but share crawlers and the apps that render cards differ: some cut the URL at the space,
/// some encode it, some reject the tag, and one page shared under two spellings is counted as two URLs. Non-ASCII
/// letters are usually encoded correctly by now, hence information; a space is a warning.
/// </summary>
public sealed class SMO308UnencodedShareUrl : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO308",
        "Unencoded space or non-ASCII character in a share URL",
        "{0} '{1}' has {2}, which URLs may not contain unencoded (RFC 3986): {3}",
        RuleCategory.Urls,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        foreach (var url in ShareUrls.All(context))
        {
            var start = PathStart(url.Known);
            var hasSpace = false;
            var hasNonAscii = false;
            for (var i = start; i < url.Known.Length; i++)
            {
                hasSpace |= char.IsWhiteSpace(url.Known[i]);
                hasNonAscii |= url.Known[i] > '\u007f';
            }

            if (!hasSpace && !hasNonAscii)
            {
                continue;
            }

            var (what, advice) = hasSpace
                ? (hasNonAscii ? "spaces and non-ASCII characters" : "a space", "crawlers repair or reject it, each their own way; write %20")
                : ("non-ASCII characters", "browsers encode them, not every crawler does; write them percent-encoded (UTF-8)");
            var fixes = url.IsComplete
                ? new[] { new CodeFix("Percent-encode the URL", FixSafety.Safe, [new TextEdit(url.Span, TemplateText.Attribute(Encode(url.Known, start), context.Syntax.Language))]) }
                : [];
            context.Report(url.Span, args: [url.Label, url.IsComplete ? url.Known : url.Known + "...", what, advice], fixes: fixes,
                severity: hasSpace ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info);
        }
    }, includeFragments: true);

    /// <summary>Where the path starts: after <c>scheme://host</c> (an internationalized host name is not this rule's business), else 0.</summary>
    private static int PathStart(string url)
    {
        var authority = url.IndexOf("//", StringComparison.Ordinal);
        if (authority < 0 || (authority > 0 && url[authority - 1] != ':'))
        {
            return 0;
        }

        var end = url.AsSpan(authority + 2).IndexOfAny("/?#");
        return end < 0 ? url.Length : authority + 2 + end;
    }

    /// <summary>Whitespace and non-ASCII characters from <paramref name="start"/> on as UTF-8 percent-escapes; everything else as written.</summary>
    private static string Encode(string url, int start)
    {
        var sb = new StringBuilder(url, 0, start, url.Length + 16);
        var bytes = new byte[4];
        for (var i = start; i < url.Length; i++)
        {
            var c = url[i];
            if (!char.IsWhiteSpace(c) && c <= '\u007f')
            {
                sb.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])
                ? Encoding.UTF8.GetBytes(url.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(url.AsSpan(i, 1), bytes);
            for (var b = 0; b < length; b++)
            {
                sb.Append('%').Append(bytes[b].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
