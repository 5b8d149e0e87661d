using SmoLsp.Analysis.Composition;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>What a page contributes to its layout: sections where RenderSection is called, ViewData values where they are output.</summary>
public sealed class SectionAndViewDataTests
{
    private const string PagePath = "/app/Views/Home/Index.cshtml";

    private static ComposedDocument Compose(string page, string? layout = null)
    {
        var site = Sites.Mvc((PagePath, page));
        if (layout is not null)
        {
            site.Set("/app/Views/Shared/_Layout.cshtml", layout);
        }

        return Sites.Compose(site, PagePath).ShouldNotBeNull();
    }

    [Fact]
    public void A_section_renders_where_the_layout_asks_for_it_and_not_in_the_body()
    {
        var composed = Compose("""
            @section Head {
                <meta property="og:type" content="article" />
            }
            <h1>Post</h1>
            @section Scripts {
                <script src="/post.js"></script>
            }
            """);

        var flat = composed.Flat();
        flat.ShouldContain("</title> <meta property=\"og:type\" content=\"article\" /> </head>");
        flat.ShouldContain("<main role=\"main\"> <h1>Post</h1> </main> <script src=\"/post.js\"></script> </body>");
        flat.ShouldNotContain("RenderSection");
        flat.ShouldNotContain("@section");
    }

    [Fact]
    public void A_section_the_page_does_not_define_renders_nothing_but_is_a_slot_the_page_can_fill()
    {
        var composed = Compose(Sites.Index);

        composed.Flat().ShouldContain("<title>Home page - Acme</title> </head>");
        var slot = composed.Slots.Single(s => s.Name == "Head");
        slot.FillerPath.ShouldBe(PagePath);
        slot.SlotPath.ShouldBe("/app/Views/Shared/_Layout.cshtml");
        slot.Composed.IsEmpty.ShouldBeTrue();
        composed.Document.Text[slot.Composed.Start..].TrimStart().ShouldStartWith("</head>");
    }

    [Theory]
    [InlineData("@RenderSection(\"Head\", required: false)")]
    [InlineData("@RenderSection(\"Head\")")]
    [InlineData("@await RenderSectionAsync(\"Head\")")]
    [InlineData("@(await RenderSectionAsync(\"Head\", false))")]
    [InlineData("@if (IsSectionDefined(\"Head\")) { @RenderSection(\"Head\") } else { <meta name=\"robots\" content=\"noindex\" /> }")]
    public void Every_way_of_rendering_a_section_takes_the_page_section(string call)
    {
        var composed = Compose(
            "@section head {\n    <meta name=\"description\" content=\"Our story\" />\n}\n<h1>About</h1>",
            $"<html>\n<head>\n    {call}\n</head>\n<body>@RenderBody()</body>\n</html>");

        composed.Flat().ShouldContain("<meta name=\"description\" content=\"Our story\" />");
        composed.Flat().ShouldNotContain("RenderSection(");
        var head = composed.Head();
        head.HasMeta("description").ShouldBeTrue();
        head.IsExtendedElsewhere.ShouldBeFalse();
    }

    [Fact]
    public void A_section_rendered_by_an_unrecognised_call_keeps_the_head_open()
    {
        var composed = Compose(
            "@section Head {\n    <meta name=\"description\" content=\"Our story\" />\n}\n<h1>About</h1>",
            "<html>\n<head>\n    @{ var name = \"Head\"; }\n    @RenderSection(name, required: false)\n</head>\n<body>@RenderBody()</body>\n</html>");

        var head = composed.Head();
        head.IsExtendedElsewhere.ShouldBeTrue();

        // The page's tags are still seen (appended), so no rule reports them missing or misses a problem in them.
        head.HasMeta("description").ShouldBeTrue();
    }

    [Fact]
    public void A_nested_layout_passes_the_page_section_through_to_the_outer_head()
    {
        var site = Sites.Mvc(
            ("/app/Views/Shared/_Docs.cshtml", "@{ Layout = \"_Layout\"; }\n@section Head {\n    <meta property=\"og:type\" content=\"article\" />\n    @RenderSection(\"Head\", required: false)\n}\n<article>@RenderBody()</article>"),
            ("/app/Views/Docs/Intro.cshtml", "@{ Layout = \"_Docs\"; }\n@section Head {\n    <meta name=\"description\" content=\"Start here\" />\n}\n<h1>Intro</h1>"));

        var composed = Sites.Compose(site, "/app/Views/Docs/Intro.cshtml").ShouldNotBeNull();

        var flat = composed.Flat();
        flat.ShouldContain("<meta property=\"og:type\" content=\"article\" /> <meta name=\"description\" content=\"Start here\" /> </head>");
        composed.Slots.Single(s => s.FillerPath == "/app/Views/Docs/Intro.cshtml").SlotPath.ShouldBe("/app/Views/Shared/_Docs.cshtml");
    }

    [Theory]
    [InlineData("ViewData[\"Title\"] = \"Pricing\";", "<title>Pricing - Acme</title>")]
    [InlineData("ViewBag.Title = \"Pricing\";", "<title>Pricing - Acme</title>")]
    [InlineData("ViewData[\"Title\"] = @\"Say \"\"hi\"\"\";", "<title>Say &quot;hi&quot; - Acme</title>")]
    [InlineData("ViewData[\"Title\"] = \"Tom & Jerry <3 @home\";", "<title>Tom &amp; Jerry &lt;3 &#64;home - Acme</title>")]
    [InlineData("ViewData[\"Title\"] = Model.Title;", "<title>@ViewData[\"Title\"] - Acme</title>")]
    [InlineData("if (Model.IsNew) { ViewData[\"Title\"] = \"New\"; } else { ViewData[\"Title\"] = \"Old\"; }", "<title>@ViewData[\"Title\"] - Acme</title>")]
    [InlineData("ViewData[\"Title\"] = \"First\"; ViewData[\"Title\"] = \"Second\";", "<title>Second - Acme</title>")]
    [InlineData("var x = 1;", "<title>@ViewData[\"Title\"] - Acme</title>")]
    public void ViewData_literals_feed_the_layout_and_anything_else_stays_code(string assignment, string title)
    {
        var composed = Compose($"@{{\n    {assignment}\n}}\n<h1>Page</h1>");

        composed.Flat().ShouldContain(title);
    }

    [Fact]
    public void The_title_value_maps_back_to_the_page_string_literal()
    {
        var composed = Compose(Sites.Index);
        var text = composed.Document.Text;
        var at = text.IndexOf("Home page - Acme", StringComparison.Ordinal);

        var segment = composed.Map.SegmentAt(at).ShouldNotBeNull();

        segment.Path.ShouldBe(PagePath);
        segment.Kind.ShouldBe(SegmentKind.Substituted);
        Sites.Index[segment.Origin.Start..segment.Origin.End].ShouldBe("Home page");
    }

    [Fact]
    public void A_ViewStart_assignment_applies_unless_the_page_sets_its_own()
    {
        var site = Sites.Mvc(
            ("/app/Views/Blog/_ViewStart.cshtml", "@{ ViewData[\"Title\"] = \"Blog\"; }"),
            ("/app/Views/Blog/Index.cshtml", "<h1>Posts</h1>"),
            ("/app/Views/Blog/Post.cshtml", "@{ ViewData[\"Title\"] = \"A post\"; }\n<h1>Post</h1>"));

        Sites.Compose(site, "/app/Views/Blog/Index.cshtml")!.Flat().ShouldContain("<title>Blog - Acme</title>");
        Sites.Compose(site, "/app/Views/Blog/Post.cshtml")!.Flat().ShouldContain("<title>A post - Acme</title>");
    }

    [Fact]
    public void The_page_own_ViewData_output_is_the_value_too()
    {
        var composed = Compose("@{\n    ViewData[\"Title\"] = \"Privacy Policy\";\n}\n<h1>@ViewData[\"Title\"]</h1>");

        composed.Flat().ShouldContain("<h1>Privacy Policy</h1>");
    }

    [Fact]
    public void Any_key_works_in_attributes_too()
    {
        var composed = Compose(
            "@{ ViewData[\"Description\"] = \"All about us\"; }\n<h1>About</h1>",
            "<html>\n<head>\n    <meta name=\"description\" content=\"@ViewData[\"Description\"]\" />\n</head>\n<body>@RenderBody()</body>\n</html>");

        composed.Head().GetMetaContent("description")!.Text.ShouldBe("All about us");
    }

    [Fact]
    public void A_partial_in_the_head_is_expanded()
    {
        var site = Sites.Mvc(
            ("/app/Views/Shared/_Meta.cshtml", "<meta property=\"og:site_name\" content=\"Acme\" />\n<meta property=\"og:title\" content=\"@ViewData[\"Title\"]\" />"),
            (PagePath, Sites.Index));
        site.Set("/app/Views/Shared/_Layout.cshtml", "<html>\n<head>\n    <partial name=\"_Meta\" />\n    @await Html.PartialAsync(\"_Missing\")\n</head>\n<body>@RenderBody()</body>\n</html>");

        var composed = Sites.Compose(site, PagePath).ShouldNotBeNull();

        composed.Files.ShouldContain(new CompositionFile("/app/Views/Shared/_Meta.cshtml", CompositionRole.Partial));
        var head = composed.Head();
        head.GetMetaContent("og:title")!.Text.ShouldBe("Home page");
        head.HasUnknownHeadContent.ShouldBeTrue(); // _Missing could not be found
    }
}
