using SmoLsp.Analysis.Composition;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>Blazor: the host's HeadOutlet renders the last PageTitle and HeadContent (page over layouts); Routes renders the layouts around the page.</summary>
public sealed class BlazorCompositionTests
{
    private const string HomePath = "/app/Components/Pages/Home.razor";

    [Fact]
    public void The_page_title_and_head_content_render_in_the_host_head()
    {
        var site = Sites.Blazor((HomePath, """
            @page "/"

            <PageTitle>Acme widgets for every workshop</PageTitle>

            <HeadContent>
                <meta name="description" content="Widgets, gadgets and gizmos." />
            </HeadContent>

            <h1>Hello, world!</h1>
            """));

        var composed = Sites.Compose(site, HomePath).ShouldNotBeNull();

        composed.Kind.ShouldBe(CompositionKind.Blazor);
        composed.Files.ShouldContain(new CompositionFile("/app/Components/App.razor", CompositionRole.Host));
        composed.Files.ShouldContain(new CompositionFile("/app/Components/Layout/MainLayout.razor", CompositionRole.Layout));
        var head = composed.Head();
        head.Title!.Value.Text.ShouldBe("Acme widgets for every workshop");
        head.Title.Element.HasAncestorOrSelf("head").ShouldBeTrue();
        head.GetMeta("description")!.IsInHead.ShouldBeTrue();
        head.IsExtendedElsewhere.ShouldBeFalse();

        // The layout wraps the page body; the head components do not render in the body too.
        var flat = composed.Flat();
        flat.ShouldContain("<article class=\"content px-4\"> @page \"/\" <h1>Hello, world!</h1> </article>");
        head.Titles.Count.ShouldBe(1);
    }

    [Fact]
    public void The_page_PageTitle_wins_over_the_layout_one_and_the_layout_one_applies_when_the_page_has_none()
    {
        var site = Sites.Blazor(
            ("/app/Components/Layout/MainLayout.razor", "@inherits LayoutComponentBase\n<PageTitle>Acme</PageTitle>\n<HeadContent><meta property=\"og:site_name\" content=\"Acme\" /></HeadContent>\n<main>@Body</main>"),
            (HomePath, "@page \"/\"\n<PageTitle>Home of Acme widgets</PageTitle>\n<h1>Hi</h1>"),
            ("/app/Components/Pages/Counter.razor", "@page \"/counter\"\n<h1>Counter</h1>"));

        var home = Sites.Compose(site, HomePath)!.Head();
        home.Titles.Select(t => t.Value.Text).ShouldBe(["Home of Acme widgets"]);
        home.HasMeta("og:site_name").ShouldBeTrue();

        var counter = Sites.Compose(site, "/app/Components/Pages/Counter.razor")!.Head();
        counter.Titles.Select(t => t.Value.Text).ShouldBe(["Acme"]);
    }

    [Fact]
    public void The_page_HeadContent_replaces_the_layout_one()
    {
        // The last HeadContent rendered wins entirely (dotnet/aspnetcore#51864): the layout's og:site_name is gone.
        var site = Sites.Blazor(
            ("/app/Components/Layout/MainLayout.razor", "@inherits LayoutComponentBase\n<HeadContent><meta property=\"og:site_name\" content=\"Acme\" /></HeadContent>\n<main>@Body</main>"),
            (HomePath, "@page \"/\"\n<PageTitle>Home of Acme widgets</PageTitle>\n<HeadContent><meta name=\"description\" content=\"Widgets.\" /></HeadContent>"));

        var head = Sites.Compose(site, HomePath)!.Head();

        head.HasMeta("description").ShouldBeTrue();
        head.HasMeta("og:site_name").ShouldBeFalse();
    }

    [Fact]
    public void A_layout_directive_beats_Imports_which_beats_the_router_default()
    {
        var site = Sites.Blazor(
            ("/app/Components/Layout/AdminLayout.razor", "@inherits LayoutComponentBase\n<PageTitle>Admin</PageTitle>\n@Body"),
            ("/app/Components/Layout/DocsLayout.razor", "@inherits LayoutComponentBase\n<PageTitle>Docs</PageTitle>\n@Body"),
            ("/app/Components/Pages/Admin/_Imports.razor", "@layout AdminLayout"),
            ("/app/Components/Pages/Admin/Users.razor", "@page \"/admin/users\"\n<h1>Users</h1>"),
            ("/app/Components/Pages/Admin/Docs.razor", "@page \"/admin/docs\"\n@layout DocsLayout\n<h1>Docs</h1>"),
            (HomePath, "@page \"/\"\n<h1>Home</h1>"));

        string Layout(string page) => Sites.Compose(site, page)!.Files.Single(f => f.Role == CompositionRole.Layout).Path;

        Layout("/app/Components/Pages/Admin/Users.razor").ShouldBe("/app/Components/Layout/AdminLayout.razor");
        Layout("/app/Components/Pages/Admin/Docs.razor").ShouldBe("/app/Components/Layout/DocsLayout.razor");
        Layout(HomePath).ShouldBe("/app/Components/Layout/MainLayout.razor");
    }

    [Fact]
    public void Blazor_Server_before_NET_8_uses_the_Pages_Layout_and_its_component_HeadOutlet()
    {
        var site = new InMemoryWorkspace(
            ("/app/Pages/_Host.cshtml", "@page \"/\"\n@{ Layout = \"_Layout\"; }\n<component type=\"typeof(App)\" render-mode=\"ServerPrerendered\" />"),
            ("/app/Pages/_Layout.cshtml", "<!DOCTYPE html>\n<html>\n<head>\n    <base href=\"~/\" />\n    <component type=\"typeof(HeadOutlet)\" render-mode=\"ServerPrerendered\" />\n</head>\n<body>@RenderBody()</body>\n</html>"),
            ("/app/App.razor", "<Router AppAssembly=\"@typeof(App).Assembly\"><Found Context=\"routeData\"><RouteView RouteData=\"@routeData\" DefaultLayout=\"@typeof(MainLayout)\" /></Found></Router>"),
            ("/app/Shared/MainLayout.razor", "@inherits LayoutComponentBase\n<main>@Body</main>"),
            ("/app/Pages/Index.razor", "@page \"/\"\n<PageTitle>Index of widgets and gadgets</PageTitle>\n<h1>Hello</h1>"));

        var composed = Sites.Compose(site, "/app/Pages/Index.razor").ShouldNotBeNull();

        composed.Files.ShouldContain(new CompositionFile("/app/Pages/_Layout.cshtml", CompositionRole.Host));
        composed.Files.ShouldContain(new CompositionFile("/app/Shared/MainLayout.razor", CompositionRole.Layout));
        composed.Head().Title!.Value.Text.ShouldBe("Index of widgets and gadgets");
    }

    [Fact]
    public void WebAssembly_pages_are_not_composed_because_crawlers_read_index_html_as_served()
    {
        var site = new InMemoryWorkspace(
            ("/app/wwwroot/index.html", "<!DOCTYPE html>\n<html>\n<head>\n    <title>Acme</title>\n</head>\n<body>\n    <div id=\"app\">Loading...</div>\n</body>\n</html>"),
            ("/app/App.razor", "<Router AppAssembly=\"@typeof(App).Assembly\"><Found Context=\"routeData\"><RouteView RouteData=\"@routeData\" DefaultLayout=\"@typeof(MainLayout)\" /></Found></Router>"),
            ("/app/Layout/MainLayout.razor", "@inherits LayoutComponentBase\n<main>@Body</main>"),
            ("/app/Pages/Home.razor", "@page \"/\"\n<PageTitle>Home of the Acme widget shop</PageTitle>\n<h1>Hello</h1>"));

        var result = Sites.Analyze(site, "/app/Pages/Home.razor");

        result.Composition.ShouldBeNull();
        result.Head.IsFragment.ShouldBeTrue();
    }

    [Theory]
    [InlineData("/app/Components/Layout/MainLayout.razor")]
    [InlineData("/app/Components/Layout/NavMenu.razor")]
    [InlineData("/app/Components/Routes.razor")]
    [InlineData("/app/Components/_Imports.razor")]
    public void Components_without_a_page_are_not_composed(string path)
    {
        var site = Sites.Blazor(("/app/Components/Layout/NavMenu.razor", "<nav><a href=\"\">Home</a></nav>"), ("/app/Components/_Imports.razor", "@using Acme"));

        Sites.Analyze(site, path).Composition.ShouldBeNull();
    }

    [Fact]
    public void App_razor_alone_renders_the_default_layout_and_leaves_its_HeadOutlet_to_the_pages()
    {
        var site = Sites.Blazor(("/app/Components/Layout/MainLayout.razor", "@inherits LayoutComponentBase\n<PageTitle>Acme</PageTitle>\n<main>@Body</main>\n<footer>(c) Acme</footer>"));

        var composed = Sites.Compose(site, "/app/Components/App.razor").ShouldNotBeNull();

        composed.Files.ShouldContain(new CompositionFile("/app/Components/Layout/MainLayout.razor", CompositionRole.Layout));
        var flat = composed.Flat();
        flat.ShouldContain("<HeadOutlet />");
        flat.ShouldContain("<body> @inherits LayoutComponentBase <main>@Body</main> <footer>(c) Acme</footer> <script");
        composed.Head().IsExtendedElsewhere.ShouldBeTrue();
        composed.Head().Titles.ShouldBeEmpty();
    }

    [Fact]
    public void A_page_with_no_host_found_is_judged_alone()
    {
        var site = new InMemoryWorkspace((HomePath, "@page \"/\"\n<PageTitle>Home</PageTitle>"));

        var result = Sites.Analyze(site, HomePath);

        result.Composition.ShouldBeNull();
        result.Head.IsFragment.ShouldBeTrue();
    }
}
