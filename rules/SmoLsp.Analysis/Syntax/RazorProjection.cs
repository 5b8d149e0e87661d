using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>One branch of an <c>if / else if / else</c> chain: elements in different branches of one group are alternatives.</summary>
public sealed record BranchRegion(int Group, int Index, TextSpan Body);

/// <summary><c>@section Name { ... }</c>: the markup in <see cref="Body"/> renders where the layout calls RenderSection.</summary>
public sealed record RazorSection(string Name, TextSpan Span, TextSpan Body);

/// <summary>A Razor directive line such as <c>@page "/about"</c> or <c>@layout MainLayout</c>.</summary>
public sealed record RazorDirective(string Name, string Value, TextSpan Span);

/// <summary>
/// The markup view of a Razor template: the original text with every C# region and Razor comment replaced by
/// spaces (line breaks kept), so an HTML scanner sees markup at the original offsets.
/// </summary>
public sealed class RazorProjection
{
    internal RazorProjection(string projectedText, IReadOnlyList<TextSpan> codeSpans, IReadOnlyList<HtmlComment> comments, IReadOnlyList<BranchRegion> branches, IReadOnlyList<RazorSection> sections, IReadOnlyList<RazorDirective> directives)
    {
        ProjectedText = projectedText;
        CodeSpans = codeSpans;
        Comments = comments;
        Branches = branches;
        Sections = sections;
        Directives = directives;
    }

    public string ProjectedText { get; }

    /// <summary>C# regions, sorted and disjoint.</summary>
    public IReadOnlyList<TextSpan> CodeSpans { get; }

    /// <summary><c>@* ... *@</c> comments.</summary>
    public IReadOnlyList<HtmlComment> Comments { get; }

    public IReadOnlyList<BranchRegion> Branches { get; }

    public IReadOnlyList<RazorSection> Sections { get; }

    public IReadOnlyList<RazorDirective> Directives { get; }

    public static RazorProjection Plain(string text) => new(text, [], [], [], [], []);

    /// <summary>
    /// Plain HTML, except that <c>{{ ... }}</c> and <c>{% ... %}</c> (Liquid/Jekyll, Jinja, Handlebars, Vue and Angular
    /// interpolation) are template code: values containing them are Dynamic, never judged as literal text.
    /// </summary>
    public static RazorProjection Html(string text)
    {
        var start = text.AsSpan().IndexOfAny("{");
        if (start < 0 || (text.IndexOf("{{", start, StringComparison.Ordinal) < 0 && text.IndexOf("{%", start, StringComparison.Ordinal) < 0))
        {
            return Plain(text);
        }

        var code = new List<TextSpan>();
        var i = start;
        while (i < text.Length - 1)
        {
            var open = text.IndexOf('{', i);
            if (open < 0 || open + 1 >= text.Length)
            {
                break;
            }

            var kind = text[open + 1];
            if (kind != '{' && kind != '%')
            {
                i = open + 1;
                continue;
            }

            var close = text.IndexOf(kind == '{' ? "}}" : "%}", open + 2, StringComparison.Ordinal);

            // An unterminated or implausibly long tag is text (a stray "{{" in prose or a script).
            if (close < 0 || close - open > 2000)
            {
                i = open + 2;
                continue;
            }

            code.Add(TextSpan.FromBounds(open, close + 2));
            i = close + 2;
        }

        if (code.Count == 0)
        {
            return Plain(text);
        }

        var chars = text.ToCharArray();
        foreach (var span in code)
        {
            for (var k = span.Start; k < span.End; k++)
            {
                if (chars[k] is not ('\n' or '\r'))
                {
                    chars[k] = ' ';
                }
            }
        }

        return new RazorProjection(new string(chars), code, [], [], [], []);
    }

    public static RazorProjection Create(string text) => new RazorScanner(text).Scan();
}
