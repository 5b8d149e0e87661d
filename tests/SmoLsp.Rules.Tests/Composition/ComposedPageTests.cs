using SmoLsp.Analysis;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Tests.Composition;

/// <summary>
/// The built-in rules on composed pages: what each reports where, and that fixes moved into a page are valid there
/// (a page's section, a Blazor page's HeadContent or PageTitle, Razor expressions copied as written).
/// </summary>
public sealed class ComposedPageTests
{
    private sealed class Site(params (string Path, string Text)[] files) : ITemplateWorkspace
    {
        private readonly Dictionary<string, string> _files = files.ToDictionary(f => f.Path, f => f.Text);

        public string this[string path]
        {
            get => _files[path];
            set => _files[path] = value;
        }

        public TemplateDocument? GetTemplate(string path) => _files.TryGetValue(path, out var text) ? TemplateDocument.FromPath(path, text) : null;

        public bool Exists(string path) => _files.ContainsKey(path);

        public ImageFacts? GetImage(string path) => null;

        public string? GetWebRoot(string documentPath) => null;
    }

    private static readonly AnalysisEngine s_engine = BuiltInRules.CreateEngine();

    private const string Layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <title>@ViewData["Title"] - Acme Widgets</title>
            <meta property="og:type" content="website" />
            <meta property="og:site_name" content="Acme Widgets" />
            @await RenderSectionAsync("Head", required: false)
        </head>
        <body>
            <main>@RenderBody()</main>
            <footer><a href="https://github.com/acme" rel="me">GitHub</a></footer>
        </body>
        </html>
        """;

    private static Site Mvc(string page) => new(
        ("/app/Views/_ViewStart.cshtml", "@{ Layout = \"_Layout\"; }"),
        ("/app/Views/Shared/_Layout.cshtml", Layout),
        ("/app/Views/Blog/Post.cshtml", page));

    private static AnalysisResult Analyze(Site site, string path) => s_engine.Analyze(TemplateDocument.FromPath(path, site[path]), null, site);

    private static IEnumerable<string> Ids(AnalysisResult result) => result.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal);

    [Fact]
    public void The_layout_alone_reports_only_what_it_answers_for()
    {
        var site = Mvc("<h1>Post</h1>");

        Ids(Analyze(site, "/app/Views/Shared/_Layout.cshtml")).ShouldBeEmpty();
    }

    [Fact]
    public void A_page_that_supplies_everything_is_clean()
    {
        var site = Mvc("""
            @{
                ViewData["Title"] = "Widgets that last a lifetime, tested";
            }
            @section Head {
                <meta name="description" content="How we test every widget for twenty years of daily use, and what we learned doing it." />
                <meta property="og:title" content="Widgets that last a lifetime" />
                <meta property="og:description" content="How we test every widget for twenty years of daily use." />
                <meta property="og:image" content="https://acme.example/img/lifetime.png" />
                <meta property="og:image:alt" content="A widget on a test bench" />
                <meta property="og:url" content="https://acme.example/blog/lifetime" />
                <meta name="twitter:card" content="summary_large_image" />
                <link rel="canonical" href="https://acme.example/blog/lifetime" />
            }
            <h1>Widgets that last</h1>
            """);

        Ids(Analyze(site, "/app/Views/Blog/Post.cshtml")).ShouldBeEmpty();
    }

    [Fact]
    public void The_og_title_fix_copies_the_page_title_expression_into_the_page_section()
    {
        var page = "@model Post\n@{\n    ViewData[\"Title\"] = Model.Title;\n}\n\n<h1>@Model.Title</h1>\n";
        var site = Mvc(page);

        var d = Analyze(site, "/app/Views/Blog/Post.cshtml").Diagnostics.Single(d => d.Id == "SMO001");

        var fix = d.Fixes.Single();
        fix.Safety.ShouldBe(FixSafety.Safe); // ViewData is shared by the page and its layout
        TextEdits.Apply(page, fix.Edits).ShouldBe(
            "@model Post\n@{\n    ViewData[\"Title\"] = Model.Title;\n}\n\n@section Head {\n    <meta property=\"og:title\" content=\"@ViewData[\"Title\"] - Acme Widgets\" />\n}\n\n<h1>@Model.Title</h1>\n");
    }

    [Fact]
    public void Placeholder_and_length_rules_judge_the_composed_title_on_the_page_string()
    {
        var site = Mvc("@{\n    ViewData[\"Title\"] = \"Home\";\n}\n<h1>Hi</h1>\n");

        var result = Analyze(site, "/app/Views/Blog/Post.cshtml");

        foreach (var id in new[] { "SMO204", "SMO205" })
        {
            var d = result.Diagnostics.Single(d => d.Id == id);
            site["/app/Views/Blog/Post.cshtml"].Substring(d.Span.Start, d.Span.Length).ShouldBe("Home");
        }

        result.Diagnostics.Single(d => d.Id == "SMO205").Message.ShouldStartWith("<title> \"Home - Acme Widgets\" is a placeholder");
    }

    [Fact]
    public void Duplicates_between_layout_and_page_are_the_page_s_and_name_the_layout_line()
    {
        var site = Mvc("@section Head {\n    <meta property=\"og:type\" content=\"article\" />\n}\n<article><h1>Hi</h1></article>\n");

        var d = Analyze(site, "/app/Views/Blog/Post.cshtml").Diagnostics.Single(d => d.Id == "SMO009");

        d.Message.ShouldStartWith("og:type is already set on line 6 of _Layout.cshtml");
        d.RelatedLocations.Single().DocumentPath.ShouldBe("/app/Views/Shared/_Layout.cshtml");
    }

    [Fact]
    public void A_misspelled_tag_in_the_page_section_is_where_the_missing_tag_is_reported()
    {
        var page = "@{\n    ViewData[\"Title\"] = \"Widgets\";\n}\n@section Head {\n    <meta property=\"og:titel\" content=\"Widgets\" />\n}\n<h1>Hi</h1>\n";
        var site = Mvc(page);

        var result = Analyze(site, "/app/Views/Blog/Post.cshtml");

        foreach (var id in new[] { "SMO001", "SMO015" })
        {
            var d = result.Diagnostics.Single(d => d.Id == id);
            page.Substring(d.Span.Start, d.Span.Length).ShouldBe("property=\"og:titel\"");
        }

        result.Diagnostics.Single(d => d.Id == "SMO001").Fixes.ShouldBeEmpty();
    }

    [Fact]
    public void A_misspelled_site_wide_tag_in_the_layout_is_the_layout_s_finding()
    {
        var site = Mvc("<h1>Hi</h1>");
        site["/app/Views/Shared/_Layout.cshtml"] = Layout.Replace("og:site_name", "og:sitename", StringComparison.Ordinal);

        var layout = Analyze(site, "/app/Views/Shared/_Layout.cshtml");
        var page = Analyze(site, "/app/Views/Blog/Post.cshtml");

        layout.Diagnostics.Where(d => d.Id is "SMO006" or "SMO015").Select(d => site["/app/Views/Shared/_Layout.cshtml"].Substring(d.Span.Start, d.Span.Length))
            .ShouldBe(["property=\"og:sitename\"", "property=\"og:sitename\""]);
        page.Diagnostics.ShouldNotContain(d => d.Id == "SMO006" || d.Id == "SMO015");
    }

    [Fact]
    public void A_Blazor_page_without_a_title_gets_a_PageTitle_fix()
    {
        var site = new Site(
            ("/app/Components/App.razor", "<!DOCTYPE html>\n<html>\n<head>\n    <meta property=\"og:type\" content=\"website\" />\n    <HeadOutlet />\n</head>\n<body><Routes /></body>\n</html>"),
            ("/app/Components/Routes.razor", "<Router AppAssembly=\"typeof(Program).Assembly\"><Found Context=\"routeData\"><RouteView RouteData=\"routeData\" DefaultLayout=\"typeof(Layout.MainLayout)\" /></Found></Router>"),
            ("/app/Components/Layout/MainLayout.razor", "@inherits LayoutComponentBase\n<main>@Body</main>"),
            ("/app/Components/Pages/Pricing.razor", "@page \"/pricing\"\n\n<h1>Pricing for every workshop size</h1>\n"));

        var d = Analyze(site, "/app/Components/Pages/Pricing.razor").Diagnostics.Single(d => d.Id == "SMO201");

        var fix = d.Fixes.Single();
        fix.Title.ShouldBe("Add <title> from <h1> (in <PageTitle>)");
        TextEdits.Apply(site["/app/Components/Pages/Pricing.razor"], fix.Edits)
            .ShouldBe("@page \"/pricing\"\n\n<PageTitle>Pricing for every workshop size</PageTitle>\n\n<h1>Pricing for every workshop size</h1>\n");
    }

    [Fact]
    public void A_Blazor_page_fix_copying_the_page_own_expression_stays_safe()
    {
        var page = "@page \"/p/{id}\"\n<PageTitle>@product.Name</PageTitle>\n<h1>@product.Name</h1>\n@code { Product product = new(); }\n";
        var site = new Site(
            ("/app/Components/App.razor", "<!DOCTYPE html>\n<html>\n<head>\n    <HeadOutlet />\n</head>\n<body><Routes /></body>\n</html>"),
            ("/app/Components/Pages/Product.razor", page));

        var fix = Analyze(site, "/app/Components/Pages/Product.razor").Diagnostics.Single(d => d.Id == "SMO001").Fixes.Single();

        fix.Safety.ShouldBe(FixSafety.Safe);
        TextEdits.Apply(page, fix.Edits).ShouldContain("<HeadContent>\n    <meta property=\"og:title\" content=\"@product.Name\" />\n</HeadContent>");
    }
}
