using SmoLsp.Analysis.Composition;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>The source map is exact: every composed character maps back to the file and offset it was copied from.</summary>
public sealed class SourceMapTests
{
    /// <summary>Checks a composition's map against the files in <paramref name="texts"/>; returns the problems found.</summary>
    internal static List<string> RoundTripProblems(ComposedDocument composed, Func<string, string?> texts)
    {
        var problems = new List<string>();
        var text = composed.Document.Text;
        var expected = 0;
        foreach (var segment in composed.Map.Segments)
        {
            if (segment.Composed.Start != expected)
            {
                problems.Add($"gap or overlap before {segment.Composed}");
            }

            expected = segment.Composed.End;
            var origin = texts(segment.Path);
            if (origin is null || segment.Origin.End > origin.Length)
            {
                problems.Add($"{segment.Path}: origin {segment.Origin} outside the file");
                continue;
            }

            if (segment.Kind == SegmentKind.Verbatim
                && !text.AsSpan(segment.Composed.Start, segment.Composed.Length).SequenceEqual(origin.AsSpan(segment.Origin.Start, segment.Origin.Length)))
            {
                problems.Add($"{segment.Path}: composed {segment.Composed} differs from origin {segment.Origin}");
            }
        }

        if (expected != text.Length)
        {
            problems.Add($"segments end at {expected}, text at {text.Length}");
        }

        // Every element the rules see starts at a '<' in the file it came from, with the same name.
        var syntax = ParsedTemplate.Parse(text, composed.Document.Language);
        foreach (var e in syntax.Elements)
        {
            if (!composed.Map.TryMapExact(e.NameSpan, out var segment, out var origin))
            {
                continue; // a name split across segments cannot happen in markup, but substituted values may hold text
            }

            var file = texts(segment.Path)!;
            if (origin.Start == 0 || file[origin.Start - 1] != '<' || !file.AsSpan(origin.Start, origin.Length).SequenceEqual(e.SourceName))
            {
                problems.Add($"{segment.Path}: element {e.SourceName} maps to {origin}");
            }
        }

        return problems;
    }

    [Fact]
    public void Mvc_composition_round_trips()
    {
        var site = Sites.Mvc(("/app/Views/Home/Index.cshtml", "@{ ViewData[\"Title\"] = \"Tom & Jerry\"; }\n@section Head {\n    <meta name=\"description\" content=\"Cats\" />\n}\n<h1>@ViewData[\"Title\"]</h1>"));

        var composed = Sites.Compose(site, "/app/Views/Home/Index.cshtml").ShouldNotBeNull();

        RoundTripProblems(composed, site.Text).ShouldBeEmpty();
        composed.Map.Segments.Select(s => s.Path).Distinct().ShouldBe(["/app/Views/Shared/_Layout.cshtml", "/app/Views/Home/Index.cshtml"], ignoreOrder: true);
    }

    [Fact]
    public void Blazor_composition_round_trips()
    {
        var site = Sites.Blazor(("/app/Components/Pages/Home.razor", "@page \"/\"\n<PageTitle>Home</PageTitle>\n<HeadContent><meta name=\"description\" content=\"Hi\" /></HeadContent>\n<h1>Hello</h1>"));

        var composed = Sites.Compose(site, "/app/Components/Pages/Home.razor").ShouldNotBeNull();

        RoundTripProblems(composed, site.Text).ShouldBeEmpty();
    }

    [Fact]
    public void Exact_mapping_needs_one_verbatim_segment_and_insertions_may_attach_to_the_text_before()
    {
        var site = Sites.Mvc(("/app/Views/Home/Index.cshtml", "@section Head {<meta name=\"a\" />}\n<h1>Hi</h1>"));
        var composed = Sites.Compose(site, "/app/Views/Home/Index.cshtml").ShouldNotBeNull();
        var text = composed.Document.Text;
        var metaEnd = text.IndexOf("<meta name=\"a\" />", StringComparison.Ordinal) + "<meta name=\"a\" />".Length;

        // The meta ends where the page segment ends: an insertion "after it" belongs to the page, one "before what follows" to the layout.
        composed.Map.TryMapExact(new TextSpan(metaEnd, 0), out var after, out _, preferPreceding: true).ShouldBeTrue();
        after.Path.ShouldBe("/app/Views/Home/Index.cshtml");
        composed.Map.TryMapExact(new TextSpan(metaEnd, 0), out var before, out _).ShouldBeTrue();
        before.Path.ShouldBe("/app/Views/Shared/_Layout.cshtml");

        // A span across the two files maps exactly to neither.
        composed.Map.TryMapExact(TextSpan.FromBounds(metaEnd - 3, metaEnd + 3), out _, out _).ShouldBeFalse();
        composed.Map.ToComposed("/app/Views/Home/Index.cshtml", new TextSpan(15, 4)).ShouldBe(new TextSpan(metaEnd - 17, 4));
    }
}
