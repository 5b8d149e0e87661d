using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site.Web;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Tests.Images;

namespace SmoLsp.Server.Tests.Live;

/// <summary>
/// A server that misbehaves in every way a crawl can meet: slow, trickling, redirect loops and chains, 500s, endless
/// and compressed-bomb bodies, wrong content types, a robots.txt that forbids. Each case is bounded in time and in what
/// is read, gets one clear message for its URL, and leaves the other pages of the run alone.
/// </summary>
public sealed class HostileServerTests : IAsyncLifetime, IDisposable
{
    private const string Good = """
        <!doctype html>
        <html><head><title>A page that is fine as it is, for people and crawlers</title></head><body></body></html>
        """;

    // 256 MB of HTML each, under half a megabyte on the wire: far past the 16 MB cap, made once for the class.
    private static readonly Lazy<byte[]> s_gzipBomb = new(() => Compress(256L * 1024 * 1024, brotli: false));
    private static readonly Lazy<byte[]> s_brotliBomb = new(() => Compress(256L * 1024 * 1024, brotli: true));

    private readonly TempTree _tree = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _ = s_gzipBomb.Value.Length + s_brotliBomb.Value.Length;
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/", () => Html("""
                <!doctype html><html><head><title>Links to every kind of trouble, and to one good page</title></head><body>
                <a href="/good">good</a> <a href="/slow">slow</a> <a href="/trickle">trickle</a> <a href="/loop">loop</a>
                <a href="/chain/0">chain</a> <a href="/error">error</a> <a href="/endless">endless</a> <a href="/gzip-bomb">gzip</a>
                <a href="/brotli-bomb">brotli</a> <a href="/json">json</a> <a href="/private/secret">private</a> <a href="/missing">missing</a>
                <a href="mailto:a@b.test">mail</a> <a href="https://elsewhere.test/">elsewhere</a> <a href="/img/logo.png">a file</a>
                </body></html>
                """));
            app.MapGet("/good", () => Html(Good));
            app.MapGet("/slow", async (HttpContext c) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
                return Html(Good);
            });
            app.MapGet("/trickle", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/html";
                while (!c.RequestAborted.IsCancellationRequested)
                {
                    await c.Response.Body.WriteAsync("<p>"u8.ToArray(), c.RequestAborted);
                    await c.Response.Body.FlushAsync(c.RequestAborted);
                    await Task.Delay(100, c.RequestAborted);
                }
            });
            app.MapGet("/loop", () => Results.Redirect("/loop2"));
            app.MapGet("/loop2", () => Results.Redirect("/loop"));
            app.MapGet("/chain/{n:int}", (int n) => n < 20 ? Results.Redirect($"/chain/{n + 1}") : Html(Good));
            app.MapGet("/error", () => Results.Text("<h1>oops</h1>", "text/html", statusCode: 500));
            app.MapGet("/endless", async (HttpContext c) =>
            {
                c.Response.ContentType = "text/html";
                var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>more</p>", 6000)));
                while (!c.RequestAborted.IsCancellationRequested)
                {
                    await c.Response.Body.WriteAsync(chunk, c.RequestAborted);
                }
            });
            app.MapGet("/gzip-bomb", (HttpContext c) => Bomb(c, s_gzipBomb.Value, "gzip"));
            app.MapGet("/brotli-bomb", (HttpContext c) => Bomb(c, s_brotliBomb.Value, "br"));
            app.MapGet("/json", () => Results.Text("{}", "application/json"));
            app.MapGet("/private/secret", () => Html(Good));
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n", "text/plain"));
            app.MapGet("/img/logo.png", () => Results.Bytes(TestImageFiles.Png(10, 10), "image/png"));
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _tree.Dispose();

    private static IResult Html(string html) => Results.Text(html, "text/html; charset=utf-8");

    private static async Task Bomb(HttpContext context, byte[] body, string encoding)
    {
        context.Response.ContentType = "text/html";
        context.Response.Headers.ContentEncoding = encoding;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>An HTML page of <paramref name="size"/> bytes of spaces, compressed: hundreds of times smaller.</summary>
    private static byte[] Compress(long size, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream compressor = brotli ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write("<!doctype html><html><head><title>bomb</title>"u8);
            var block = new byte[1 << 20];
            block.AsSpan().Fill((byte)' ');
            for (long written = 0; written < size; written += block.Length)
            {
                compressor.Write(block);
            }
        }

        return output.ToArray();
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_kind_of_trouble_gets_its_own_message_and_the_good_page_is_checked()
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/")], Format = ReportFormat.Json },
            new WebOptions { Crawl = true, Timeout = TimeSpan.FromSeconds(3), TimeBudget = TimeSpan.FromSeconds(60) });
        clock.Stop();

        // The good page and the home page are checked; each bad URL is one line on standard error, naming it.
        LiveRun.Files(run).ShouldBe([_server.Url("/"), _server.Url("/good")], ignoreOrder: true);
        string Line(string path) => run.Stderr.Split('\n').SingleOrDefault(l => l.StartsWith(_server.Url(path) + ":", StringComparison.Ordinal))
            ?? throw new ShouldAssertException($"no line for {path} in:\n{run.Stderr}");
        Line("/slow").ShouldBe($"{_server.Url("/slow")}: skipped: timed out after 3 s (linked from {_server.Url("/")})");
        Line("/trickle").ShouldBe($"{_server.Url("/trickle")}: skipped: timed out after 3 s (linked from {_server.Url("/")})");
        Line("/loop").ShouldBe($"{_server.Url("/loop")}: skipped: a redirect loop ({_server.Url("/loop")} -> {_server.Url("/loop2")} -> {_server.Url("/loop")}) (linked from {_server.Url("/")})");
        Line("/chain/0").ShouldStartWith($"{_server.Url("/chain/0")}: skipped: more than 10 redirects");
        Line("/error").ShouldBe($"{_server.Url("/error")}: skipped: answers 500 Internal Server Error (linked from {_server.Url("/")})");
        Line("/endless").ShouldStartWith($"{_server.Url("/endless")}: skipped: the page is larger than 16 MB (after decompression)");
        Line("/gzip-bomb").ShouldStartWith($"{_server.Url("/gzip-bomb")}: skipped: the page is larger than 16 MB (after decompression)");
        Line("/brotli-bomb").ShouldStartWith($"{_server.Url("/brotli-bomb")}: skipped: the page is larger than 16 MB (after decompression)");
        Line("/missing").ShouldBe($"{_server.Url("/missing")}: skipped: answers 404 Not Found (linked from {_server.Url("/")})");

        // Not pages, never fetched as one: JSON is skipped silently, robots.txt keeps the crawl out of /private/,
        // mail and other sites are not followed, and a link to a .png is not requested.
        run.Stderr.ShouldNotContain("/json");
        run.Stderr.ShouldContain("smolsp: note: 1 link(s) not crawled: robots.txt disallows them for SmoLsp");
        _server.Requests.ShouldNotContain("/private/secret");
        _server.Requests.ShouldNotContain("/img/logo.png");
        run.Stderr.ShouldNotContain("elsewhere");

        // Bounded: the slow, trickling and endless URLs cost their timeout or their cap, no more, all in parallel.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(45));

        // Broken links are skipped pages, as unreadable files in a folder are: the verdict is the checked pages' (warnings here).
        run.ExitCode.ShouldBe(ExitCodes.Clean, run.Stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_named_url_that_fails_is_an_error_and_a_named_url_robots_forbids_is_checked_with_a_note()
    {
        await Task.Yield();
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/error"), _server.Url("/private/secret"), _server.Url("/json")] });

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain($"{_server.Url("/error")}: error: answers 500 Internal Server Error");
        run.Stderr.ShouldContain($"{_server.Url("/json")}: error: not an HTML page (application/json)");
        run.Stderr.ShouldContain($"{_server.Url("/private/secret")}: note: robots.txt disallows this URL for SmoLsp: crawlers that honour it never see this page");
        run.Stdout.ShouldContain("1 file checked");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_time_budget_stops_the_crawl_and_says_how_many_pages_were_not_checked()
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/slow"), _server.Url("/good")] },
            new WebOptions { Crawl = true, Timeout = TimeSpan.FromSeconds(25), TimeBudget = TimeSpan.FromSeconds(5) });

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        run.Stderr.ShouldContain($"{_server.Url("/slow")}: error: not fetched: the run's time budget ran out");
        run.Stdout.ShouldContain("1 file checked");
    }

    [Fact(Timeout = 60_000)]
    public async Task Max_pages_bounds_the_crawl()
    {
        await Task.Yield();
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/")] },
            new WebOptions { Crawl = true, MaxPages = 2, Timeout = TimeSpan.FromSeconds(2) });

        _server.Requests.Count(r => r is not ("/robots.txt" or "/sitemap.xml")).ShouldBe(2);
        run.Stderr.ShouldContain("page(s) not checked: the crawl stops at 2 pages (--max-pages)");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_robots_txt_that_cannot_be_fetched_means_only_the_named_urls_are_checked()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/", () => Html("""<!doctype html><html><head><title>Home of a site whose robots.txt fails</title></head><body><a href="/good">good</a></body></html>"""));
            app.MapGet("/good", () => Html(Good));
            app.MapGet("/robots.txt", () => Results.StatusCode(503));
        });
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [server.Url("/")], Format = ReportFormat.Json }, new WebOptions { Crawl = true });

        LiveRun.Files(run).ShouldBe([server.Url("/")]);
        run.Stderr.ShouldContain($"warning: {server.Origin}/robots.txt answers 503 Service Unavailable: RFC 9309 says crawlers must then assume every page is disallowed");
        server.Requests.ShouldNotContain("/good");
    }
}
