using SmoLsp.Analysis.Configuration;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Lsp.Site;

public sealed class SiteChangePlannerTests
{
    private static readonly string[] s_indexed = ["/s/Views/Home/Index.cshtml", "/s/Views/Home/About.cshtml", "/s/Views/Blog/Post.cshtml", "/s/Pages/Other.cshtml", "/s/index.html"];

    private static SiteChangePlan Plan(DependencyGraph graph, params FileChange[] changes) => SiteChangePlanner.Plan(
        changes, graph, s_indexed.Contains, p => p.StartsWith("/s/", StringComparison.Ordinal) && SiteFiles.IsTemplate(p),
        d => s_indexed.Where(p => p.StartsWith(d + "/", StringComparison.Ordinal)));

    [Fact]
    public void A_changed_layout_or_image_re_checks_exactly_the_pages_that_read_it()
    {
        var graph = new DependencyGraph();
        graph.Set("/s/Views/Home/Index.cshtml", ["/s/Views/Shared/_Layout.cshtml"]);
        graph.Set("/s/Views/Blog/Post.cshtml", ["/s/Views/Shared/_Layout.cshtml", "/s/wwwroot/card.png"]);
        // The layout is a template of the site too: it is checked itself, then exactly its two pages (not About, not Other).
        Plan(graph, new FileChange("/s/Views/Shared/_Layout.cshtml", FileChangeKind.Changed)).Recheck
            .ShouldBe(["/s/Views/Blog/Post.cshtml", "/s/Views/Home/Index.cshtml", "/s/Views/Shared/_Layout.cshtml"]);
        Plan(graph, new FileChange("/s/wwwroot/card.png", FileChangeKind.Deleted)).Recheck.ShouldBe(["/s/Views/Blog/Post.cshtml"]);
        Plan(graph, new FileChange("/s/wwwroot/other.png", FileChangeKind.Created)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void A_new_view_start_or_layout_re_checks_the_pages_of_its_folder_subtree()
    {
        var graph = new DependencyGraph();
        Plan(graph, new FileChange("/s/Views/Home/_ViewStart.cshtml", FileChangeKind.Created)).Recheck
            .ShouldBe(["/s/Views/Home/About.cshtml", "/s/Views/Home/Index.cshtml", "/s/Views/Home/_ViewStart.cshtml"]);
        // A layout in Shared serves the folder above it.
        Plan(graph, new FileChange("/s/Views/Shared/_Layout.cshtml", FileChangeKind.Created)).Recheck
            .ShouldBe(["/s/Views/Blog/Post.cshtml", "/s/Views/Home/About.cshtml", "/s/Views/Home/Index.cshtml", "/s/Views/Shared/_Layout.cshtml"]);
        // A plain page created is checked alone.
        Plan(graph, new FileChange("/s/Views/Home/New.cshtml", FileChangeKind.Created)).Recheck.ShouldBe(["/s/Views/Home/New.cshtml"]);
    }

    [Fact]
    public void Deleted_pages_are_removed_and_their_dependents_re_checked_and_a_rename_is_delete_plus_create()
    {
        var graph = new DependencyGraph();
        graph.Set("/s/Pages/Other.cshtml", ["/s/index.html"]);
        var plan = Plan(graph, new FileChange("/s/index.html", FileChangeKind.Deleted), new FileChange("/s/home.html", FileChangeKind.Created));
        plan.Removed.ShouldBe(["/s/index.html"]);
        plan.Recheck.ShouldBe(["/s/Pages/Other.cshtml", "/s/home.html"]);
        plan.Invalidated.ShouldBe(["/s/index.html", "/s/home.html"]);

        var folder = Plan(graph, new FileChange("/s/Views/Home", FileChangeKind.Deleted));
        folder.Removed.ShouldBe(["/s/Views/Home/About.cshtml", "/s/Views/Home/Index.cshtml"]);
    }

    [Fact]
    public void Configuration_ignore_and_editorconfig_files_are_flagged_for_the_host()
    {
        var graph = new DependencyGraph();
        var plan = Plan(graph, new FileChange("/s/smolsp.json", FileChangeKind.Changed), new FileChange("/s/blog/.smolspignore", FileChangeKind.Created), new FileChange("/s/.editorconfig", FileChangeKind.Changed));
        plan.ConfigurationChanged.ShouldBeTrue();
        plan.IgnoreFilesChanged.ShouldBeTrue();
        plan.EditorConfigChanged.ShouldBeTrue();
        plan.Recheck.ShouldBeEmpty();
    }
}
