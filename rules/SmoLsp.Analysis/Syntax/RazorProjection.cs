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

    public static RazorProjection Create(string text) => new RazorScanner(text).Scan();
}
