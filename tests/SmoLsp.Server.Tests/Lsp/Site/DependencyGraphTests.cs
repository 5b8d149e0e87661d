using SmoLsp.Server.Site;

namespace SmoLsp.Server.Tests.Lsp.Site;

public sealed class DependencyGraphTests
{
    [Fact]
    public void Dependents_follow_the_latest_analysis_of_each_page()
    {
        var graph = new DependencyGraph();
        graph.Set("/s/a.cshtml", ["/s/_Layout.cshtml", "/s/_ViewStart.cshtml"]);
        graph.Set("/s/b.cshtml", ["/s/_Layout.cshtml"]);
        graph.DependentsOf("/s/_Layout.cshtml").ShouldBe(["/s/a.cshtml", "/s/b.cshtml"]);
        graph.DependentsOf("/s/_ViewStart.cshtml").ShouldBe(["/s/a.cshtml"]);

        graph.Set("/s/a.cshtml", ["/s/img/card.png"]);
        graph.DependentsOf("/s/_Layout.cshtml").ShouldBe(["/s/b.cshtml"]);
        graph.DependentsOf("/s/_ViewStart.cshtml").ShouldBeEmpty();
        graph.DependentsUnder("/s/img").ShouldBe(["/s/a.cshtml"]);

        graph.Remove("/s/b.cshtml");
        graph.DependentsOf("/s/_Layout.cshtml").ShouldBeEmpty();
        graph.PageCount.ShouldBe(1);
    }

    [Fact]
    public void A_dependency_shared_by_many_pages_is_stored_once()
    {
        var graph = new DependencyGraph();
        graph.Set("/s/a.cshtml", [new string("/s/_Layout.cshtml".AsSpan())]);
        graph.Set("/s/b.cshtml", [new string("/s/_Layout.cshtml".AsSpan())]);
        graph.DependenciesOf("/s/a.cshtml")[0].ShouldBeSameAs(graph.DependenciesOf("/s/b.cshtml")[0]);
    }
}
