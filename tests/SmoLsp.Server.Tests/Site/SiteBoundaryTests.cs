using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Tests.Lsp;
using static SmoLsp.Server.Tests.Lsp.WorkspaceTesting;

namespace SmoLsp.Server.Tests.Site;

/// <summary>
/// Cross-page rules compare the pages of one site, not of a whole repository: two apps side by side (a <c>.csproj</c>
/// each, a <c>smolsp.json</c> each, a static-site generator's configuration) never share a title finding.
/// </summary>
public sealed class SiteBoundaryTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    /// <summary>A repository with two ASP.NET apps, a Jekyll site and a loose folder; every page titled "Acme Widgets".</summary>
    private void WriteMonorepo()
    {
        _tree.Write(".git/HEAD", "x");
        _tree.Write("apps/shop/Shop.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
        _tree.Write("apps/shop/wwwroot/index.html", Pages.Clean);
        _tree.Write("apps/admin/smolsp.json", "{}");
        _tree.Write("apps/admin/index.html", Pages.Clean);
        _tree.Write("apps/admin/users/index.html", Pages.Clean);
        _tree.Write("blog/_config.yml", "title: Acme\n");
        _tree.Write("blog/index.html", Pages.Clean);
        _tree.Write("loose/a.html", Pages.Clean);
        _tree.Write("loose/b/c.html", Pages.Clean);
    }

    [Fact]
    public void Check_compares_titles_within_each_site_only()
    {
        WriteMonorepo();
        var run = CheckRun.Check(_tree, new CheckOptions(), engine: CheckRun.EngineWith("SMO210"));

        // admin's two pages share a title; so do the two loose pages (the repository is their site); shop and blog are alone.
        run.ProblemLines.Select(l => l[..l.IndexOf(':')]).ShouldBe(["apps/admin/index.html", "apps/admin/users/index.html", "loose/a.html", "loose/b/c.html"]);
        run.ProblemLines[0].ShouldContain("is also the title of users/index.html:"); // pages are named relative to their site
    }

    [Fact]
    public async Task The_language_server_draws_the_same_boundaries()
    {
        WriteMonorepo();
        await using var client = new LspTestClient(services => services.AddSingleton(CheckRun.EngineWith("SMO210")));
        await client.InitializeAsync(Capabilities.VsCode, rootUri: UriOf(_tree.Root));
        var report = await client.PullWorkspaceAsync();

        var flagged = report.Where(r => r.Value.Codes().Any()).Select(r => Path.GetRelativePath(_tree.Root, new Uri(r.Key).LocalPath).Replace('\\', '/')).Order(StringComparer.Ordinal);
        flagged.ShouldBe(["apps/admin/index.html", "apps/admin/users/index.html", "loose/a.html", "loose/b/c.html"]);
        await client.ShutdownAndExitAsync();
    }
}
