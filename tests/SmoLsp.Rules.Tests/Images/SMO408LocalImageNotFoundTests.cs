using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO408LocalImageNotFoundTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/card.png", 1200, 630)
        .Image("/img/error.png", null, null, format: ImageFormat.Unknown, problem: "an HTML page, not an image (a saved error page?)");

    [Fact]
    public void Reports_a_missing_file_on_the_url()
    {
        var diagnostic = RuleVerifier.Verify<SMO408LocalImageNotFound>("""
            <head><meta property="og:image" content="[|/img/crad.png|]"></head>
            """, workspace: s_site).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Message.ShouldBe("og:image '/img/crad.png': there is no file wwwroot/img/crad.png; share cards will show no image");
    }

    [Fact]
    public void Reports_a_file_that_is_not_an_image() => RuleVerifier.Verify<SMO408LocalImageNotFound>("""
        <head><meta property="og:image" content="[|/img/error.png|]"></head>
        """, workspace: s_site).Single().Message.ShouldBe("og:image '/img/error.png': wwwroot/img/error.png is not an image (an HTML page, not an image (a saved error page?)); share cards will show no image");

    /// <summary>Where each URL form points, shown by the path in the message; null: not judged.</summary>
    [Theory]
    [InlineData("/img/x.png", "index.html", null, "wwwroot/img/x.png")]
    [InlineData("/img/x.png?v=3#top", "index.html", null, "wwwroot/img/x.png")]
    [InlineData("/img/my%20card.png", "index.html", null, "wwwroot/img/my card.png")]
    [InlineData("/img/./old/../x.png", "index.html", null, "wwwroot/img/x.png")]
    [InlineData(@"\img\x.png", "index.html", null, "wwwroot/img/x.png")]
    [InlineData("img/x.png", "index.html", null, "wwwroot/img/x.png")]
    [InlineData("img/x.png", "/site/wwwroot/blog/post.html", null, "wwwroot/blog/img/x.png")]
    [InlineData("../img/x.png", "/site/wwwroot/blog/post.html", null, "wwwroot/img/x.png")]
    [InlineData("./x.png", "/site/wwwroot/blog/post.html", null, "wwwroot/blog/x.png")]
    [InlineData("img/x.png", "/site/Views/Blog/Post.cshtml", null, "wwwroot/img/x.png")]
    [InlineData("~/img/x.png", "/site/Views/Blog/Post.cshtml", null, "wwwroot/img/x.png")]
    [InlineData("https://acme.test/img/x.png", "index.html", "https://acme.test", "wwwroot/img/x.png")]
    [InlineData("http://www.ACME.test:80/img/x.png?s=1", "index.html", "https://acme.test/", "wwwroot/img/x.png")]
    [InlineData("//acme.test/img/x.png", "index.html", "https://acme.test", "wwwroot/img/x.png")]
    [InlineData("https://acme.test/shop/img/x.png", "index.html", "https://acme.test/shop", "wwwroot/img/x.png")]
    [InlineData("/shop/img/x.png", "index.html", "https://acme.test/shop/", "wwwroot/img/x.png")]
    [InlineData("/img/x.png", "index.html", "https://acme.test/shop", "wwwroot/img/x.png")]
    [InlineData("https://acme.test/img/x.png", "index.html", null, null)]
    [InlineData("https://cdn.acme.test/img/x.png", "index.html", "https://acme.test", null)]
    [InlineData("https://acme.test:8443/img/x.png", "index.html", "https://acme.test", null)]
    [InlineData("https://acme.test/blog/x.png", "index.html", "https://acme.test/shop", null)]
    [InlineData("ftp://acme.test/img/x.png", "index.html", "https://acme.test", null)]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "index.html", null, null)]
    [InlineData("~/img/x.png", "index.html", null, null)]
    [InlineData("/../x.png", "index.html", null, null)]
    [InlineData("../x.png", "index.html", null, null)]
    [InlineData("/img/%2e%2e/%2e%2e/x.png", "index.html", null, null)]
    [InlineData("/img/..%2F..%2Fx.png", "index.html", null, null)]
    [InlineData("/og?title=Hello", "index.html", null, null)]
    [InlineData("/api/og-image", "index.html", null, null)]
    [InlineData("/_content/Acme.Ui/card.png", "index.html", null, null)]
    public void Resolves_site_urls_to_files_under_the_web_root(string url, string documentPath, string? siteUrl, string? expected)
    {
        var config = siteUrl is null ? null : RuleVerifier.Config($$"""{ "siteUrl": "{{siteUrl}}" }""");
        var isRazor = documentPath.EndsWith(".cshtml", StringComparison.Ordinal);
        var tag = $"<meta property=\"og:image\" content=\"{(expected is null ? url : "[|" + url + "|]")}\"{(isRazor ? " /" : string.Empty)}>";
        var diagnostics = RuleVerifier.Verify<SMO408LocalImageNotFound>($"<head>{tag}</head>", documentPath, config, s_site);
        if (expected is not null)
        {
            diagnostics.Single().Message.ShouldContain($"there is no file {expected};");
        }
    }

    [Fact]
    public void A_windows_web_root_gets_windows_separators()
    {
        var site = new WindowsWorkspace();
        RuleVerifier.Verify<SMO408LocalImageNotFound>("""<head><meta property="og:image" content="/img/card.png"></head>""", @"C:\src\site\Views\Home\Index.cshtml", workspace: site);
        site.Asked.ShouldBe(@"C:\src\site\wwwroot\img\card.png");
    }

    [Fact]
    public void Silent_for_existing_external_dynamic_and_empty_values() => RuleVerifier.Verify<SMO408LocalImageNotFound>("""
        <head>
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image:secure_url" content="https://acme.test/img/card.png" />
            <meta name="twitter:image" content="https://cdn.example.com/missing.png" />
            <meta property="og:image" content="~/img/@Model.Slug.png" />
            <meta property="og:image" content="@Url.Content("~/img/missing.png")" />
            <meta property="og:image" content="" />
            <meta property="og:title" content="/img/missing.png" />
            <link rel="icon" href="/img/missing.png" />
        </head>
        """, "Views/Shared/_Layout.cshtml", RuleVerifier.Config("""{ "siteUrl": "https://acme.test" }"""), s_site);

    [Fact]
    public void Without_a_web_root_nothing_is_judged()
    {
        RuleVerifier.Verify<SMO408LocalImageNotFound>("""<head><meta property="og:image" content="/img/missing.png"></head>""");
        RuleVerifier.Verify<SMO408LocalImageNotFound>("""<head><meta property="og:image" content="/img/missing.png"></head>""", workspace: new FakeWorkspace(webRoot: null));
    }

    [Fact]
    public void Each_missing_file_is_reported_once_on_its_first_tag() => RuleVerifier.Verify<SMO408LocalImageNotFound>("""
        <head>
          <meta property="og:image" content="[|/img/gone.png|]">
          <meta name="twitter:image" content="/img/gone.png?v=2">
          <meta name="twitter:image" content="[|/img/also-gone.jpg|]">
        </head>
        """, workspace: s_site);

    [Fact]
    public void Fragments_and_blazor_head_content_are_checked() => RuleVerifier.Verify<SMO408LocalImageNotFound>("""
        @page "/widgets"
        <PageTitle>Widgets</PageTitle>
        <HeadContent>
            <meta property="og:image" content="[|images/widgets.png|]" />
        </HeadContent>
        """, "Components/Pages/Widgets.razor", workspace: s_site);

    [Fact]
    public void On_the_web_a_404_is_not_found_whatever_the_url_looks_like()
    {
        var web = new FakeWorkspace()
            .Web("https://cdn.test/og?title=Hello", 404, reason: "Not Found", format: ImageFormat.Png)
            .Web("https://cdn.test/page.png", 200, "text/html", format: ImageFormat.Unknown)
            .Web("https://cdn.test/down.png", 500, format: ImageFormat.Png);
        RuleVerifier.Verify<SMO408LocalImageNotFound>("""
            <head>
              <meta property="og:image" content="[|https://cdn.test/og?title=Hello|]">
              <meta property="og:image" content="[|https://cdn.test/page.png|]">
              <meta property="og:image" content="https://cdn.test/down.png">
              <meta property="og:image" content="https://cdn.test/never-fetched.png">
            </head>
            """, workspace: web).Select(d => d.Message).ShouldBe([
                "og:image 'https://cdn.test/og?title=Hello': https://cdn.test/og?title=Hello answers 404 Not Found; share cards will show no image",
                "og:image 'https://cdn.test/page.png': https://cdn.test/page.png is not an image (unknown content); share cards will show no image",
            ]);
    }

    [Fact]
    public void A_served_page_names_the_url_it_fetched() => RuleVerifier.Verify<SMO408LocalImageNotFound>("""
        <head><meta property="og:image" content="[|/img/team.jpg|]"></head>
        """, "http://127.0.0.1:8080/about.html", workspace: new FakeWorkspace().Web("http://127.0.0.1:8080/img/team.jpg", 404, reason: "Not Found", format: ImageFormat.Jpeg))
        .Single().Message.ShouldBe("og:image '/img/team.jpg': http://127.0.0.1:8080/img/team.jpg answers 404 Not Found; share cards will show no image");

    /// <summary>A Windows host: paths with '\'. Records the image path the rule asked for.</summary>
    private sealed class WindowsWorkspace : ITemplateWorkspace
    {
        public string? Asked { get; private set; }

        public Analysis.TemplateDocument? GetTemplate(string path) => null;

        public bool Exists(string path) => false;

        public ImageFacts? GetImage(string path)
        {
            Asked = path;
            return new ImageFacts(path, 100, ImageFormat.Png, 1200, 630, false, null);
        }

        public string? GetWebRoot(string documentPath) => @"C:\src\site\wwwroot";
    }
}
