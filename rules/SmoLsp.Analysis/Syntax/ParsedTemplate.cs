using System.Text;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>
/// A template parsed once: its source, the Razor projection (C# masked), and the flat element list with exact
/// spans. Parsing never fails; malformed input yields what a browser would salvage.
/// </summary>
public sealed class ParsedTemplate
{
    private readonly List<HtmlElement> _elements = [];
    private readonly List<HtmlComment> _comments = [];

    private ParsedTemplate(SourceText source, TemplateLanguage language, RazorProjection projection)
    {
        Source = source;
        Language = language;
        Projection = projection;
    }

    public SourceText Source { get; }

    public TemplateLanguage Language { get; }

    public RazorProjection Projection { get; }

    private MarkupStyle? _style;

    /// <summary>How the document writes its markup (void-element endings, indentation): what a fix imitates. Computed on first use.</summary>
    public MarkupStyle Style => _style ??= MarkupStyle.Of(this);

    /// <summary>Every element in document order.</summary>
    public IReadOnlyList<HtmlElement> Elements => _elements;

    /// <summary>HTML comments and Razor comments, in document order.</summary>
    public IReadOnlyList<HtmlComment> Comments => _comments;

    public static ParsedTemplate Parse(string text, TemplateLanguage language) => Parse(new SourceText(text), language);

    public static ParsedTemplate Parse(SourceText source, TemplateLanguage language)
    {
        var projection = language.IsRazor() ? RazorProjection.Create(source.Text) : RazorProjection.Html(source.Text);
        var parsed = new ParsedTemplate(source, language, projection);
        new HtmlScanner(parsed, projection.ProjectedText, parsed._elements, parsed._comments).Scan();
        if (projection.Comments.Count > 0)
        {
            parsed._comments.AddRange(projection.Comments);
            parsed._comments.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }

        return parsed;
    }

    /// <summary>True when any C# region overlaps <paramref name="span"/>.</summary>
    public bool ContainsCode(TextSpan span) => !span.IsEmpty && FirstCodeEndingAfter(span.Start) is { } code && code.Start < span.End;

    /// <summary>The first code region that ends after <paramref name="offset"/> (found by binary search: the regions are sorted and disjoint), if any.</summary>
    public TextSpan? FirstCodeEndingAfter(int offset)
    {
        var code = Projection.CodeSpans;
        int lo = 0, hi = code.Count - 1, found = code.Count;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (code[mid].End > offset)
            {
                found = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return found < code.Count ? code[found] : null;
    }

    /// <summary>The first code region that starts inside <paramref name="span"/>, if any.</summary>
    internal TextSpan? FirstCodeSpanIn(TextSpan span)
    {
        var code = Projection.CodeSpans;
        if (code.Count == 0 || span.IsEmpty)
        {
            return null;
        }

        int lo = 0, hi = code.Count - 1, found = code.Count;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (code[mid].Start >= span.Start)
            {
                found = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return found < code.Count && code[found].Start < span.End ? code[found] : null;
    }

    /// <summary>True when the two elements sit in different branches of one if/else chain (alternatives, not duplicates).</summary>
    public bool AreMutuallyExclusive(HtmlElement a, HtmlElement b)
    {
        var holdingA = BranchesHolding(a.StartTagSpan.Start);
        if (holdingA.Length == 0)
        {
            return false;
        }

        foreach (var rb in BranchesHolding(b.StartTagSpan.Start))
        {
            foreach (var ra in holdingA)
            {
                if (ra.Group == rb.Group && ra.Index != rb.Index)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Branches nested deeper than this around one element are not looked at: no real template nests 64 conditionals,
    /// and a page of 20,000 nested ifs cost each comparison 20,000 x 20,000 turns. Past it an answer is "not exclusive",
    /// which at worst reports a duplicate that is an alternative.
    /// </summary>
    private const int MaxBranchesHolding = 64;

    private System.Collections.Concurrent.ConcurrentDictionary<int, BranchRegion[]>? _holding;

    /// <summary>The branches whose body holds <paramref name="offset"/>: one pass over the branches per element asked about, then remembered (rules ask about the same few elements many times).</summary>
    private BranchRegion[] BranchesHolding(int offset)
    {
        if (Projection.Branches.Count == 0)
        {
            return [];
        }

        // A parse tree may be shared by the workers that compose pages with the same layout.
        return LazyInitializer.EnsureInitialized(ref _holding).GetOrAdd(offset, at =>
        {
            var found = new List<BranchRegion>();
            foreach (var r in Projection.Branches)
            {
                if (r.Body.Contains(at))
                {
                    found.Add(r);
                    if (found.Count == MaxBranchesHolding)
                    {
                        break;
                    }
                }
            }

            return [.. found];
        });
    }

    internal TemplateValue GetTextValue(TextSpan span, bool stripTags)
    {
        var raw = Source.Text.Substring(span.Start, span.Length);
        var isRazor = Language.IsRazor();
        if (ContainsCode(span))
        {
            return new TemplateValue(ValueKind.Dynamic, span, raw, raw) { IsRazor = isRazor };
        }

        var projected = Projection.ProjectedText.AsSpan(span.Start, span.Length);
        // Nothing masked in the span (the usual case): the raw text is the text, one string for both.
        var text = stripTags && projected.IndexOf('<') >= 0 ? StripTags(projected) : projected.SequenceEqual(raw.AsSpan()) ? raw : projected.ToString();
        if (isRazor && text.Contains("@@", StringComparison.Ordinal))
        {
            text = text.Replace("@@", "@", StringComparison.Ordinal);
        }

        text = TextNormalizer.DecodeEntities(text);
        var kind = string.IsNullOrWhiteSpace(text) ? ValueKind.Empty : ValueKind.Static;
        return new TemplateValue(kind, span, raw, text) { IsRazor = isRazor };
    }

    private static string StripTags(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var lt = text[i..].IndexOf('<');
            if (lt < 0)
            {
                sb.Append(text[i..]);
                break;
            }

            sb.Append(text.Slice(i, lt));
            var at = i + lt;
            if (at + 1 < text.Length && (char.IsAsciiLetter(text[at + 1]) || text[at + 1] is '/' or '!'))
            {
                var gt = text[at..].IndexOf('>');
                i = gt < 0 ? text.Length : at + gt + 1;
                sb.Append(' ');
            }
            else
            {
                sb.Append('<');
                i = at + 1;
            }
        }

        return sb.ToString();
    }
}
