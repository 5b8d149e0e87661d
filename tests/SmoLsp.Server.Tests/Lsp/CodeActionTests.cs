using System.Text.Json.Nodes;

namespace SmoLsp.Server.Tests.Lsp;

public sealed class CodeActionTests
{
    private const string Uri = DiagnosticsTests.Uri;

    private static object Range(int line1, int char1, int line2, int char2) =>
        new { start = new { line = line1, character = char1 }, end = new { line = line2, character = char2 } };

    private static async Task<JsonArray> CodeActions(LspTestClient client, string uri, object range, object? diagnostics = null, string[]? only = null)
    {
        var response = await client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri },
            range,
            context = new { diagnostics = diagnostics ?? Array.Empty<object>(), only },
        });
        response["error"].ShouldBeNull();
        return response["result"]!.AsArray();
    }

    private static JsonObject Titled(JsonArray actions, string title) => actions.Single(a => (string?)a!["title"] == title)!.AsObject();

    [Fact]
    public async Task The_preferred_quick_fix_removes_the_diagnostic_once_applied()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.PushWithResolve);
        await client.OpenAsync(Uri, DiagnosticsTests.MissingOgTitle);
        var diagnostic = (await client.WaitForDiagnosticsAsync(Uri, 1)).Single()!;
        var actions = await CodeActions(client, Uri, diagnostic["range"]!.DeepClone(), new JsonArray(diagnostic.DeepClone()));
        actions.Select(a => (string?)a!["title"]).ShouldBe(["Add og:title from <title>", "Suppress SMO001 on this line", "Suppress SMO001 in this file", "Fix all safe SmoLsp problems"]);
        var fix = actions[0]!.AsObject();
        ((string?)fix["kind"]).ShouldBe("quickfix");
        ((bool?)fix["isPreferred"]).ShouldBe(true);
        actions.Count(a => (bool?)a!["isPreferred"] == true).ShouldBe(1);
        fix["edit"].ShouldBeNull(); // this client resolves edits lazily

        var resolved = (await client.RequestAsync("codeAction/resolve", fix))["result"]!;
        var edit = resolved["edit"]!;
        ((int?)edit["documentChanges"]![0]!["textDocument"]!["version"]).ShouldBe(1);
        var fixedText = LspEdits.Apply(DiagnosticsTests.MissingOgTitle, LspEdits.EditsFor(edit, Uri));
        fixedText.ShouldContain("<meta property=\"og:title\" content=\"Acme Widgets\">");

        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 2 }, contentChanges = new object[] { new { text = fixedText } } });
        (await client.WaitForDiagnosticsAsync(Uri, 2)).ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Neovim_07_byte_columns_in_the_context_are_not_trusted_the_data_is()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07);
        // A multi-byte title before the head makes byte and UTF-16 columns differ.
        var text = "<!doctype html>\n<html lang=\"fr\"><!-- été 😀 --><head>\n<title>Été</title>\n</head>\n</html>\n";
        await client.OpenAsync(Uri, text);
        var diagnostic = (await client.WaitForDiagnosticsAsync(Uri, 1)).Single()!.AsObject();
        var sentBack = diagnostic.DeepClone().AsObject();
        sentBack["range"] = LspTestClient.ToNode(Range(1, 40, 1, 46)); // byte columns, as Neovim 0.7 sends them
        sentBack["tags"] = new JsonObject(); // an empty Lua table comes back as an object

        // Neovim asks with the cursor position (start of the line here), which does not touch the diagnostic's range.
        var actions = await CodeActions(client, Uri, Range(1, 0, 1, 0), new JsonArray(sentBack));
        var fix = Titled(actions, "Add og:title from <title>");
        var resolved = (await client.RequestAsync("codeAction/resolve", fix))["result"]!;
        var edits = LspEdits.EditsFor(resolved["edit"]!, Uri);
        resolved["edit"]!["documentChanges"].ShouldBeNull(); // Neovim 0.7 does not announce documentChanges
        LspEdits.Apply(text, edits).ShouldContain("<title>Été</title>\n<meta property=\"og:title\" content=\"Été\">");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Suppressing_on_a_line_uses_a_razor_comment_in_cshtml_with_the_line_indentation()
    {
        const string cshtml = """
            @page
            @model IndexModel
            <html>
                <head>
                    <title>@ViewData["Title"]</title>
                </head>
            </html>
            """;
        const string uri = "file:///site/Pages/Index.cshtml";
        await using var client = new LspTestClient();
        // No resolve support: the edits come with the actions.
        await client.InitializeAsync(new { textDocument = new { codeAction = new { codeActionLiteralSupport = new { } } } });
        await client.OpenAsync(uri, cshtml, languageId: "razor");
        var diagnostic = (await client.WaitForDiagnosticsAsync(uri, 1)).Single()!;
        var actions = await CodeActions(client, uri, diagnostic["range"]!.DeepClone());

        var line = Titled(actions, "Suppress SMO001 on this line");
        var afterLine = LspEdits.Apply(cshtml, LspEdits.EditsFor(line["edit"]!, uri));
        afterLine.ShouldContain("@ViewData[\"Title\"]</title>\n    @* smolsp-disable-next-line SMO001 *@\n    </head>");

        var file = Titled(actions, "Suppress SMO001 in this file");
        var afterFile = LspEdits.Apply(cshtml, LspEdits.EditsFor(file["edit"]!, uri));
        afterFile.ShouldStartWith("@page\n@model IndexModel\n@* smolsp-disable SMO001 *@\n<html>");

        foreach (var (version, text) in new[] { (2, afterLine), (3, afterFile) })
        {
            await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new object[] { new { text } } });
            (await client.WaitForDiagnosticsAsync(uri, version)).ShouldBeEmpty();
        }

        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Fix_all_applies_every_safe_fix_in_one_edit_and_only_when_asked_for_source_actions()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(new { textDocument = new { codeAction = new { codeActionLiteralSupport = new { } } }, workspace = new { workspaceEdit = new { documentChanges = true } } });
        await client.OpenAsync(Uri, DiagnosticsTests.MissingOgTitle, version: 7);
        await client.WaitForDiagnosticsAsync(Uri, 7);

        var actions = await CodeActions(client, Uri, Range(0, 0, 0, 0), only: ["source.fixAll"]);
        var fixAll = actions.Single()!;
        ((string?)fixAll["kind"]).ShouldBe("source.fixAll.smolsp");
        var edit = fixAll["edit"]!;
        ((int?)edit["documentChanges"]![0]!["textDocument"]!["version"]).ShouldBe(7);
        var fixedText = LspEdits.Apply(DiagnosticsTests.MissingOgTitle, LspEdits.EditsFor(edit, Uri));
        fixedText.ShouldContain("og:title");

        (await CodeActions(client, Uri, Range(0, 0, 0, 0), only: ["quickfix"])).ShouldBeEmpty();
        (await CodeActions(client, Uri, Range(0, 0, 0, 0), only: ["refactor"])).ShouldBeEmpty();

        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 8 }, contentChanges = new object[] { new { text = fixedText } } });
        (await client.WaitForDiagnosticsAsync(Uri, 8)).ShouldBeEmpty();
        (await CodeActions(client, Uri, Range(0, 0, 0, 0), only: ["source.fixAll.smolsp"])).ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Theory]
    [InlineData("\"1:0-1:9\"")]
    [InlineData("[1, 0]")]
    [InlineData("{\"start\":7}")]
    [InlineData("{\"start\":{\"line\":\"1\",\"character\":0}}")]
    [InlineData("{\"start\":{\"line\":null}}")]
    public async Task A_diagnostic_sent_back_with_a_mangled_range_matches_nothing_and_fails_nothing(string range)
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.PushWithResolve);
        await client.OpenAsync(Uri, DiagnosticsTests.MissingOgTitle);
        var diagnostic = (await client.WaitForDiagnosticsAsync(Uri, 1)).Single()!;

        // A diagnostic of an older version is found again by its range's line: a range that gives none matches nothing.
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 2 }, contentChanges = new object[] { new { text = DiagnosticsTests.MissingOgTitle } } });
        await client.WaitForDiagnosticsAsync(Uri, 2);
        var mangled = diagnostic.DeepClone().AsObject();
        mangled["range"] = JsonNode.Parse(range);
        var actions = await CodeActions(client, Uri, Range(0, 0, 0, 0), new JsonArray(mangled));
        actions.ShouldNotContain(a => (string?)a!["title"] == "Add og:title from <title>");

        // The same diagnostic with its range as published is found again on its line.
        var intact = await CodeActions(client, Uri, Range(0, 0, 0, 0), new JsonArray(diagnostic.DeepClone()));
        intact.ShouldContain(a => (string?)a!["title"] == "Add og:title from <title>");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Resolve_after_the_document_changed_finds_the_problem_again_or_says_content_modified()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.PushWithResolve);
        await client.OpenAsync(Uri, DiagnosticsTests.MissingOgTitle);
        var diagnostic = (await client.WaitForDiagnosticsAsync(Uri, 1)).Single()!;
        var fix = (await CodeActions(client, Uri, diagnostic["range"]!.DeepClone()))[0]!;

        // A blank line added at the top moves the head; the fix still resolves, against version 2.
        var moved = "\n" + DiagnosticsTests.MissingOgTitle;
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 2 }, contentChanges = new object[] { new { text = moved } } });
        await client.WaitForDiagnosticsAsync(Uri, 2);
        var resolved = (await client.RequestAsync("codeAction/resolve", fix))["result"]!;
        ((int?)resolved["edit"]!["documentChanges"]![0]!["textDocument"]!["version"]).ShouldBe(2);
        LspEdits.Apply(moved, LspEdits.EditsFor(resolved["edit"]!, Uri)).ShouldContain("og:title");

        var fixAll = (await CodeActions(client, Uri, Range(0, 0, 0, 0), only: ["source.fixAll"])).Single()!;
        var resolvedFixAll = (await client.RequestAsync("codeAction/resolve", fixAll))["result"]!;
        LspEdits.Apply(moved, LspEdits.EditsFor(resolvedFixAll["edit"]!, Uri)).ShouldContain("og:title");

        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 3 }, contentChanges = new object[] { new { text = DiagnosticsTests.WithOgTitle } } });
        await client.WaitForDiagnosticsAsync(Uri, 3);
        var gone = await client.RequestAsync("codeAction/resolve", fix);
        ((int?)gone["error"]!["code"]).ShouldBe(SmoLsp.Server.Lsp.Protocol.ErrorCodes.ContentModified);
        await client.ShutdownAndExitAsync();
    }
}
