using SmoLsp.Analysis.Composition;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>Which layout renders a page: _ViewStart, the page's own Layout, the view engine's search locations, nesting.</summary>
public sealed class LayoutResolutionTests
{
    private static IReadOnlyList<string> Layouts(ComposedDocument? composed) =>
        composed is null ? [] : composed.Files.Where(f => f.Role == CompositionRole.Layout).Select(f => f.Path).ToList();

    [Fact]
    public void ViewStart_sets_the_layout_and_Views_Shared_holds_it()
    {
        var site = Sites.Mvc(("/app/Views/Home/Index.cshtml", Sites.Index));

        var composed = Sites.Compose(site, "/app/Views/Home/Index.cshtml").ShouldNotBeNull();

        Layouts(composed).ShouldBe(["/app/Views/Shared/_Layout.cshtml"]);
        composed.Files.ShouldContain(new CompositionFile("/app/Views/_ViewStart.cshtml", CompositionRole.ViewStart));
        composed.Flat().ShouldContain("<title>Home page - Acme</title>");
        composed.Flat().ShouldContain("<main role=\"main\"> @{ ViewData[\"Title\"] = \"Home page\"; } <div class=\"text-center\">");
    }

    [Fact]
    public void The_nearest_ViewStart_wins()
    {
        var site = Sites.Mvc(
            ("/app/Views/Admin/_ViewStart.cshtml", "@{ Layout = \"_AdminLayout\"; }"),
            ("/app/Views/Shared/_AdminLayout.cshtml", "<html><head><title>Admin</title></head><body>@RenderBody()</body></html>"),
            ("/app/Views/Admin/Users.cshtml", "<h1>Users</h1>"));

        Layouts(Sites.Compose(site, "/app/Views/Admin/Users.cshtml")).ShouldBe(["/app/Views/Shared/_AdminLayout.cshtml"]);
    }

    [Fact]
    public void A_ViewStart_that_does_not_set_the_layout_leaves_it_to_the_one_above()
    {
        var site = Sites.Mvc(
            ("/app/Views/Admin/_ViewStart.cshtml", "@{ ViewData[\"Section\"] = \"Admin\"; }"),
            ("/app/Views/Admin/Users.cshtml", "<h1>Users</h1>"));

        Layouts(Sites.Compose(site, "/app/Views/Admin/Users.cshtml")).ShouldBe(["/app/Views/Shared/_Layout.cshtml"]);
    }

    [Fact]
    public void The_page_overrides_the_ViewStart()
    {
        var site = Sites.Mvc(
            ("/app/Views/Shared/_Plain.cshtml", "<html><head><title>Plain</title></head><body>@RenderBody()</body></html>"),
            ("/app/Views/Home/About.cshtml", "@{ Layout = \"_Plain\"; }\n<h1>About</h1>"));

        Layouts(Sites.Compose(site, "/app/Views/Home/About.cshtml")).ShouldBe(["/app/Views/Shared/_Plain.cshtml"]);
    }

    [Fact]
    public void Layout_null_renders_the_page_alone()
    {
        var site = Sites.Mvc(("/app/Views/Home/Bare.cshtml", "@{ Layout = null; }\n<!DOCTYPE html>\n<html><head><title>Bare page</title></head><body></body></html>"));

        var result = Sites.Analyze(site, "/app/Views/Home/Bare.cshtml");

        result.Composition.ShouldBeNull();
        result.Head.IsFragment.ShouldBeFalse();
    }

    [Fact]
    public void Razor_Pages_search_the_page_folder_and_its_parents_before_Pages_Shared()
    {
        var site = new InMemoryWorkspace(
            ("/app/Pages/_ViewStart.cshtml", Sites.ViewStart),
            ("/app/Pages/Shared/_Layout.cshtml", Sites.Layout),
            ("/app/Pages/Blog/_Layout.cshtml", "<html><head><title>Blog</title></head><body>@RenderBody()</body></html>"),
            ("/app/Pages/Blog/Posts/First.cshtml", "@page\n<h1>First</h1>"),
            ("/app/Pages/Index.cshtml", "@page\n<h1>Home</h1>"));

        Layouts(Sites.Compose(site, "/app/Pages/Blog/Posts/First.cshtml")).ShouldBe(["/app/Pages/Blog/_Layout.cshtml"]);
        Layouts(Sites.Compose(site, "/app/Pages/Index.cshtml")).ShouldBe(["/app/Pages/Shared/_Layout.cshtml"]);
    }

    [Fact]
    public void Razor_Pages_fall_back_to_Views_Shared()
    {
        var site = new InMemoryWorkspace(
            ("/app/Pages/_ViewStart.cshtml", Sites.ViewStart),
            ("/app/Views/Shared/_Layout.cshtml", Sites.Layout),
            ("/app/Pages/Index.cshtml", "@page\n<h1>Home</h1>"));

        Layouts(Sites.Compose(site, "/app/Pages/Index.cshtml")).ShouldBe(["/app/Views/Shared/_Layout.cshtml"]);
    }

    [Theory]
    [InlineData("~/Views/Shared/_Alt.cshtml")]
    [InlineData("/Views/Shared/_Alt.cshtml")]
    [InlineData("../Shared/_Alt.cshtml")]
    [InlineData("_Alt")]
    public void Paths_resolve_from_the_app_root_or_the_page(string layout)
    {
        var site = Sites.Mvc(
            ("/app/Views/Shared/_Alt.cshtml", "<html><head><title>Alt</title></head><body>@RenderBody()</body></html>"),
            ("/app/Views/Home/Index.cshtml", $"@{{ Layout = \"{layout}\"; }}\n<h1>Home</h1>"));

        Layouts(Sites.Compose(site, "/app/Views/Home/Index.cshtml")).ShouldBe(["/app/Views/Shared/_Alt.cshtml"]);
    }

    [Fact]
    public void Areas_look_in_their_own_Shared_folder_first()
    {
        var site = Sites.Mvc(
            ("/app/Areas/Admin/Views/_ViewStart.cshtml", Sites.ViewStart),
            ("/app/Areas/Admin/Views/Shared/_Layout.cshtml", "<html><head><title>Admin</title></head><body>@RenderBody()</body></html>"),
            ("/app/Areas/Admin/Views/Home/Index.cshtml", "<h1>Admin</h1>"),
            ("/app/Areas/Shop/Views/_ViewStart.cshtml", Sites.ViewStart),
            ("/app/Areas/Shop/Views/Home/Index.cshtml", "<h1>Shop</h1>"));

        Layouts(Sites.Compose(site, "/app/Areas/Admin/Views/Home/Index.cshtml")).ShouldBe(["/app/Areas/Admin/Views/Shared/_Layout.cshtml"]);
        Layouts(Sites.Compose(site, "/app/Areas/Shop/Views/Home/Index.cshtml")).ShouldBe(["/app/Views/Shared/_Layout.cshtml"]);
    }

    [Fact]
    public void Layouts_nest_and_the_outer_layout_holds_the_document()
    {
        var site = Sites.Mvc(
            ("/app/Views/Shared/_Docs.cshtml", "@{ Layout = \"_Layout\"; }\n<nav>Docs</nav>\n<section>@RenderBody()</section>"),
            ("/app/Views/Docs/Intro.cshtml", "@{ Layout = \"_Docs\"; ViewData[\"Title\"] = \"Introduction\"; }\n<h1>Intro</h1>"));

        var composed = Sites.Compose(site, "/app/Views/Docs/Intro.cshtml").ShouldNotBeNull();

        Layouts(composed).ShouldBe(["/app/Views/Shared/_Docs.cshtml", "/app/Views/Shared/_Layout.cshtml"]);
        var flat = composed.Flat();
        flat.ShouldContain("<title>Introduction - Acme</title>");
        flat.IndexOf("<nav>Docs</nav>", StringComparison.Ordinal).ShouldBeLessThan(flat.IndexOf("<h1>Intro</h1>", StringComparison.Ordinal));
        flat.ShouldContain("<section>@{ Layout = \"_Docs\"; ViewData[\"Title\"] = \"Introduction\"; } <h1>Intro</h1></section>");
    }

    [Fact]
    public void Layouts_that_name_each_other_are_not_composed()
    {
        var site = new InMemoryWorkspace(
            ("/app/Views/Shared/_A.cshtml", "@{ Layout = \"_B\"; }\n@RenderBody()"),
            ("/app/Views/Shared/_B.cshtml", "@{ Layout = \"_A\"; }\n@RenderBody()"),
            ("/app/Views/Home/Index.cshtml", "@{ Layout = \"_A\"; }\n<h1>Loop</h1>"));

        Sites.Compose(site, "/app/Views/Home/Index.cshtml").ShouldBeNull();
    }

    [Theory]
    [InlineData("@{ Layout = \"_Missing\"; }\n<h1>Home</h1>")]
    [InlineData("@{ Layout = Model.LayoutName; }\n<h1>Home</h1>")]
    [InlineData("@if (User.IsAdmin) { Layout = \"_Layout\"; } else { Layout = \"_Other\"; }\n<h1>Home</h1>")]
    public void A_layout_that_cannot_be_known_leaves_the_page_alone(string page)
    {
        var site = Sites.Mvc(("/app/Views/Home/Index.cshtml", page));

        var result = Sites.Analyze(site, "/app/Views/Home/Index.cshtml");

        result.Composition.ShouldBeNull();
        result.Head.IsFragment.ShouldBeTrue();
    }

    [Fact]
    public void Without_a_workspace_nothing_is_composed()
    {
        var result = new SmoLsp.Analysis.Engine.AnalysisEngine([]).Analyze(TemplateDocument.FromPath("/app/Views/Home/Index.cshtml", Sites.Index));

        result.Composition.ShouldBeNull();
    }

    [Theory]
    [InlineData("/app/Views/_ViewImports.cshtml", "@using Acme\n@addTagHelper *, Microsoft.AspNetCore.Mvc.TagHelpers")]
    [InlineData("/app/Views/_ViewStart.cshtml", Sites.ViewStart)]
    [InlineData("/app/Views/Shared/_LoginPartial.cshtml", "<ul class=\"navbar-nav\"><li>Sign in</li></ul>")]
    [InlineData("/app/Views/Shared/LoginStatus.cshtml", "@model User\n<span>@Model.Name</span>")]
    [InlineData("/app/Views/Shared/Components/Basket/Default.cshtml", "<a href=\"/basket\">Basket</a>")]
    [InlineData("/app/Pages/Shared/_Product.cshtml", "<div class=\"product\">@Model.Name</div>")]
    [InlineData("/app/Pages/Shared/ProductCard.cshtml", "<div class=\"product\">@Model.Name</div>")]
    public void Fragments_are_not_composed(string path, string text)
    {
        var site = Sites.Mvc((path, text), ("/app/Pages/_ViewStart.cshtml", Sites.ViewStart), ("/app/Pages/Shared/_Layout.cshtml", Sites.Layout));

        var result = Sites.Analyze(site, path);

        result.Composition.ShouldBeNull();
        result.Head.IsFragment.ShouldBeTrue();
    }

    [Fact]
    public void Every_file_looked_up_is_a_dependency_found_or_not()
    {
        var site = Sites.Mvc(("/app/Views/Home/Index.cshtml", Sites.Index));

        var composed = Sites.Compose(site, "/app/Views/Home/Index.cshtml").ShouldNotBeNull();

        composed.Dependencies.ShouldContain("/app/Views/Home/_ViewStart.cshtml"); // absent: creating it would change the page
        composed.Dependencies.ShouldContain("/app/Views/_ViewStart.cshtml");
        composed.Dependencies.ShouldContain("/app/Views/Shared/_Layout.cshtml");
    }
}
