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
    public async Task Hover_on_the_head_shows_the_social_preview_and_the_rules_firing_there()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.VsCode);
        await client.OpenAsync(Uri, Page);
        var hover = (await Hover(client, 2, 4))!;
        ((string?)hover["contents"]!["kind"]).ShouldBe("markdown");
        var text = (string)hover["contents"]!["value"]!;
        text.ShouldContain("**Social preview** · acme.example");
        // X cuts the 98-character title at 70, on a word.
        text.ShouldContain("| **X** 70/200 | Acme Widgets: hand-made widgets, shipped worldwide since 1999, with…");
        text.ShouldContain("https://acme.example/card.png (1200×630)");
        text.ShouldContain("`<link rel=\"canonical\">` line 9 (fallback)");
        text.ShouldContain("Description (Facebook, LinkedIn): `<meta name=\"description\">` line 5 (fallback)");
        text.ShouldContain("[SMO001](");
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
        ((string)hover["contents"]!["value"]!).ShouldContain("X title: @ViewData[\"Title\"] (runtime; length unknown)");
        await client.ShutdownAndExitAsync();
    }
}
