using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Social;

/// <summary>
/// X's Tweet Web Intent takes "a fully-qualified URL ... URL-encoded" in url=; Facebook's sharer takes u=,
/// LinkedIn's share-offsite and Reddit's submit url=. A share link without it, with the URL unencoded (its '&amp;',
/// '?' and '#' split the intent's own query) or with another page's URL shares the wrong thing.
/// </summary>
public sealed class SMO508MalformedShareLink : Rule
{
    public static readonly RuleDescriptor Rule = new(
        "SMO508",
        "Malformed share link",
        "{0}",
        RuleCategory.Social,
        DiagnosticSeverity.Warning,
        FixAvailability.Safe);

    private enum Problem
    {
        None,
        Missing,
        Unencoded,
        Differs,
    }

    public override RuleDescriptor Descriptor => Rule;

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var head = context.Head;
        var links = new List<(AnchorLink Anchor, ShareIntent Intent, LinkTarget Target)>();
        foreach (var anchor in head.Anchors)
        {
            if (anchor.Href.IsStatic && WebUrl.Parse(anchor.Href.Text) is { } target && ShareIntents.Classify(target) is { IsValidated: true } intent)
            {
                links.Add((anchor, intent, target));
            }
        }

        if (links.Count == 0)
        {
            return;
        }

        var page = WebUrl.PageUrl(head, out var pageUrl);

        // A listing page shares each item's URL: compare with the page's URL only when every link shares one URL.
        var shared = links.Select(l => SharedUrl(l.Target, l.Intent)).OfType<LinkTarget>().Select(WebUrl.ComparisonKey).Distinct().Count();
        var judgeDiffers = page is not null && shared <= 1;
        foreach (var (anchor, intent, target) in links)
        {
            var parameter = intent.UrlParameter ?? intent.TextParameter!;
            var problem = Diagnose(target, intent, judgeDiffers ? page : null, out var sharedText);
            if (problem == Problem.None)
            {
                continue;
            }

            var message = problem switch
            {
                Problem.Missing => $"This {intent.Platform} share link has no page URL ({parameter}=): the share dialog opens without the page",
                Problem.Unencoded => $"The {parameter}= parameter of this {intent.Platform} share link is not URL-encoded: '&', '?' and '#' in the page URL break the link; encode it (https%3A%2F%2F...)",
                _ => $"This {intent.Platform} share link shares {sharedText}, not this page ({pageUrl})",
            };
            var span = WebUrl.TrimmedSpan(context.Source, anchor.Href.Span);
            var fixes = Array.Empty<CodeFix>();
            if (pageUrl is not null)
            {
                var rebuilt = Rebuild(anchor.Href.Text.Trim(), intent, pageUrl, dropStrays: problem == Problem.Unencoded);
                var written = Escape(rebuilt, context.Source.Slice(span), context);
                fixes = [new CodeFix($"Share {pageUrl}", FixSafety.Safe, [new TextEdit(span, written)])];
            }

            context.Report(span, args: [message], fixes: fixes);
        }
    }, includeFragments: true);

    private static Problem Diagnose(LinkTarget target, ShareIntent intent, LinkTarget? page, out string? shared)
    {
        shared = null;
        var parameters = Parameters(target.Query);
        if (intent.UrlParameter is { } urlName)
        {
            var value = parameters.FirstOrDefault(p => p.Name == urlName).Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                // X also accepts the URL inside text=.
                var text = intent.TextParameter is { } t ? Decode(parameters.FirstOrDefault(p => p.Name == t).Value) : null;
                return text is not null && ContainsHttpUrl(text) ? Problem.None : Problem.Missing;
            }

            if (value.Contains("://", StringComparison.Ordinal))
            {
                return Problem.Unencoded;
            }

            shared = Decode(value).Trim();
            return page is not null && WebUrl.Parse(shared) is { IsHttp: true } sharedUrl && WebUrl.ComparisonKey(sharedUrl) != WebUrl.ComparisonKey(page)
                ? Problem.Differs
                : Problem.None;
        }

        // WhatsApp: the page URL goes inside text=.
        var raw = parameters.FirstOrDefault(p => p.Name == intent.TextParameter).Value ?? string.Empty;
        return !ContainsHttpUrl(Decode(raw)) ? Problem.Missing : raw.Contains("://", StringComparison.Ordinal) ? Problem.Unencoded : Problem.None;
    }

    private static LinkTarget? SharedUrl(LinkTarget target, ShareIntent intent) =>
        intent.UrlParameter is { } name && Parameters(target.Query).FirstOrDefault(p => p.Name == name).Value is { } value
            ? WebUrl.Parse(Decode(value))
            : null;

    /// <summary>
    /// The href with the page URL parameter set to the encoded page URL, other parameters kept in order. For an
    /// unencoded URL, parameters the network does not know are the URL's own pieces (<c>&amp;ref=2</c>) and are dropped.
    /// </summary>
    private static string Rebuild(string href, ShareIntent intent, string pageUrl, bool dropStrays)
    {
        var main = href;
        string? fragment = null;
        var hash = main.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = dropStrays ? null : main[(hash + 1)..];
            main = main[..hash];
        }

        var question = main.IndexOf('?', StringComparison.Ordinal);
        var basePart = question < 0 ? main : main[..question];
        var parameters = question < 0 ? [] : Parameters(main[(question + 1)..]);
        var encoded = Uri.EscapeDataString(pageUrl);
        var output = new List<string>();
        var written = false;
        foreach (var (name, value) in parameters)
        {
            if (name == intent.UrlParameter)
            {
                if (!written)
                {
                    output.Add(name + "=" + encoded);
                    written = true;
                }
            }
            else if (intent.UrlParameter is null && name == intent.TextParameter)
            {
                // WhatsApp: keep the words, replace any URL with the page's.
                var words = Decode(value).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !IsHttpUrl(w));
                output.Add(name + "=" + Uri.EscapeDataString(string.Join(' ', words.Append(pageUrl))));
                written = true;
            }
            else if (!dropStrays || intent.KnownParameters.Contains(name, StringComparer.Ordinal))
            {
                output.Add(value is null ? name : name + "=" + value);
            }
        }

        if (!written)
        {
            output.Add((intent.UrlParameter ?? intent.TextParameter) + "=" + encoded);
        }

        return basePart + "?" + string.Join('&', output) + (fragment is null ? string.Empty : "#" + fragment);
    }

    /// <summary>Attribute text in the link's own style: '&amp;' written as the original wrote it, '@' doubled in Razor.</summary>
    private static string Escape(string href, ReadOnlySpan<char> original, RuleContext context)
    {
        var bareAmpersands = original.Contains('&') && !original.Contains("&amp;", StringComparison.Ordinal);
        var escaped = bareAmpersands ? href : href.Replace("&", "&amp;", StringComparison.Ordinal);
        escaped = escaped.Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        return TemplateText.Markup(escaped, context.Syntax.Language);
    }

    private static List<(string Name, string? Value)> Parameters(string? query)
    {
        var list = new List<(string, string?)>();
        if (string.IsNullOrEmpty(query))
        {
            return list;
        }

        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            list.Add(eq < 0 ? (part, null) : (part[..eq], part[(eq + 1)..]));
        }

        return list;
    }

    private static string Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static bool IsHttpUrl(string word) =>
        word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static bool ContainsHttpUrl(string text) =>
        text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase);
}
