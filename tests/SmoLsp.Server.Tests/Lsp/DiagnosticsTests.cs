using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Rules;

namespace SmoLsp.Server.Tests.Lsp;

public sealed class DiagnosticsTests
{
    public const string Uri = "file:///site/index.html";

    public const string MissingOgTitle = """
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
          </head>
          <body></body>
        </html>
        """;

    public const string WithOgTitle = """
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:title" content="Acme Widgets">
          </head>
          <body></body>
        </html>
        """;

    private static IEnumerable<string?> Codes(JsonArray diagnostics) => diagnostics.Select(d => (string?)d!["code"]);

    [Fact]
    public async Task Opening_a_document_publishes_its_diagnostics_with_everything_a_client_needs()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.PushWithResolve);
        await client.OpenAsync(Uri, MissingOgTitle, version: 3);
        var diagnostics = await client.WaitForDiagnosticsAsync(Uri, version: 3);
        var d = diagnostics.Single()!;
        ((string?)d["code"]).ShouldBe("SMO001");
        ((string?)d["source"]).ShouldBe("smolsp");
        ((int?)d["severity"]).ShouldBe(2);
        ((string?)d["codeDescription"]!["href"]).ShouldBe(SmoLsp.Server.Cli.RuleDocs.BaseUrl + "SMO001.md");
        // On </head>, where the missing tag belongs (hover on <head> shows the share card instead).
        ((int?)d["range"]!["start"]!["line"]).ShouldBe(4);
        ((int?)d["range"]!["start"]!["character"]).ShouldBe(2);
        ((string?)d["data"]!["ruleId"]).ShouldBe("SMO001");
        ((int?)d["data"]!["version"]).ShouldBe(3);
        d["data"]!["fixes"]!.AsArray().Count.ShouldBe(1);
        d["tags"].ShouldBeNull();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Closing_clears_diagnostics_and_an_unused_suppression_is_tagged_unnecessary()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07);
        var text = WithOgTitle.Replace("<title>", "<!-- smolsp-disable-next-line SMO001 -->\n    <title>", StringComparison.Ordinal);
        await client.OpenAsync(Uri, text);
        var diagnostics = await client.WaitForDiagnosticsAsync(Uri, 1);
        var unused = diagnostics.Single()!;
        ((string?)unused["code"]).ShouldBe("SMO901");
        unused["tags"]!.AsArray().Select(t => (int)t!).ShouldBe([1]);

        client.ClearNotifications();
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uri } });
        var cleared = await client.WaitForNotificationAsync("textDocument/publishDiagnostics");
        cleared["params"]!["diagnostics"]!.AsArray().ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_burst_of_a_thousand_changes_ends_with_the_diagnostics_of_the_final_text_and_never_goes_back_a_version()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07, new { diagnosticDelayMs = 5 });
        await client.OpenAsync(Uri, MissingOgTitle);
        await client.WaitForDiagnosticsAsync(Uri, 1);

        // Alternate the og:title in and out of the head; odd versions have it, even ones do not.
        var withTitle = WithOgTitle;
        var without = MissingOgTitle;
        for (var version = 2; version <= 1001; version++)
        {
            var text = version % 2 == 1 ? withTitle : without;
            await client.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri = Uri, version },
                contentChanges = new object[] { new { text } },
            });
        }

        var final = await client.WaitForDiagnosticsAsync(Uri, 1001);
        Codes(final).ShouldBeEmpty();

        // Incremental edits: type an attribute one character at a time, then check the final text's diagnostics.
        var insertion = " data-x=\"1\"";
        for (var i = 0; i < insertion.Length; i++)
        {
            await client.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri = Uri, version = 1002 + i },
                contentChanges = new object[] { new { range = new { start = new { line = 6, character = 7 + i }, end = new { line = 6, character = 7 + i } }, text = insertion[i].ToString() } },
            });
        }

        Codes(await client.WaitForDiagnosticsAsync(Uri, 1001 + insertion.Length)).ShouldBeEmpty();
        var versions = client.Notifications("textDocument/publishDiagnostics").Select(n => (int)n["params"]!["version"]!).ToList();
        versions.ShouldBe(versions.Order().ToList());
        (versions.Count < 200).ShouldBeTrue($"debouncing should coalesce the burst, published {versions.Count} times");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Changes_to_documents_never_opened_and_edits_past_the_end_do_not_hurt()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07);
        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = "file:///never.html", version = 2 }, contentChanges = new object[] { new { text = "x" } } });
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = "file:///never.html" } });
        await client.OpenAsync(Uri, MissingOgTitle);
        await client.WaitForDiagnosticsAsync(Uri, 1);
        await client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri = Uri, version = 2 },
            contentChanges = new object[] { new { range = new { start = new { line = 400, character = 0 }, end = new { line = 401, character = 0 } }, text = "<!-- tail -->" } },
        });
        (await client.WaitForDiagnosticsAsync(Uri, 2)).Count.ShouldBe(1);
        client.Notifications("textDocument/publishDiagnostics").ShouldNotContain(n => (string?)n["params"]!["uri"] == "file:///never.html");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_rule_that_throws_becomes_SMO900_and_the_others_still_report()
    {
        await using var client = new LspTestClient(services => services.AddSingleton(new AnalysisEngine([.. BuiltInRules.All.Where(r => r.Descriptor.Id == "SMO001"), new ThrowingRule()])));
        await client.InitializeAsync(Capabilities.Neovim07);
        await client.OpenAsync(Uri, MissingOgTitle);
        var diagnostics = await client.WaitForDiagnosticsAsync(Uri, 1);
        Codes(diagnostics).Order().ShouldBe(["SMO001", "SMO900"]);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Pull_clients_get_reports_with_result_ids_and_no_pushes()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.VsCode);
        await client.OpenAsync(Uri, MissingOgTitle);
        var first = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = Uri } }))["result"]!;
        ((string?)first["kind"]).ShouldBe("full");
        Codes(first["items"]!.AsArray()).ShouldBe(["SMO001"]);
        var resultId = (string?)first["resultId"];
        resultId.ShouldNotBeNull();

        var again = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = Uri }, previousResultId = resultId }))["result"]!;
        ((string?)again["kind"]).ShouldBe("unchanged");
        ((string?)again["resultId"]).ShouldBe(resultId);

        await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version = 2 }, contentChanges = new object[] { new { text = WithOgTitle } } });
        var changed = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri = Uri }, previousResultId = resultId }))["result"]!;
        ((string?)changed["kind"]).ShouldBe("full");
        changed["items"]!.AsArray().ShouldBeEmpty();

        await Task.Delay(100);
        client.Notifications("textDocument/publishDiagnostics").ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Settings_pushed_with_didChangeConfiguration_recheck_open_documents()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07);
        await client.OpenAsync(Uri, MissingOgTitle);
        Codes(await client.WaitForDiagnosticsAsync(Uri, 1)).ShouldBe(["SMO001"]);
        client.ClearNotifications();

        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { smolsp = new { rules = new { SMO001 = "error" } } } });
        var raised = await client.WaitForDiagnosticsAsync(Uri, 1);
        ((int?)raised.Single()!["severity"]).ShouldBe(1);

        client.ClearNotifications();
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { smolsp = new { rules = new { SMO001 = "off" } } } });
        (await client.WaitForDiagnosticsAsync(Uri, 1)).ShouldBeEmpty();

        // Neovim 0.7 shows work-done progress: the re-check reports one, begun and ended.
        client.ServerRequests.ShouldContain(r => r.Method == "window/workDoneProgress/create");
        var progress = client.Notifications("$/progress").Select(n => (string?)n["params"]!["value"]!["kind"]).ToList();
        progress.First().ShouldBe("begin");
        progress.Last().ShouldBe("end");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Settings_with_errors_are_reported_to_the_user_once()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(Capabilities.Neovim07);
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { smolsp = new { rules = new { SMO999 = "off" }, trace = new { server = "verbose" } } } });
        var message = await client.WaitForNotificationAsync("window/showMessage");
        ((string)message["params"]!["message"]!).ShouldContain("SMO999");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Clients_that_answer_configuration_requests_have_their_settings_applied_before_the_first_diagnostics()
    {
        await using var client = new LspTestClient();
        client.OnServerRequest = (method, _) => method == "workspace/configuration"
            ? new JsonArray(new JsonObject { ["rules"] = new JsonObject { ["SMO001"] = "info" } })
            : null;
        await client.InitializeAsync(Capabilities.PushWithResolve);
        await client.OpenAsync(Uri, MissingOgTitle);
        var diagnostics = await client.WaitForDiagnosticsAsync(Uri, 1);
        ((int?)diagnostics.Single()!["severity"]).ShouldBe(3);
        client.ServerRequests.ShouldContain(r => r.Method == "workspace/configuration" && (string?)r.Params!["items"]![0]!["section"] == "smolsp");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_changed_smolsp_json_is_read_again_when_the_watcher_reports_it()
    {
        var root = Directory.CreateTempSubdirectory("smolsp-lsp-");
        try
        {
            var page = Path.Combine(root.FullName, "index.html");
            var config = Path.Combine(root.FullName, "smolsp.json");
            await File.WriteAllTextAsync(config, "{ \"rules\": { \"SMO001\": \"warning\" } }");
            var uri = new Uri(page).AbsoluteUri;
            await using var client = new LspTestClient();
            await client.InitializeAsync(Capabilities.VsCode, rootUri: new Uri(root.FullName).AbsoluteUri);
            await client.OpenAsync(uri, MissingOgTitle);
            var first = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } }))["result"]!;
            Codes(first["items"]!.AsArray()).ShouldBe(["SMO001"]);

            await File.WriteAllTextAsync(config, "{ \"rules\": { \"SMO001\": \"off\" } }");
            await client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = new Uri(config).AbsoluteUri, type = 2 } } });
            var second = (await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri }, previousResultId = (string?)first["resultId"] }))["result"]!;
            ((string?)second["kind"]).ShouldBe("full");
            second["items"]!.AsArray().ShouldBeEmpty();

            // Pull clients are asked to re-pull, and the watcher was registered dynamically.
            await WaitUntil(() => client.ServerRequests.Any(r => r.Method == "workspace/diagnostic/refresh"));
            client.ServerRequests.ShouldContain(r => r.Method == "client/registerCapability"
                && r.Params!["registrations"]!.AsArray().Any(g => (string?)g!["method"] == "workspace/didChangeWatchedFiles"));
            await client.ShutdownAndExitAsync();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (!condition())
        {
            (DateTime.UtcNow < deadline).ShouldBeTrue("condition not met in time");
            await Task.Delay(20);
        }
    }

    private sealed class ThrowingRule : Rule
    {
        public static readonly RuleDescriptor Rule = new("SMO998", "Throws", "never reported", RuleCategory.Engine, DiagnosticSeverity.Warning);

        public override RuleDescriptor Descriptor => Rule;

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterDocumentAction(_ => throw new InvalidOperationException("rule bug"));
    }
}
