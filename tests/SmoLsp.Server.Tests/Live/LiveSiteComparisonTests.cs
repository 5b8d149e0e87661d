using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site.Web;
using SmoLsp.Server.Tests.Cli;

namespace SmoLsp.Server.Tests.Live;

/// <summary>
/// The acceptance test of live checks: a copy of examples/site served by a real web server (static files, gzip and
/// brotli) and crawled from its home page reports the same problems as <c>smolsp check</c> on the files, page for page,
/// rule, line, column and severity, plus the ones only the served site can show.
/// </summary>
public sealed class LiveSiteComparisonTests : IAsyncLifetime, IDisposable
{
    private readonly TempTree _tree = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        var repo = Repository();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repo, "examples", "site"), "*", SearchOption.AllDirectories))
        {
            _tree.WriteBytes(Path.GetRelativePath(Path.Combine(repo, "examples", "site"), file), File.ReadAllBytes(file));
        }

        // The example's configuration lives one folder up (examples/smolsp.json): the copy keeps it beside the pages,
        // so the folder served at "/" is the web root of the files too.
        _tree.WriteBytes("smolsp.json", File.ReadAllBytes(Path.Combine(repo, "examples", "smolsp.json")));
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.UseResponseCompression();
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(_tree.Root) });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(_tree.Root) });
        }, services: s => s.AddResponseCompression(o => o.Providers.Add<BrotliCompressionProvider>()));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _tree.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task A_crawl_of_the_served_site_reports_what_the_files_report_plus_what_only_the_server_shows()
    {
        await Task.Yield();
        var files = LiveRun.Check(_tree.Root, new CheckOptions { Paths = ["."], Format = ReportFormat.Json });
        var live = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/")], Format = ReportFormat.Json },
            new WebOptions { Crawl = true, SameOriginOnly = true, Timeout = TimeSpan.FromSeconds(10) });
        files.ExitCode.ShouldBe(ExitCodes.Findings, files.Stderr);
        live.ExitCode.ShouldBe(ExitCodes.Findings, live.Stderr);

        // Pages: every file a crawler can reach; the partial is linked from no page (and is no page).
        var pageOf = new Func<string, string>(url => url[_server.Origin.Length..] is "/" ? "index.html" : url[(_server.Origin.Length + 1)..]);
        var livePages = LiveRun.Files(live).Select(pageOf).Order(StringComparer.Ordinal).ToList();
        livePages.ShouldBe(["about.html", "blog/launch-post.html", "contact.html", "index.html"]);
        LiveRun.Files(files).Except(livePages).ShouldBe(["partials/footer.html"]);

        var fromFiles = LiveRun.Findings(files).Where(f => livePages.Contains(f.Path)).Select(f => f.Key).Order().ToList();
        var fromServer = LiveRun.Findings(live).Select(f => f with { Path = pageOf(f.Path) }).ToList();
        var remoteOnly = new[] { "SMO310", "SMO414", "SMO415", "SMO416" };

        // Everything templates can know agrees exactly: same rules, same places, same severities.
        fromServer.Where(f => !remoteOnly.Contains(f.Rule)).Select(f => f.Key).Order().ToList().ShouldBe(fromFiles);

        // A missing image is the same finding in words of its source: no file there, a 404 here.
        LiveRun.Findings(files).Single(f => f is { Path: "about.html", Rule: "SMO408" }).Message.ShouldContain("there is no file");
        fromServer.Single(f => f is { Path: "about.html", Rule: "SMO408" }).Message.ShouldContain($"{_server.Url("/img/team.jpg")} answers 404 Not Found");

        // What only the served site shows: the canonical link of about.html names a URL the server does not have.
        fromServer.Where(f => remoteOnly.Contains(f.Rule)).Select(f => (f.Path, f.Rule, f.Line, f.Message)).ShouldBe([
            ("about.html", "SMO310", 13, $"<link rel=\"canonical\"> 'https://www.acme-widgets.example/about' answers 404 Not Found (fetched as {_server.Url("/about")}): crawlers that follow it get the error page, so shares and search results show that page's title and image"),
        ]);

        // siteUrl is fetched from the server standing in for it; nothing left loopback (the run may only connect there).
        _server.Requests.ShouldContain("/img/widget-2000.png");
        live.Stderr.ShouldNotContain("not allowed");
    }

    internal static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmoLsp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SmoLsp.sln not found above " + AppContext.BaseDirectory);
    }
}
