using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

/// <summary>One branch of an <c>if / else if / else</c> chain: elements in different branches of one group are alternatives.</summary>
public sealed record BranchRegion(int Group, int Index, TextSpan Body);

/// <summary><c>@section Name { ... }</c>: the markup in <see cref="Body"/> renders where the layout calls RenderSection.</summary>
public sealed record RazorSection(string Name, TextSpan Span, TextSpan Body);

/// <summary>A Razor directive line such as <c>@page "/about"</c> or <c>@layout MainLayout</c>.</summary>
public sealed record RazorDirective(string Name, string Value, TextSpan Span);

/// <summary>
/// The markup view of a template: the original text with every code region (Razor's C#, or the tags of Liquid, Go
/// templates, Django/Jinja and Nunjucks) and template comment replaced by spaces (line breaks kept), so an HTML scanner
/// sees markup at the original offsets.
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
    /// <paramref name="text"/> with the code regions and template comments replaced by spaces, line breaks kept: built in
    /// place, one string the size of the text and nothing else.
    /// </summary>
    internal static string Mask(string text, IReadOnlyList<TextSpan> code, IReadOnlyList<HtmlComment> comments) =>
        string.Create(text.Length, (text, code, comments), static (chars, state) =>
        {
            state.text.AsSpan().CopyTo(chars);
            foreach (var s in state.code)
            {
                Blank(chars, s);
            }

            foreach (var c in state.comments)
            {
                Blank(chars, c.Span);
            }
        });

    private static void Blank(Span<char> chars, TextSpan span)
    {
        // Line by line, so the runtime fills and searches whole vectors at a time.
        var rest = chars.Slice(span.Start, span.Length);
        for (var lineBreak = rest.IndexOfAny('\n', '\r'); lineBreak >= 0; lineBreak = rest.IndexOfAny('\n', '\r'))
        {
            rest[..lineBreak].Fill(' ');
            rest = rest[(lineBreak + 1)..];
        }

        rest.Fill(' ');
    }

    /// <summary>
    /// HTML and the curly-brace template languages: <c>{{ ... }}</c>, <c>{% ... %}</c> and <c>{# ... #}</c> (Liquid, Go
    /// templates, Django/Jinja, Nunjucks; Handlebars, Vue and Angular interpolation too) are template code, masked by
    /// <see cref="TemplateTagScanner"/>: values containing them are Dynamic, never judged as literal text.
    /// </summary>
    public static RazorProjection Html(string text) => TemplateTagScanner.Scan(text);

    /// <summary>Template tags of a curly-brace template, in document order (empty for Razor and plain HTML).</summary>
    public IReadOnlyList<TemplateTag> Tags { get; init; } = [];

    /// <summary>Named blocks: Jinja/Django/Nunjucks <c>{% block %}</c>, Go <c>{{ define }}</c> and <c>{{ block }}</c>, in order of their end.</summary>
    public IReadOnlyList<TemplateBlock> Blocks { get; init; } = [];

    /// <summary>The front matter of a Jekyll, Hugo or Eleventy file, when it has one.</summary>
    public FrontMatter? FrontMatter { get; init; }

    public static RazorProjection Create(string text) => new RazorScanner(text).Scan();
}
