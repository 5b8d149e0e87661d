using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>Each composed finding lands in one place: the page, or the layout (reported when the layout is analyzed).</summary>
public sealed class ResponsibilityTests
{
    private const string PagePath = "/app/Views/Home/Index.cshtml";
    private const string LayoutPath = "/app/Views/Shared/_Layout.cshtml";

    private const string LayoutWithoutHeadSection = """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
        </head>
        <body>@RenderBody()</body>
        </html>
        """;

    private static AnalysisEngine Engine(params Rule[] rules) => new(rules);

    private static IReadOnlyList<Diagnostic> Analyze(InMemoryWorkspace site, string path, params Rule[] rules) =>
        Engine(rules).Analyze(site.Document(path), null, site).Diagnostics;

    private static string Slice(InMemoryWorkspace site, string path, Diagnostic d) => site.Text(path).Substring(d.Span.Start, d.Span.Length);

    [Fact]
    public void A_layout_that_gives_pages_no_head_slot_answers_for_per_page_tags_once()
    {
        var site = Sites.Mvc((PagePath, Sites.Index), ("/app/Views/Home/Privacy.cshtml", "@{ ViewData[\"Title\"] = \"Privacy\"; }\n<h1>Privacy</h1>"));
        site.Set(LayoutPath, LayoutWithoutHeadSection);
        var engine = Engine(MissingMetaRule.Description());

        engine.Analyze(site.Document(LayoutPath), null, site).Diagnostics.Select(d => d.Id).ShouldBe(["SMO981"]);
        engine.Analyze(site.Document(PagePath), null, site).Diagnostics.ShouldBeEmpty();
        engine.Analyze(site.Document("/app/Views/Home/Privacy.cshtml"), null, site).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void With_a_head_section_each_page_that_lacks_a_per_page_tag_is_told_and_the_layout_is_not()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));

        Analyze(site, LayoutPath, MissingMetaRule.Description()).ShouldBeEmpty();
        var d = Analyze(site, PagePath, MissingMetaRule.Description()).ShouldHaveSingleItem();

        // On the page's first line (the code block that sets its title), pointing at the layout's RenderSection call.
        Slice(site, PagePath, d).ShouldBe("@{");
        var related = d.RelatedLocations.ShouldHaveSingleItem();
        related.DocumentPath.ShouldBe(LayoutPath);
        site.Text(LayoutPath).Substring(related.Span.Start, related.Span.Length).ShouldBe("@await RenderSectionAsync(\"Head\", required: false)");
        related.Message.ShouldContain("@section Head");
    }

    [Fact]
    public void The_fix_creates_the_page_section_after_its_code_block_and_copies_the_composed_title()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));
        var fix = Analyze(site, PagePath, MissingMetaRule.Description()).Single().Fixes.ShouldHaveSingleItem();

        fix.Title.ShouldBe("Add og:description (in @section Head)");
        fix.Safety.ShouldBe(FixSafety.Safe);
        fix.Edits.ShouldAllBe(e => e.DocumentPath == null);
        var fixedText = TextEdits.Apply(site.Text(PagePath), fix.Edits);
        fixedText.ShouldBe("""
            @{
                ViewData["Title"] = "Home page";
            }

            @section Head {
                <meta property="og:description" content="Home page - Acme" />
            }

            <div class="text-center">
                <h1 class="display-4">Welcome</h1>
            </div>
            """);

        site.Set(PagePath, fixedText);
        Analyze(site, PagePath, MissingMetaRule.Description()).ShouldBeEmpty();
    }

    [Fact]
    public void The_fix_writes_into_an_existing_section_with_its_indentation_and_line_endings()
    {
        var page = "@{\r\n  ViewData[\"Title\"] = \"Pricing\";\r\n}\r\n@section Head {\r\n  <link rel=\"canonical\" href=\"https://acme.example/pricing\" />\r\n}\r\n<h1>Pricing</h1>\r\n";
        var site = Sites.Mvc((PagePath, page));

        var d = Analyze(site, PagePath, MissingMetaRule.Description()).ShouldHaveSingleItem();

        Slice(site, PagePath, d).ShouldBe("@section Head");
        TextEdits.Apply(page, d.Fixes.Single().Edits).ShouldBe(
            "@{\r\n  ViewData[\"Title\"] = \"Pricing\";\r\n}\r\n@section Head {\r\n  <link rel=\"canonical\" href=\"https://acme.example/pricing\" />\r\n  <meta property=\"og:description\" content=\"Pricing - Acme\" />\r\n}\r\n<h1>Pricing</h1>\r\n");
    }

    [Fact]
    public void Two_fixes_that_create_the_section_conflict_so_fix_all_creates_it_once()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));
        var engine = Engine(MissingMetaRule.Description(), new MissingMetaRule("SMO987", "og:image", HeadResponsibility.Page));
        var text = site.Text(PagePath);
        for (var pass = 0; pass < 5; pass++)
        {
            var edits = TextEdits.CollectSafeFixes(engine.Analyze(site.Document(PagePath), null, site));
            if (edits.Count == 0)
            {
                break;
            }

            text = TextEdits.Apply(text, edits);
            site.Set(PagePath, text);
        }

        text.Split("@section Head").Length.ShouldBe(2, text);
        text.ShouldContain("og:description");
        text.ShouldContain("og:image");
        engine.Analyze(site.Document(PagePath), null, site).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void Site_wide_tags_are_the_layout_s_even_when_pages_add_to_its_head()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));

        var onLayout = Analyze(site, LayoutPath, MissingMetaRule.SiteName()).ShouldHaveSingleItem();
        Slice(site, LayoutPath, onLayout).ShouldBe("</head>");
        Analyze(site, PagePath, MissingMetaRule.SiteName()).ShouldBeEmpty();
    }

    [Fact]
    public void A_page_that_supplies_the_tag_in_its_section_is_clean()
    {
        var site = Sites.Mvc((PagePath, "@section Head {\n    <meta property=\"og:description\" content=\"All about widgets\" />\n}\n<h1>Home</h1>"));

        Analyze(site, PagePath, MissingMetaRule.Description()).ShouldBeEmpty();
    }

    [Fact]
    public void A_problem_in_the_layout_is_reported_on_the_layout_only()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));
        site.Set(LayoutPath, Sites.Layout.Replace("<meta charset=\"utf-8\" />", "<meta property=\"og:image\" content=\"/img/card.png\" />", StringComparison.Ordinal));

        Analyze(site, LayoutPath, new RelativeContentRule()).ShouldHaveSingleItem();
        Analyze(site, PagePath, new RelativeContentRule()).ShouldBeEmpty();
    }

    [Fact]
    public void A_problem_in_the_page_section_is_reported_on_the_page_with_its_fix_in_the_page()
    {
        var page = "@section Head {\n    <meta property=\"og:url\" content=\"/pricing\" />\n}\n<h1>Pricing</h1>";
        var site = Sites.Mvc((PagePath, page));

        var d = Analyze(site, PagePath, new RelativeContentRule()).ShouldHaveSingleItem();

        Slice(site, PagePath, d).ShouldBe("/pricing");
        TextEdits.Apply(page, d.Fixes.Single().Edits).ShouldContain("content=\"https://acme.example/pricing\"");
    }

    [Fact]
    public void A_placeholder_title_fed_by_the_page_is_reported_on_the_page_string()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));

        Analyze(site, LayoutPath, new HomeTitleRule()).ShouldBeEmpty();
        var d = Analyze(site, PagePath, new HomeTitleRule()).ShouldHaveSingleItem();

        Slice(site, PagePath, d).ShouldBe("Home page");
        d.Message.ShouldBe("Title \"Home page - Acme\" is a placeholder");
    }

    [Fact]
    public void A_duplicate_is_reported_where_the_second_copy_is_and_names_the_layout_line()
    {
        var site = Sites.Mvc((PagePath, "@section Head {\n    <meta property=\"og:type\" content=\"article\" />\n}\n<h1>Post</h1>"));
        site.Set(LayoutPath, Sites.Layout.Replace("<meta charset=\"utf-8\" />", "<meta property=\"og:type\" content=\"website\" />", StringComparison.Ordinal));

        Analyze(site, LayoutPath, new DuplicateTypeRule()).ShouldBeEmpty();
        var d = Analyze(site, PagePath, new DuplicateTypeRule()).ShouldHaveSingleItem();

        Slice(site, PagePath, d).ShouldBe("<meta property=\"og:type\" content=\"article\" />");
        d.Message.ShouldBe("og:type is already set on line 4 of _Layout.cshtml");
        d.RelatedLocations.Single().DocumentPath.ShouldBe(LayoutPath);
    }

    [Fact]
    public void A_duplicate_whose_second_copy_is_in_the_layout_is_still_reported_on_the_page()
    {
        // The page's copy renders first (the section comes before the layout's tag): the finding falls on the layout's
        // tag, which the layout alone does not report, so the page gets it at its own copy.
        var site = Sites.Mvc((PagePath, "@section Head {\n    <meta property=\"og:type\" content=\"article\" />\n}\n<h1>Post</h1>"));
        site.Set(LayoutPath, Sites.Layout.Replace("</head>", "    <meta property=\"og:type\" content=\"website\" />\n</head>", StringComparison.Ordinal));

        var d = Analyze(site, PagePath, new DuplicateTypeRule()).ShouldHaveSingleItem();

        Slice(site, PagePath, d).ShouldBe("<meta property=\"og:type\" content=\"article\" />");
        d.RelatedLocations.ShouldContain(r => r.DocumentPath == LayoutPath);
    }

    /// <summary>An MVC site of <paramref name="pages"/> pages sharing one layout, and an engine that counts its analyses per file.</summary>
    private static (CountingRule Counter, AnalysisEngine Engine, InMemoryWorkspace Site) CountedSite(int pages)
    {
        var counter = new CountingRule();
        var site = Sites.Mvc();
        for (var i = 0; i < pages; i++)
        {
            site.Set($"/app/Views/Home/Page{i}.cshtml", Sites.Index);
        }

        return (counter, Engine(counter, MissingMetaRule.Description()), site);
    }

    [Fact]
    public void A_layout_is_analyzed_once_for_all_its_pages_until_it_changes()
    {
        var (counter, engine, site) = CountedSite(pages: 50);

        for (var i = 0; i < 50; i++)
        {
            engine.Analyze(site.Document($"/app/Views/Home/Page{i}.cshtml"), null, site);
        }

        counter.Runs[LayoutPath].ShouldBe(1);

        // Analyzing the layout itself reuses that analysis.
        engine.Analyze(site.Document(LayoutPath), null, site);
        counter.Runs[LayoutPath].ShouldBe(1);

        // A new layout text is a new analysis, and pages see the change.
        site.Set(LayoutPath, LayoutWithoutHeadSection);
        engine.Analyze(site.Document("/app/Views/Home/Page0.cshtml"), null, site).Diagnostics.Where(d => d.Id == "SMO981").ShouldBeEmpty();
        counter.Runs[LayoutPath].ShouldBe(2);
    }

    [Fact]
    public void A_layout_analyzed_as_itself_first_is_analyzed_once_more_for_its_pages_and_its_analysis_is_not_kept()
    {
        var (counter, engine, site) = CountedSite(pages: 5);

        // A check that reaches the layout before its pages: once as itself, once for every page it wraps.
        engine.Analyze(site.Document(LayoutPath), null, site);
        for (var i = 0; i < 5; i++)
        {
            engine.Analyze(site.Document($"/app/Views/Home/Page{i}.cshtml"), null, site);
        }

        counter.Runs[LayoutPath].ShouldBe(2);

        // Its whole analysis was not kept for a third time: only what pages need of it (its own findings) is.
        engine.Analyze(site.Document(LayoutPath), null, site);
        counter.Runs[LayoutPath].ShouldBe(3);
        engine.Analyze(site.Document("/app/Views/Home/Page0.cshtml"), null, site);
        counter.Runs[LayoutPath].ShouldBe(3);
    }

    [Fact]
    public void A_suppression_in_the_page_silences_a_finding_moved_to_the_page()
    {
        var site = Sites.Mvc((PagePath, "@* smolsp-disable-next-line SMO981 -- the card is generated *@\n" + Sites.Index));

        var result = Engine(MissingMetaRule.Description()).Analyze(site.Document(PagePath), null, site);

        result.Diagnostics.ShouldBeEmpty();
        result.Suppressed.ShouldHaveSingleItem().Diagnostic.Id.ShouldBe("SMO981");
    }

    [Fact]
    public void A_rule_that_throws_on_the_composed_page_is_reported_on_the_page()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));

        var d = Analyze(site, PagePath, new SmoLsp.Analysis.Tests.Engine.ThrowingRule()).ShouldHaveSingleItem();

        d.Id.ShouldBe("SMO900");
        d.Span.ShouldBe(new SmoLsp.Analysis.Text.TextSpan(0, 0));
    }

    /// <summary>Breaks the workspace contract (it must not throw) to prove a composition failure costs only the composition.</summary>
    private sealed class ThrowingWorkspace(InMemoryWorkspace inner) : SmoLsp.Analysis.Workspace.ITemplateWorkspace
    {
        public TemplateDocument? GetTemplate(string path) =>
            path.EndsWith("_Layout.cshtml", StringComparison.Ordinal) ? throw new InvalidOperationException("disk on fire") : inner.GetTemplate(path);

        public bool Exists(string path) => inner.Exists(path);

        public SmoLsp.Analysis.Workspace.ImageFacts? GetImage(string path) => null;

        public string? GetWebRoot(string documentPath) => null;
    }

    [Fact]
    public void A_composition_that_fails_leaves_the_page_judged_alone_and_says_so()
    {
        var site = Sites.Mvc((PagePath, Sites.Index));

        var result = Engine(MissingMetaRule.Description()).Analyze(site.Document(PagePath), null, new ThrowingWorkspace(site));

        result.Composition.ShouldBeNull();
        var d = result.Diagnostics.ShouldHaveSingleItem();
        d.Id.ShouldBe("SMO900");
        d.Message.ShouldBe("Rule layout composition failed on this document and was skipped: InvalidOperationException: disk on fire");
    }

    [Fact]
    public void Blazor_pages_get_their_missing_tags_with_a_fix_into_a_new_HeadContent()
    {
        var page = "@page \"/\"\n\n<PageTitle>Home</PageTitle>\n\n<h1>Hello, world!</h1>\n";
        var site = Sites.Blazor(("/app/Components/Pages/Home.razor", page));

        Analyze(site, "/app/Components/App.razor", MissingMetaRule.Description(), MissingMetaRule.SiteName()).Select(d => d.Id).ShouldBe(["SMO982"]);
        var d = Analyze(site, "/app/Components/Pages/Home.razor", MissingMetaRule.Description(), MissingMetaRule.SiteName()).ShouldHaveSingleItem();

        d.Id.ShouldBe("SMO981");
        Slice(site, "/app/Components/Pages/Home.razor", d).ShouldBe("<PageTitle>");
        d.RelatedLocations.Single().DocumentPath.ShouldBe("/app/Components/App.razor");
        var fix = d.Fixes.Single();
        fix.Title.ShouldBe("Add og:description (in <HeadContent>)");
        TextEdits.Apply(page, fix.Edits).ShouldBe("@page \"/\"\n\n<PageTitle>Home</PageTitle>\n\n<HeadContent>\n    <meta property=\"og:description\" content=\"Home\" />\n</HeadContent>\n\n<h1>Hello, world!</h1>\n");
    }

    [Fact]
    public void Blazor_fixes_write_into_the_page_HeadContent_when_it_has_one()
    {
        var page = "@page \"/\"\n<PageTitle>Home</PageTitle>\n<HeadContent>\n  <link rel=\"canonical\" href=\"https://acme.example/\" />\n</HeadContent>\n<h1>Hi</h1>";
        var site = Sites.Blazor(("/app/Components/Pages/Home.razor", page));

        var d = Analyze(site, "/app/Components/Pages/Home.razor", MissingMetaRule.Description()).ShouldHaveSingleItem();

        Slice(site, "/app/Components/Pages/Home.razor", d).ShouldBe("<HeadContent>");
        TextEdits.Apply(page, d.Fixes.Single().Edits).ShouldBe("@page \"/\"\n<PageTitle>Home</PageTitle>\n<HeadContent>\n  <link rel=\"canonical\" href=\"https://acme.example/\" />\n  <meta property=\"og:description\" content=\"Home\" />\n</HeadContent>\n<h1>Hi</h1>");
    }

    [Fact]
    public void A_Blazor_fix_that_would_replace_the_layout_HeadContent_is_only_a_suggestion()
    {
        var site = Sites.Blazor(
            ("/app/Components/Layout/MainLayout.razor", "@inherits LayoutComponentBase\n<HeadContent><link rel=\"icon\" href=\"/favicon.png\" /></HeadContent>\n<main>@Body</main>"),
            ("/app/Components/Pages/Home.razor", "@page \"/\"\n<PageTitle>Home</PageTitle>\n<h1>Hi</h1>"));

        var fix = Analyze(site, "/app/Components/Pages/Home.razor", MissingMetaRule.Description()).Single().Fixes.Single();

        fix.Safety.ShouldBe(FixSafety.Suggestion);
        fix.Title.ShouldContain("replaces the layout's <HeadContent>");
    }
}
