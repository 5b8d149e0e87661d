using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Rules.Urls;

/// <summary>How a URL is written, which decides how a crawler resolves it.</summary>
internal enum UrlForm
{
    Empty,

    /// <summary><c>https://...</c>, <c>mailto:...</c>, <c>data:...</c>: any scheme.</summary>
    Absolute,

    /// <summary><c>//cdn.example.com/x.png</c>: takes the scheme of the page that embeds it.</summary>
    ProtocolRelative,

    /// <summary><c>/img/x.png</c>: relative to the host.</summary>
    RootRelative,

    /// <summary><c>~/img/x.png</c>: ASP.NET's application root, which only tag helpers resolve (never <c>content=</c>).</summary>
    AppRelative,

    /// <summary><c>img/x.png</c>, <c>../x.png</c>: relative to the page's own URL.</summary>
    PathRelative,
}

/// <summary>
/// A URL split the way the rules need it, without <see cref="Uri"/>'s normalisation (which would change what we
/// write back). Works on a whole static value or on the static prefix of a Razor value (<c>https://x.com/@Model.Handle</c>).
/// </summary>
internal sealed record LinkTarget(string Scheme, string Host, string Path, string? Query, string? Fragment, bool IsComplete)
{
    public bool IsHttp => Scheme is "http" or "https";

    /// <summary>Host in lower case without <c>www.</c>, <c>m.</c> or <c>mobile.</c>: the site, not the front end.</summary>
    public string SiteHost => WebUrl.StripHostPrefixes(Host);
}

internal static class WebUrl
{
    /// <summary>Classifies a URL as written (leading and trailing whitespace ignored).</summary>
    public static UrlForm Classify(string text)
    {
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return UrlForm.Empty;
        }

        if (s.StartsWith("//") || s.StartsWith(@"\\"))
        {
            return UrlForm.ProtocolRelative;
        }

        if (s[0] == '~' && (s.Length == 1 || s[1] is '/' or '\\'))
        {
            return UrlForm.AppRelative;
        }

        if (s[0] is '/' or '\\')
        {
            return UrlForm.RootRelative;
        }

        return SchemeLength(s) > 0 ? UrlForm.Absolute : UrlForm.PathRelative;
    }

    /// <summary>The length of a leading RFC 3986 scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</c>) before ':', or 0.</summary>
    public static int SchemeLength(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !char.IsAsciiLetter(s[0]))
        {
            return 0;
        }

        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// The text of a value that is known for certain: all of a static value, or the static part before the first
    /// Razor code of a dynamic one (decoded: entities and <c>@@</c>). Null for an empty value.
    /// </summary>
    public static string? KnownText(ParsedTemplate syntax, TemplateValue value, out bool complete)
    {
        complete = value.IsStatic;
        if (value.IsStatic)
        {
            return value.Text.Trim();
        }

        if (!value.IsDynamic)
        {
            return null;
        }

        var codeStart = FirstCodeStart(syntax, value);
        var raw = syntax.Source.Text.AsSpan(value.Span.Start, codeStart - value.Span.Start).TrimStart().ToString();
        if (syntax.Language.IsRazor())
        {
            raw = raw.Replace("@@", "@", StringComparison.Ordinal);
        }

        return TextNormalizer.DecodeEntities(raw);
    }

    /// <summary>Where the first Razor code inside a dynamic value starts (its end when the value has none).</summary>
    public static int FirstCodeStart(ParsedTemplate syntax, TemplateValue value) =>
        syntax.FirstCodeEndingAfter(value.Span.Start) is { } code ? Math.Clamp(code.Start, value.Span.Start, value.Span.End) : value.Span.End;

    /// <summary>
    /// Parses an absolute or protocol-relative URL (or the known prefix of one). Returns null when the text has no
    /// host, or when it is a prefix that stops before the host is complete.
    /// </summary>
    public static LinkTarget? Parse(string? text, bool complete = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Trim();
        var schemeLength = SchemeLength(s);
        string scheme;
        int rest;
        if (schemeLength > 0)
        {
            scheme = s[..schemeLength].ToLowerInvariant();
            rest = schemeLength + 1;
            if (!s.AsSpan(rest).StartsWith("//"))
            {
                // mailto:, tel:, data: — no authority.
                return new LinkTarget(scheme, string.Empty, s[rest..], null, null, complete);
            }

            rest += 2;
        }
        else if (s.StartsWith("//", StringComparison.Ordinal))
        {
            scheme = string.Empty;
            rest = 2;
        }
        else
        {
            return null;
        }

        var hostEnd = s.AsSpan(rest).IndexOfAny("/?#\\");
        if (hostEnd < 0 && !complete)
        {
            return null; // "https://acme.te" + code: the host is not known yet
        }

        var authority = hostEnd < 0 ? s[rest..] : s.Substring(rest, hostEnd);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        // Default ports name the same site; any other port stays part of the host.
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && !authority.EndsWith(']') && authority[(colon + 1)..] is "" or "80" or "443")
        {
            authority = authority[..colon];
        }

        if (authority.Length == 0)
        {
            return null;
        }

        var tail = hostEnd < 0 ? string.Empty : s[(rest + hostEnd)..];
        string? fragment = null;
        var hash = tail.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = tail[(hash + 1)..];
            tail = tail[..hash];
        }

        string? query = null;
        var question = tail.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = tail[(question + 1)..];
            tail = tail[..question];
        }

        return new LinkTarget(scheme, authority.ToLowerInvariant(), tail, query, fragment, complete);
    }

    public static string StripHostPrefixes(string host)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["www.", "m.", "mobile."])
        {
            if (host.StartsWith(prefix, StringComparison.Ordinal) && host.Length > prefix.Length + 3)
            {
                return host[prefix.Length..];
            }
        }

        return host;
    }

    /// <summary>True when <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains.</summary>
    public static bool IsHostOrSubdomain(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[host.Length - domain.Length - 1] == '.');

    /// <summary>
    /// The key two page URLs are compared by: scheme ignored (http and https name the same page for sharing), host in
    /// lower case, default ports and the trailing slash dropped, the fragment ignored; path and query kept as written.
    /// </summary>
    public static string ComparisonKey(LinkTarget url)
    {
        var path = url.Path.TrimEnd('/');
        return url.Host + path + (string.IsNullOrEmpty(url.Query) ? string.Empty : "?" + url.Query);
    }

    /// <summary>The page's own absolute URL as the page states it: a static og:url, else a static canonical href.</summary>
    public static LinkTarget? PageUrl(HeadModel head, out string? text)
    {
        foreach (var candidate in PageUrlCandidates(head))
        {
            if (Parse(candidate) is { IsHttp: true } url)
            {
                text = candidate.Trim();
                return url;
            }
        }

        text = null;
        return null;
    }

    private static IEnumerable<string> PageUrlCandidates(HeadModel head)
    {
        if (head.GetMetaContent("og:url") is { IsStatic: true } ogUrl)
        {
            yield return ogUrl.Text;
        }

        foreach (var canonical in head.Canonicals)
        {
            if (canonical.Href is { IsStatic: true } href)
            {
                yield return href.Text;
            }
        }
    }

    /// <summary><c>https://acme.test</c> of <c>https://acme.test/blog/</c>.</summary>
    public static string Origin(string absoluteUrl)
    {
        var s = absoluteUrl.Trim();
        var afterScheme = s.IndexOf("://", StringComparison.Ordinal);
        if (afterScheme < 0)
        {
            return s.TrimEnd('/');
        }

        var pathStart = s.AsSpan(afterScheme + 3).IndexOfAny("/?#");
        return pathStart < 0 ? s : s[..(afterScheme + 3 + pathStart)];
    }

    /// <summary>Resolves a path-relative reference (<c>img/x.png</c>, <c>../x.png</c>) against an absolute base URL.</summary>
    public static string? ResolvePathRelative(string baseUrl, string relative) =>
        Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var b) && Uri.TryCreate(b, relative.Trim(), out var resolved)
            ? resolved.AbsoluteUri
            : null;

    /// <summary>The value without the whitespace around it: what the diagnostic underlines and the fix replaces.</summary>
    public static TextSpan TrimmedSpan(SourceText source, TextSpan span)
    {
        var start = span.Start;
        var end = span.End;
        while (start < end && char.IsWhiteSpace(source.Text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(source.Text[end - 1]))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }
}
