using System.Collections.Frozen;

namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// Lower-cased tag and attribute names without allocating for the common ones: a span lookup into a frozen
/// table returns the shared string; only unusual names allocate.
/// </summary>
internal static class NameTable
{
    private static readonly FrozenSet<string> s_known = new[]
    {
        "html", "head", "body", "title", "meta", "link", "script", "style", "base", "a", "div", "span", "p", "img", "ul", "li", "ol",
        "nav", "header", "footer", "main", "section", "article", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "button", "form",
        "input", "label", "select", "option", "textarea", "table", "tr", "td", "th", "thead", "tbody", "i", "b", "em", "strong",
        "small", "br", "hr", "svg", "path", "code", "pre", "template", "noscript", "iframe", "picture", "source", "figure",
        "pagetitle", "headcontent", "headoutlet", "text", "partial", "environment",
        "property", "name", "content", "rel", "href", "src", "class", "id", "type", "charset", "http-equiv", "lang", "alt",
        "width", "height", "style", "target", "role", "aria-label", "aria-hidden", "data-toggle", "data-bs-toggle", "onclick",
        "integrity", "crossorigin", "itemprop", "sizes", "media", "for", "value", "placeholder", "action", "method", "tabindex",
        "title", "fill", "d", "viewbox", "xmlns", "stroke", "stroke-width", "asp-action", "asp-controller", "asp-page", "asp-for",
        "asp-append-version", "asp-area", "asp-route-id", "prefix", "dir", "xmlns:og", "data-bs-target", "aria-expanded",
        "aria-controls", "aria-labelledby", "disabled", "checked", "selected", "colspan", "rowspan", "scope", "loading", "defer", "async",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

#if NET
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_lookup = s_known.GetAlternateLookup<ReadOnlySpan<char>>();
#endif

    public static string ToLowerName(ReadOnlySpan<char> name)
    {
#if NET
        if (s_lookup.TryGetValue(name, out var known))
#else
        // netstandard2.0 (the analyzer in the compiler) has no span lookup: one string per name.
        if (s_known.TryGetValue(name.ToString(), out var known))
#endif
        {
            // The set stores lower-case names; a name written in upper case still maps to them.
            return known;
        }

        return Lower(name);
    }

    public static string Lower(ReadOnlySpan<char> name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        name.ToLowerInvariant(buffer);
        return buffer.ToString();
    }
}

/// <summary>Per-document cache of names outside <see cref="NameTable"/>: each distinct name allocates once.</summary>
internal sealed class LocalNameCache
{
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
#if NET
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LocalNameCache()
    {
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string ToLowerName(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var lower = NameTable.ToLowerName(name);
        _lookup[name] = lower;
        return lower;
    }
#else
    public string ToLowerName(ReadOnlySpan<char> name)
    {
        var key = name.ToString();
        if (_names.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var lower = NameTable.ToLowerName(name);
        _names[key] = lower;
        return lower;
    }
#endif
}
