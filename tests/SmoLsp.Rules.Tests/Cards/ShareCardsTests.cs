using SmoLsp.Analysis;
using SmoLsp.Analysis.Cards;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Cards;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Cards;

public sealed class ShareCardsTests
{
    private static readonly AnalysisEngine s_engine = BuiltInRules.CreateEngine();

    private static ShareCard Card(string path, string text, FakeWorkspace? workspace = null, SmoLspConfiguration? configuration = null)
    {
        workspace ??= new FakeWorkspace();
        configuration ??= SmoLspConfiguration.Default;
        var result = s_engine.Analyze(TemplateDocument.FromPath(path, text), configuration, workspace);
        return ShareCards.Build(result, configuration, workspace).ShouldNotBeNull();
    }

    private const string Page = """
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets: hand-made widgets, shipped worldwide since 1999, with free returns on every order</title>
            <meta name="description" content="We make widgets.">
            <meta property="og:image" content="/img/card.png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image:height" content="630">
            <link rel="canonical" href="https://acme.example/widgets">
          </head>
        </html>
        """;

    [Fact]
    public void Each_platform_reads_its_fallback_chain_and_says_where_the_value_comes_from()
    {
        var card = Card("/site/wwwroot/index.html", Page);
        card.Platforms.Select(p => p.Id).ShouldBe(["x-large", "x-summary", "facebook", "linkedin", "slack", "discord", "whatsapp", "google"]);

        var x = card.Platform("x-large")!;
        x.Title.Chain.ShouldBe(["twitter:title", "og:title", "<title>"]);
        x.Title.From.ShouldBe("<title>");
        x.Title.IsFallback.ShouldBeTrue();
        // X has no description fallback to <meta name="description">; Facebook does.
        x.Description.Value.ShouldBeNull();
        card.Platform("facebook")!.Description.From.ShouldBe("description");
        card.Platform("facebook")!.Description.Value!.Text.ShouldBe("We make widgets.");

        var source = x.Title.Value!.Source;
        source.Path.ShouldBe("/site/wwwroot/index.html");
        source.Range.Start.Line.ShouldBe(3);
        Page.Substring(source.Span.Start, source.Span.Length).ShouldStartWith("<title>Acme");
        card.DisplayHost.ShouldBe("acme.example");
        card.Url!.Source.Tag.ShouldBe("canonical");
    }

    [Fact]
    public void Titles_are_cut_at_each_platforms_limit_on_a_word()
    {
        var card = Card("/site/wwwroot/index.html", Page);
        var x = card.Platform("x-summary")!.Title;
        x.Limit.ShouldBe(70);
        x.LimitDocumented.ShouldBeTrue();
        x.IsTruncated.ShouldBeTrue();
        x.Shown.ShouldBe("Acme Widgets: hand-made widgets, shipped worldwide since 1999, with…");
        x.Shown!.Length.ShouldBeLessThanOrEqualTo(70);
        card.Platform("google")!.Title.Shown!.Length.ShouldBeLessThanOrEqualTo(60);
        card.Platform("facebook")!.Title.LimitDocumented.ShouldBeFalse();
        // Slack cuts by lines, not characters.
        card.Platform("slack")!.Title.IsTruncated.ShouldBeFalse();
    }

    [Fact]
    public void A_local_image_is_resolved_under_the_web_root_with_its_facts()
    {
        var workspace = new FakeWorkspace().Image("/img/card.png", 1200, 630, bytes: 84_000);
        var image = Card("/site/wwwroot/index.html", Page, workspace).Platform("facebook")!.Image!;
        image.Url.ShouldBe("/img/card.png");
        image.FilePath.ShouldBe("/site/wwwroot/img/card.png");
        image.Facts!.Width.ShouldBe(1200);
        image.Facts.Bytes.ShouldBe(84_000);
        image.DeclaredWidth.ShouldBe(1200);
        image.DeclaredHeight.ShouldBe(630);

        var missing = Card("/site/wwwroot/index.html", Page).Platform("facebook")!.Image!;
        missing.IsLocal.ShouldBeTrue();
        missing.FileExists.ShouldBeFalse();
    }

    [Fact]
    public void A_remote_image_is_not_local_and_X_prefers_twitter_image()
    {
        var card = Card("/site/wwwroot/a.html", """
            <html><head>
            <meta property="og:image" content="https://cdn.example/og.png">
            <meta name="twitter:image" content="https://cdn.example/x.png">
            <meta name="twitter:card" content="summary_large_image">
            </head></html>
            """);
        card.Platform("facebook")!.Image!.Url.ShouldBe("https://cdn.example/og.png");
        card.Platform("facebook")!.Image!.IsLocal.ShouldBeFalse();
        card.Platform("x-large")!.Image!.Url.ShouldBe("https://cdn.example/x.png");
        card.XCardType.ShouldBe("summary_large_image");
        card.Platform("discord")!.ImageAspect.ShouldBe(1.91);
    }

    [Fact]
    public void Razor_expressions_are_shown_as_written_and_never_cut()
    {
        var card = Card("/site/Views/Home/Index.cshtml", "<html>\n<head>\n<title>@ViewData[\"Title\"] - a very long suffix that goes on and on past every limit a platform has for titles</title>\n</head>\n</html>\n");
        var title = card.Platform("x-summary")!.Title;
        title.Value!.IsDynamic.ShouldBeTrue();
        title.IsTruncated.ShouldBeFalse();
        title.Shown.ShouldStartWith("@ViewData[\"Title\"]");
    }

    [Fact]
    public void Site_name_comes_from_og_site_name_then_the_configuration_then_the_host()
    {
        var configured = Card("/site/wwwroot/a.html", "<html><head><title>About Acme</title></head></html>", configuration: SmoLspConfiguration.Default with { SiteName = "Acme", SiteUrl = "https://acme.example" });
        configured.Platform("slack")!.Site.Value!.Text.ShouldBe("Acme");
        configured.Platform("slack")!.Site.Value!.Source.IsConfiguration.ShouldBeTrue();
        configured.DisplayHost.ShouldBe("acme.example");

        var tagged = Card("/site/wwwroot/a.html", "<html><head><meta property=\"og:site_name\" content=\"Acme Co\"></head></html>");
        tagged.Platform("discord")!.Site.Value!.Text.ShouldBe("Acme Co");
    }

    [Fact]
    public void A_composed_page_points_at_the_layout_for_what_the_layout_writes()
    {
        const string layout = """
            <!DOCTYPE html>
            <html>
            <head>
                <title>@ViewData["Title"] - Acme</title>
                <meta property="og:site_name" content="Acme" />
                @await RenderSectionAsync("head", required: false)
            </head>
            <body>@RenderBody()</body>
            </html>
            """;
        const string page = """
            @{
                ViewData["Title"] = "Widgets";
            }
            @section head {
                <meta property="og:description" content="Sturdy widgets." />
            }
            <h1>Widgets</h1>
            """;
        var workspace = new FakeWorkspace()
            .Template("/app/Views/_ViewStart.cshtml", "@{ Layout = \"_Layout\"; }")
            .Template("/app/Views/Shared/_Layout.cshtml", layout);
        var card = Card("/app/Views/Home/Index.cshtml", page, workspace);

        card.IsComposed.ShouldBeTrue();
        card.ComposedFrom.ShouldContain("/app/Views/Shared/_Layout.cshtml");
        var facebook = card.Platform("facebook")!;
        facebook.Title.Value!.Text.ShouldBe("Widgets - Acme");
        facebook.Title.Value.Source.Path.ShouldBe("/app/Views/Shared/_Layout.cshtml");
        facebook.Title.Value.Source.Range.Start.Line.ShouldBe(3);
        facebook.Description.Value!.Source.Path.ShouldBe("/app/Views/Home/Index.cshtml");
        facebook.Description.Value.Source.Range.Start.Line.ShouldBe(4);
        card.Platform("slack")!.Site.Value!.Source.Path.ShouldBe("/app/Views/Shared/_Layout.cshtml");
    }

    [Fact]
    public void A_fragment_has_no_card()
    {
        var workspace = new FakeWorkspace();
        var result = s_engine.Analyze(TemplateDocument.FromPath("/site/Views/Shared/_Nav.cshtml", "<nav><a href=\"/\">Home</a></nav>"), SmoLspConfiguration.Default, workspace);
        ShareCards.Build(result, SmoLspConfiguration.Default, workspace).ShouldBeNull();
    }

    [Fact]
    public void Truncate_never_exceeds_the_limit()
    {
        CardText.Truncate("short", 10).ShouldBe("short");
        CardText.Truncate("abcdefghijklmnop", 8).ShouldBe("abcdefg…");
        CardText.Truncate("one two three four five", 12).ShouldBe("one two…");
    }
}
