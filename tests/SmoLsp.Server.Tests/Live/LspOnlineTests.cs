using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Server.Tests.Lsp;

namespace SmoLsp.Server.Tests.Live;

/// <summary>The language server makes no request until the user turns on <c>smolsp.online</c>; then share images are judged on what the web answers.</summary>
public sealed class LspOnlineTests
{
    [Fact(Timeout = 60_000)]
    public async Task No_request_until_the_online_setting_is_on()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/card.png", () => Results.StatusCode(503)));
        var text = $"""
            <!doctype html>
            <html>
              <head>
                <title>A page whose share image is on a failing server</title>
                <meta property="og:image" content="{server.Url("/card.png")}">
              </head>
            </html>
            """;
        await using var client = new LspTestClient(services => services.AddSingleton(LiveRun.Engine));
        await client.InitializeAsync(Capabilities.Neovim07);
        await client.OpenAsync(DiagnosticsTests.Uri, text);
        Codes(await client.WaitForDiagnosticsAsync(DiagnosticsTests.Uri, 1)).ShouldNotContain("SMO414");
        server.Requests.ShouldBeEmpty();

        client.ClearNotifications();
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { smolsp = new { online = true } } });
        Codes(await client.WaitForDiagnosticsAsync(DiagnosticsTests.Uri, 1)).ShouldContain("SMO414");
        server.Requests.ShouldBe(["/card.png"]);

        // Off again: the answers are forgotten and nothing more is asked.
        client.ClearNotifications();
        await client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { smolsp = new { online = false } } });
        Codes(await client.WaitForDiagnosticsAsync(DiagnosticsTests.Uri, 1)).ShouldNotContain("SMO414");
        server.Requests.ShouldBe(["/card.png"]);
        await client.ShutdownAndExitAsync();
    }

    private static IEnumerable<string?> Codes(JsonArray diagnostics) => diagnostics.Select(d => (string?)d!["code"]);
}
