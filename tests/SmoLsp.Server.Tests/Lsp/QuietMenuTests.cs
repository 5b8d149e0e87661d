using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// The quick-fix menu on a head with many missing tags: one "complete the share card" first, one suppression per line
/// and one per file, at most ten entries; a placeholder title is never copied; hover answers where page-level findings sit.
/// </summary>
public sealed class QuietMenuTests
{
    private const string Uri = "file:///site/index.html";

    // examples/site/index.html's head: a title and a description, nothing social.
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Acme Widgets: sturdy hand-made widgets for every workshop</title>
          <meta name="description" content="Hand-made widgets for the modern workshop, shipped worldwide from our Leeds workshop since 1999.">
          <link rel="canonical" href="https://acme.example/">
        </head>
        <body><h1>Widgets</h1></body>
        </html>
        """;

    private static readonly object s_caps = new
    {
        workspace = new { workspaceEdit = new { documentChanges = true, snippetEditSupport = true } },
        textDocument = new
        {
            publishDiagnostics = new { relatedInformation = true, dataSupport = true },
            hover = new { contentFormat = new[] { "markdown" } },
            codeAction = new { codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix", "source" } } }, isPreferredSupport = true, dataSupport = true },
        },
    };

    // The whole catalog: the menu is about many findings at once.
    private static readonly AnalysisEngine s_engine = BuiltInRules.CreateEngine();

    private static LspTestClient Client() => new(services => services.AddSingleton(s_engine));

    // The same client without snippet edits: the edits carry plain text to apply.
    private static readonly object s_plainCaps = new
    {
        workspace = new { workspaceEdit = new { documentChanges = true } },
        textDocument = new
        {
            publishDiagnostics = new { relatedInformation = true, dataSupport = true },
            codeAction = new { codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix", "source" } } }, isPreferredSupport = true, dataSupport = true },
        },
    };

    private static async Task<JsonArray> ActionsAt(LspTestClient client, string uri, int line, int character)
    {
        var position = new { line, character };
        var response = await client.RequestAsync("textDocument/codeAction", new { textDocument = new { uri }, range = new { start = position, end = position }, context = new { diagnostics = Array.Empty<object>() } });
        return response["result"]!.AsArray();
    }

    [Fact]
    public async Task Many_missing_tags_give_one_complete_action_first_and_at_most_ten_entries()
    {
        await using var client = Client();
        await client.InitializeAsync(s_plainCaps);
        await client.OpenAsync(Uri, Page);
        var diagnostics = await client.WaitForDiagnosticsAsync(Uri, 1);
        var onEndTag = diagnostics.Where(d => (int?)d!["range"]!["start"]!["line"] == 7).ToList();
        onEndTag.Count.ShouldBeGreaterThan(5);

        var actions = await ActionsAt(client, Uri, 7, 3);
        var titles = actions.Select(a => (string)a!["title"]!).ToList();
        titles.Count.ShouldBeLessThanOrEqualTo(CodeActionBuilder.MaxActions);
        titles[0].ShouldStartWith("Complete the share card (");
        ((bool?)actions[0]!["isPreferred"]).ShouldBe(true);
        actions.Count(a => (bool?)a!["isPreferred"] == true).ShouldBe(1);
        titles.Count(t => t.StartsWith("Suppress ", StringComparison.Ordinal)).ShouldBe(2);
        titles.ShouldContain(t => t.StartsWith("Suppress SMO001, ", StringComparison.Ordinal) && t.EndsWith(" on this line", StringComparison.Ordinal));
        titles[^1].ShouldBe(CodeActionBuilder.FixAllTitle);

        // One edit writes every missing tag: the values the page already has, placeholders for the rest.
        LspEdits.EditsFor(actions[0]!["edit"]!, Uri).Count.ShouldBe(1);
        var completed = LspEdits.Apply(Page, LspEdits.EditsFor(actions[0]!["edit"]!, Uri));
        completed.ShouldContain("<meta property=\"og:image\" content=\"TODO: ");
        completed.ShouldContain("<meta property=\"og:title\" content=\"Acme Widgets: sturdy hand-made widgets for every workshop\">");
        completed.ShouldContain("<meta property=\"og:description\" content=\"Hand-made widgets");
        completed.ShouldContain("<meta property=\"og:url\" content=\"https://acme.example/\">");
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 2 }, contentChanges = new object[] { new { text = completed } } });
        var afterDiagnostics = await client.WaitForDiagnosticsAsync(Uri, 2);
        var after = afterDiagnostics.Select(d => (string?)d!["code"]).ToList();
        after.ShouldNotContain("SMO001");
        after.ShouldNotContain("SMO002");
        after.ShouldNotContain("SMO004");
        after.Count.ShouldBeLessThan(diagnostics.Count);

        // What is left on </head> (tags that need a person: an image, a card type that depends on it) has one line
        // suppression naming every rule there, which silences them all.
        var endTag = completed.Split('\n').ToList().FindIndex(l => l.TrimStart().StartsWith("</head>", StringComparison.Ordinal));
        var left = afterDiagnostics.Where(d => (int?)d!["range"]!["start"]!["line"] == endTag).ToList();
        left.ShouldNotBeEmpty();
        var suppress = (await ActionsAt(client, Uri, endTag, 1)).Single(a => ((string)a!["title"]!).EndsWith(" on this line", StringComparison.Ordinal))!;
        var silenced = LspEdits.Apply(completed, LspEdits.EditsFor(suppress["edit"]!, Uri));
        silenced.ShouldContain("<!-- smolsp-disable-next-line " + string.Join(' ', left.Select(d => (string?)d!["code"]).Distinct()) + " -->");
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 3 }, contentChanges = new object[] { new { text = silenced } } });
        (await client.WaitForDiagnosticsAsync(Uri, 3)).Where(d => (int?)d!["range"]!["start"]!["line"] == endTag + 1).ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_placeholder_title_is_not_copied_the_suggestion_is_a_snippet_when_the_client_takes_them()
    {
        const string home = "<html>\n<head>\n  <title>Home</title>\n</head>\n</html>\n";
        await using var client = Client();
        await client.InitializeAsync(s_caps);
        await client.OpenAsync(Uri, home);
        await client.WaitForDiagnosticsAsync(Uri, 1);

        var actions = await ActionsAt(client, Uri, 3, 1);
        actions.Select(a => (string?)a!["title"]).ShouldNotContain("Add og:title from <title>");
        var suggestion = actions.Single(a => (string?)a!["title"] == "Add og:title (write one: the <title> is a placeholder)")!;
        var edit = suggestion["edit"]!["documentChanges"]![0]!["edits"]![0]!;
        edit.AsObject().ContainsKey("newText").ShouldBeFalse();
        ((string?)edit["snippet"]!["kind"]).ShouldBe("snippet");
        // VS Code inserts a snippet's later lines with the indentation of the line it lands on ("  ", the title's)
        // added, so the snippet leaves it out: the tag lands beside the <title>, not a level deeper.
        ((string?)edit["snippet"]!["value"]).ShouldBe("\n<meta property=\"og:title\" content=\"${1:what this page is about}\">$0");
        await client.ShutdownAndExitAsync();

        // A client without snippet edits gets the placeholder as text.
        await using var plain = Client();
        await plain.InitializeAsync(Capabilities.PushWithResolve);
        await plain.OpenAsync(Uri, home);
        await plain.WaitForDiagnosticsAsync(Uri, 1);
        var fix = (await ActionsAt(plain, Uri, 3, 1)).Single(a => (string?)a!["title"] == "Add og:title (write one: the <title> is a placeholder)")!;
        var resolved = (await plain.RequestAsync("codeAction/resolve", fix))["result"]!;
        LspEdits.Apply(home, LspEdits.EditsFor(resolved["edit"]!, Uri)).ShouldContain("<meta property=\"og:title\" content=\"TODO: what this page is about\">");
        await plain.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Hover_answers_where_a_razor_pages_page_level_findings_sit()
    {
        var root = Directory.CreateTempSubdirectory("smolsp-mvc-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "Views", "Home"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "Views", "Shared"));
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "Views", "_ViewStart.cshtml"), "@{\n    Layout = \"_Layout\";\n}\n");
            await File.WriteAllTextAsync(Path.Combine(root.FullName, "Views", "Shared", "_Layout.cshtml"),
                "<!DOCTYPE html>\n<html>\n<head>\n    <title>@ViewData[\"Title\"] - Acme</title>\n    @await RenderSectionAsync(\"head\", required: false)\n</head>\n<body>@RenderBody()</body>\n</html>\n");
            var page = Path.Combine(root.FullName, "Views", "Home", "Index.cshtml");
            const string pageText = "@{\n    ViewData[\"Title\"] = \"Sturdy widgets for every workshop\";\n}\n<h1>Widgets</h1>\n";
            await File.WriteAllTextAsync(page, pageText);
            var uri = new Uri(page).AbsoluteUri;

            await using var client = Client();
            // The site's root: the session reads layouts only inside the workspace.
            await client.InitializeAsync(s_caps, rootUri: new Uri(root.FullName).AbsoluteUri);
            await client.OpenAsync(uri, pageText, languageId: "razor");
            var diagnostics = await client.WaitForDiagnosticsAsync(uri, 1);
            var pageLevel = diagnostics.Single(d => (string?)d!["code"] == "SMO002")!;
            var line = (int)pageLevel["range"]!["start"]!["line"]!;
            var character = (int)pageLevel["range"]!["start"]!["character"]!;

            var hover = (await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = new { line, character } }))["result"];
            hover.ShouldNotBeNull("hover works where the page-level findings sit");
            var text = (string)hover!["contents"]!["value"]!;
            text.ShouldStartWith("**Share card**");
            text.ShouldContain("Sturdy widgets for every workshop - Acme");
            text.ShouldContain("_Layout.cshtml");
            await client.ShutdownAndExitAsync();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
