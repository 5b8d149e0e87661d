using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Site.Web;
using SmoLsp.Server.Tests.Cli;
using SmoLsp.Server.Tests.Images;

namespace SmoLsp.Server.Tests.Live;

/// <summary>
/// Live checks against a real server on loopback: what is fetched and how (ranges, HTTP/2, compression, redirects),
/// what the image and URL rules make of the answers, how reports name URLs, shards, the disk cache, and that nothing is
/// fetched unless a URL or --online asks for it.
/// </summary>
public sealed class LiveCheckTests : IAsyncLifetime, IDisposable
{
    private readonly TempTree _tree = new();
    private LoopbackServer _server = null!;
    private int _rangeRequests;
    private long _imageBytesServed;

    private static readonly byte[] s_bigPng = [.. TestImageFiles.Png(1200, 630), .. new byte[12 * 1024 * 1024]];

    private static string Page(string title, string head = "", string body = "") => $"""
        <!doctype html>
        <html>
        <head>
          <title>{title}</title>
          {head}
        </head>
        <body>{body}</body>
        </html>
        """;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/", () => Html(Page("Home of the live test site, with every kind of image", body: """
                <a href="/images">images</a> <a href="/moved">moved</a> <a href="/latin">latin</a> <a href="/images#top">same page</a>
                """)));
            app.MapGet("/images", (HttpContext c) => Html(Page("Images: big, mistyped, redirected and missing ones", $"""
                <meta property="og:image" content="{c.Request.Scheme}://{c.Request.Host}/img/big.png">
                <meta property="og:image" content="/img/typed-wrong.png">
                <meta property="og:image" content="/img/redirected.png">
                <meta name="twitter:image" content="/img/missing.png">
                <meta property="og:url" content="{c.Request.Scheme}://{c.Request.Host}/moved">
                """)));
            app.MapGet("/moved", () => Results.Redirect("/new-home/", permanent: true));
            app.MapGet("/new-home/", () => Html(Page("The page that moved to a folder of its own, with a slash")));
            app.MapGet("/latin", () => Results.Bytes(Encoding.Latin1.GetBytes(Page("Caf\u00e9 cr\u00e8me: a page served in ISO-8859-1, not UTF-8")), "text/html; charset=iso-8859-1"));
            app.MapGet("/only-in-sitemap", () => Html(Page("A page no link reaches, listed in the sitemap only")));
            app.MapGet("/sitemap.xml", (HttpContext c) => Results.Text($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{c.Request.Scheme}://{c.Request.Host}/only-in-sitemap</loc></url></urlset>
                """, "application/xml"));
            app.MapGet("/img/big.png", (HttpContext c) => Image(c, s_bigPng, "image/png"));
            app.MapGet("/img/typed-wrong.png", (HttpContext c) => Image(c, TestImageFiles.Png(1200, 630), "text/html"));
            app.MapGet("/img/redirected.png", () => Results.Redirect("/img/final.png"));
            app.MapGet("/img/final.png", (HttpContext c) =>
            {
                c.Response.Headers.CacheControl = "max-age=3600";
                return Image(c, TestImageFiles.Png(1200, 630), "image/png");
            });
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _tree.Dispose();

    private static IResult Html(string html) => Results.Text(html, "text/html; charset=utf-8");

    /// <summary>Serves an image honouring a Range request (206 with Content-Range), counting what it sends.</summary>
    private IResult Image(HttpContext context, byte[] bytes, string type)
    {
        if (context.Request.Headers.Range.Count > 0)
        {
            Interlocked.Increment(ref _rangeRequests);
        }

        Interlocked.Add(ref _imageBytesServed, Math.Min(bytes.Length, 256 * 1024));
        return Results.Bytes(bytes, type, enableRangeProcessing: true);
    }

    private CheckRun Crawl(params string[] formats) => LiveRun.Check(_tree.Root, new CheckOptions
    {
        Paths = [_server.Url("/")],
        Reports = formats.Length == 0 ? [new ReportTarget(ReportFormat.Json)] : [.. formats.Select(f => ReportTarget.TryParse(f, out var t) ? t : throw new ArgumentException(f))],
    }, new WebOptions { Crawl = true, Timeout = TimeSpan.FromSeconds(10) });

    [Fact(Timeout = 60_000)]
    public async Task Images_are_judged_on_what_the_server_answers()
    {
        await Task.Yield();
        var run = Crawl();
        var images = LiveRun.Findings(run).Where(f => f.Path == _server.Url("/images")).ToList();

        // 12 MB by Content-Range, read with one Range request for its first 256 KB.
        images.ShouldContain(f => f.Rule == "SMO406" && f.Message.Contains($"{_server.Url("/img/big.png")} is 12 MB"));
        _rangeRequests.ShouldBeGreaterThan(0);
        _imageBytesServed.ShouldBeLessThanOrEqualTo(4 * 256 * 1024);

        images.ShouldContain(f => f.Rule == "SMO415" && f.Message.Contains("is served as text/html, not as an image"));
        images.ShouldContain(f => f.Rule == "SMO416" && f.Message.Contains($"redirects (302 to {_server.Url("/img/final.png")})"));
        images.ShouldContain(f => f.Rule == "SMO408" && f.Message.Contains($"{_server.Url("/img/missing.png")} answers 404 Not Found"));
        images.ShouldContain(f => f.Rule == "SMO310" && f.Message.Contains($"redirects (301 to {_server.Url("/new-home/")})"));
        images.Where(f => f.Rule == "SMO404").ShouldBeEmpty(); // the real size is read: 1200x630 is big enough
    }

    [Fact(Timeout = 60_000)]
    public async Task Reports_name_the_final_url_and_the_redirect_that_led_there()
    {
        await Task.Yield();
        var run = Crawl();

        LiveRun.Files(run).ShouldBe([
            _server.Url("/"), _server.Url("/images"), _server.Url("/latin"), _server.Url("/new-home/"), _server.Url("/only-in-sitemap"),
        ]);
        run.Stderr.ShouldContain($"{_server.Url("/new-home/")}: note: requested as {_server.Url("/moved")}, redirected: 301 to {_server.Url("/new-home/")}");

        // A Latin-1 page is decoded by its charset: the title's length is counted in characters, not mangled bytes.
        LiveRun.Findings(run).Where(f => f.Path == _server.Url("/latin")).ShouldNotContain(f => f.Message.Contains('\uFFFD'));
    }

    [Fact(Timeout = 60_000)]
    public async Task Sarif_uses_the_url_as_the_artifact_location_and_other_formats_name_it_too()
    {
        await Task.Yield();
        var sarif = _tree.PathOf("out/live.sarif");
        var run = Crawl("text", $"sarif={sarif}", $"junit={_tree.PathOf("out/live.xml")}", $"html={_tree.PathOf("out/live.html")}");

        var results = JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        results.ShouldNotBeEmpty();
        results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
            .ShouldAllBe(uri => uri!.StartsWith(_server.Origin + "/", StringComparison.Ordinal));
        var schema = Infrastructure.JsonSchemaValidator.Load(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json"));
        schema.Validate(JsonDocument.Parse(File.ReadAllText(sarif)).RootElement).ShouldBeEmpty();
        File.ReadAllText(_tree.PathOf("out/live.xml")).ShouldContain(_server.Url("/images"));
        File.ReadAllText(_tree.PathOf("out/live.html")).ShouldContain(_server.Url("/images"));
        run.Stdout.Split('\n').ShouldContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^" + System.Text.RegularExpressions.Regex.Escape(_server.Url("/images")) + @":\d+:\d+: "));
    }

    [Fact(Timeout = 60_000)]
    public async Task Shards_split_urls_by_path_each_page_in_exactly_one()
    {
        await Task.Yield();
        var all = LiveRun.Files(Crawl());
        var shards = Enumerable.Range(1, 3).Select(i => LiveRun.Files(LiveRun.Check(_tree.Root,
            new CheckOptions { Paths = [_server.Url("/")], Format = ReportFormat.Json, Shard = new Shard(i, 3) },
            new WebOptions { Crawl = true }))).ToList();

        shards.SelectMany(s => s).Order(StringComparer.Ordinal).ShouldBe(all.Order(StringComparer.Ordinal));
        foreach (var (shard, i) in shards.Select((s, i) => (s, i)))
        {
            shard.ShouldAllBe(url => Shard.Of(new Uri(url).PathAndQuery, 3) == i);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_disk_cache_makes_a_rerun_ask_only_what_may_have_changed()
    {
        await Task.Yield();
        var cache = _tree.PathOf("cache");
        var web = new WebOptions { Crawl = true, CacheDirectory = cache };
        var first = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/")], Format = ReportFormat.Json }, web);
        var before = _server.Requests.Count(r => r == "/img/final.png");
        var second = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [_server.Url("/")], Format = ReportFormat.Json }, web);

        // Fresh by max-age: not asked again. The findings are the same.
        _server.Requests.Count(r => r == "/img/final.png").ShouldBe(before);
        LiveRun.Findings(second).ShouldBe(LiveRun.Findings(first));
        Directory.EnumerateFiles(cache, "*.json").ShouldNotBeEmpty();
    }

    [Fact]
    public void The_disk_cache_keeps_redirects_in_the_words_earlier_runs_wrote()
    {
        var cache = new WebDiskCache(_tree.PathOf("cache"));
        var facts = new WebResponseFacts("https://acme.test/img/share.png", 200)
        {
            Reason = "OK",
            FinalUrl = "https://cdn.acme.test/share.png",
            Redirects = [new WebRedirect("https://acme.test/img/share.png", 301, "https://acme.test/share.png"), new WebRedirect("https://acme.test/share.png", 302, "https://cdn.acme.test/share.png")],
            ContentType = "image/png",
        };
        cache.Save(FetchKind.Image, new WebFetch(facts) { Body = [0x89, 0x50], FreshFor = TimeSpan.FromHours(1) }, DateTimeOffset.UtcNow);

        // Written by earlier runs in these words: a cache directory outlives an upgrade.
        using var file = JsonDocument.Parse(File.ReadAllBytes(Directory.EnumerateFiles(_tree.PathOf("cache"), "*.json").Single()));
        file.RootElement.GetProperty("Redirects").GetRawText().ShouldBe(
            """[{"Url":"https://acme.test/img/share.png","Status":301,"Location":"https://acme.test/share.png"},{"Url":"https://acme.test/share.png","Status":302,"Location":"https://cdn.acme.test/share.png"}]""");

        var read = cache.Load(FetchKind.Image, facts.Url).ShouldNotBeNull().ToFetch().Facts;
        read.Redirects.ShouldBe(facts.Redirects);
        read.FinalUrl.ShouldBe(facts.FinalUrl);
    }

    [Fact(Timeout = 60_000)]
    public async Task Templates_cause_no_request_without_online_and_are_judged_with_it()
    {
        await Task.Yield();
        _tree.Write("site/index.html", Page("A template whose share image is on another server", $"""
            <meta property="og:image" content="{_server.Url("/img/typed-wrong.png")}">
            <meta property="og:url" content="{_server.Url("/moved")}">
            """));

        var offline = LiveRun.Check(_tree.Root, new CheckOptions { Paths = ["site"], Format = ReportFormat.Json });
        _server.Requests.ShouldBeEmpty();
        LiveRun.Findings(offline).ShouldNotContain(f => f.Rule == "SMO415" || f.Rule == "SMO310");

        var online = LiveRun.Check(_tree.Root, new CheckOptions { Paths = ["site"], Format = ReportFormat.Json, Online = true });
        LiveRun.Findings(online).Select(f => f.Rule).ShouldContain("SMO415");
        LiveRun.Findings(online).Select(f => f.Rule).ShouldContain("SMO310");
        _server.Requests.ShouldBe(["/img/typed-wrong.png", "/moved", "/new-home/"], ignoreOrder: true);
    }

    [Fact(Timeout = 60_000)]
    public async Task Https_negotiates_http2()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Html(Page("A page served over HTTPS, where HTTP/2 is negotiated"))), https: true);
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [server.Url("/")], Format = ReportFormat.Json }, server.Options());

        LiveRun.Files(run).ShouldBe([server.Url("/")], run.Stderr);
        server.Requests.ShouldContain("/ (HTTP/2)");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_untrusted_certificate_is_a_clear_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Html(Page("Self-signed"))), https: true);
        var run = LiveRun.Check(_tree.Root, new CheckOptions { Paths = [server.Url("/")] });

        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain($"{server.Url("/")}: error: the TLS connection to {new Uri(server.Origin).Authority} failed");
    }

    [Theory]
    [InlineData("--fix", "--fix and --fix-dry-run change files; a served page (a URL) has none to change")]
    [InlineData("--watch", "--watch follows file changes; a served page (a URL) has none to follow")]
    [InlineData("--max-pages=0", "--max-pages must be 1 or more")]
    [InlineData("--timeout=0", "--timeout must be a number of seconds above 0 (at most a day)")]
    public void Options_that_make_no_sense_for_urls_are_usage_errors(string option, string message)
    {
        var run = CheckRun.Cli("check", option, "http://127.0.0.1:9/");
        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain(message);
    }

    [Fact]
    public void A_url_that_is_not_one_is_a_usage_error()
    {
        var run = CheckRun.Cli("check", "http://");
        run.ExitCode.ShouldBe(ExitCodes.Error);
        run.Stderr.ShouldContain("http://: not a valid URL");
    }
}
