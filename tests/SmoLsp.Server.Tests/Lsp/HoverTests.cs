using System.Text.Json.Nodes;

namespace SmoLsp.Server.Tests.Lsp;

public sealed class HoverTests
{
    private const string Uri = DiagnosticsTests.Uri;

    private const string Page = """
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets: hand-made widgets, shipped worldwide since 1999, with free returns on every order</title>
            <meta name="description" content="We make widgets.">
            <meta property="og:image" content="https://acme.example/card.png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image:height" content="630">
            <link rel="canonical" href="https://acme.example/widgets">
          </head>
          <body><p>Hello</p></body>
        </html>
        """;

    private static async Task<JsonNode?> Hover(LspTestClient client, int line, int character) =>
        (await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = Uri }, position = new { line, character } }))["result"];

    [Fact]
    public async Task Hover_on_the_head_shows_the_share_card_first_and_no_findings()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.VsCode);
        await client.OpenAsync(Uri, Page);
        var hover = (await Hover(client, 2, 4))!;
        ((string?)hover["contents"]!["kind"]).ShouldBe("markdown");
        var text = (string)hover["contents"]!["value"]!;
        text.ShouldStartWith("**Share card** · acme.example  \n");
        // The card: Facebook's title (cut at ≈88 on a word), the description it falls back to, the image.
        text.ShouldContain("> **Acme Widgets: hand-made widgets, shipped worldwide since 1999, with free returns on…**");
        text.ShouldContain("> We make widgets.");
        text.ShouldContain("Image `https://acme.example/card.png` · declared 1200×630");
        text.ShouldContain("X title at 70");
        text.ShouldContain("description `description` line 5 (fallback)");
        text.ShouldContain("Not set: `og:title`, `og:description`");
        text.ShouldContain("Cut: X title at 70 · Facebook title at ≈88");
        // Findings are the editor's to show beside the hover, not repeated in it.
        text.ShouldNotContain("SMO001");
        text.ShouldContain("on this page; the full preview");
        ((int?)hover["range"]!["start"]!["line"]).ShouldBe(2);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Hover_works_on_title_meta_and_canonical_and_nowhere_else()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07);
        await client.OpenAsync(Uri, Page);
        (await Hover(client, 3, 10)).ShouldNotBeNull();
        (await Hover(client, 5, 10)).ShouldNotBeNull();
        (await Hover(client, 8, 10)).ShouldNotBeNull();
        (await Hover(client, 10, 12)).ShouldBeNull();
        (await Hover(client, 0, 3)).ShouldBeNull();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Plain_text_clients_get_plain_text_and_razor_values_are_shown_as_code()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(new { textDocument = new { hover = new { contentFormat = new[] { "plaintext" } } } });
        await client.OpenAsync("file:///site/Index.cshtml", "<html>\n<head>\n<title>@ViewData[\"Title\"]</title>\n</head>\n</html>\n", languageId: "razor");
        var hover = (await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///site/Index.cshtml" }, position = new { line = 2, character = 3 } }))["result"]!;
        ((string?)hover["contents"]!["kind"]).ShouldBe("plaintext");
        ((string)hover["contents"]!["value"]!).ShouldContain("@ViewData[\"Title\"] (set at runtime)");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task ShareCard_request_returns_every_platform_with_sources_as_locations()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.VsCode);
        await client.OpenAsync(Uri, Page);
        var card = (await client.RequestAsync("smolsp/shareCard", new { textDocument = new { uri = Uri } }))["result"]!;
        ((string?)card["uri"]).ShouldBe(Uri);
        ((string?)card["host"]).ShouldBe("acme.example");
        var platforms = card["platforms"]!.AsArray();
        platforms.Select(p => (string?)p!["id"]).ShouldBe(["x-large", "x-summary", "facebook", "linkedin", "slack", "discord", "whatsapp", "google"]);
        var x = platforms[0]!;
        ((string?)x["layout"]).ShouldBe("largeImage");
        ((double?)x["imageAspect"]).ShouldBe(2.0);
        var title = x["title"]!;
        ((bool?)title["truncated"]).ShouldBe(true);
        ((bool?)title["fallback"]).ShouldBe(true);
        ((string?)title["value"]!["source"]!["tag"]).ShouldBe("<title>");
        ((string?)title["value"]!["source"]!["location"]!["uri"]).ShouldBe(Uri);
        ((int?)title["value"]!["source"]!["location"]!["range"]!["start"]!["line"]).ShouldBe(3);
        ((string?)platforms[2]!["image"]!["url"]).ShouldBe("https://acme.example/card.png");
        ((int?)platforms[2]!["image"]!["declaredWidth"]).ShouldBe(1200);
        ((int)card["problems"]!["warnings"]!).ShouldBeGreaterThan(0);

        var none = await client.RequestAsync("smolsp/shareCard", new { textDocument = new { uri = "file:///site/nothing-open.html" } });
        none["result"].ShouldBeNull();
        await client.ShutdownAndExitAsync();
    }
}
