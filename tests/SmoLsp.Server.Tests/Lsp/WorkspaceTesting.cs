using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>Helpers for tests that give the server a workspace folder on disk.</summary>
public static class WorkspaceTesting
{
    public static string UriOf(string path) => new Uri(path).AbsoluteUri;

    /// <summary>A page with its own title; SMO001 (no og:title) on <c>&lt;head&gt;</c> (line 2) unless <paramref name="ogTitle"/>.</summary>
    public static string Html(string title, bool ogTitle = false) =>
        $"<!doctype html>\n<html>\n<head>\n  <title>{title}</title>\n{(ogTitle ? $"  <meta property=\"og:title\" content=\"{title}\">\n" : string.Empty)}</head>\n<body></body>\n</html>\n";

    /// <summary>
    /// Waits until everything sent so far has been applied: a request is answered only after the notifications
    /// before it were dispatched, and then the index must have drained its queue.
    /// </summary>
    public static async Task SettleAsync(this LspTestClient client)
    {
        await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///settle/nothing.html" }, position = new { line = 0, character = 0 } });
        var index = client.Services.GetRequiredService<WorkspaceDiagnostics>();
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (!index.InitialScan.IsCompleted || !index.IsIdle)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the workspace diagnostics did not settle");
            }

            await Task.Delay(10);
        }

        // What the background work sent is written before the answer to a request sent now: once that answer is
        // here, so are its notifications.
        await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///settle/nothing.html" }, position = new { line = 0, character = 0 } });
    }

    /// <summary>Every <c>publishDiagnostics</c> for <paramref name="uri"/> so far, oldest first.</summary>
    public static List<JsonNode> Published(this LspTestClient client, string uri) =>
        client.Notifications("textDocument/publishDiagnostics").Where(n => (string?)n["params"]!["uri"] == uri).Select(n => n["params"]!).ToList();

    public static IEnumerable<string?> Codes(this JsonNode publishOrReport) =>
        (publishOrReport["diagnostics"] ?? publishOrReport["items"])!.AsArray().Select(d => (string?)d!["code"]);

    /// <summary>Waits for a push for <paramref name="uri"/> that satisfies <paramref name="predicate"/> (received before or after the call).</summary>
    public static async Task<JsonNode> WaitForPublishAsync(this LspTestClient client, string uri, Func<JsonNode, bool> predicate) =>
        (await client.WaitForNotificationAsync("textDocument/publishDiagnostics", n => (string?)n["params"]!["uri"] == uri && predicate(n["params"]!)))["params"]!;

    public static int ServerRequestCount(this LspTestClient client, string method)
    {
        lock (client.ServerRequests)
        {
            return client.ServerRequests.Count(r => r.Method == method);
        }
    }

    public static async Task WaitForServerRequestAsync(this LspTestClient client, string method, int count)
    {
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (client.ServerRequestCount(method) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the server sent {method} {client.ServerRequestCount(method)} time(s), expected {count}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary><c>workspace/diagnostic</c>, keyed by URI.</summary>
    public static async Task<Dictionary<string, JsonNode>> PullWorkspaceAsync(this LspTestClient client, Dictionary<string, JsonNode>? previous = null)
    {
        var previousIds = (previous ?? []).Values.Where(r => r["resultId"] is not null)
            .Select(r => new { uri = (string)r["uri"]!, value = (string)r["resultId"]! }).ToArray();
        var response = await client.RequestAsync("workspace/diagnostic", new { previousResultIds = previousIds });
        response["error"].ShouldBeNull();
        var result = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in response["result"]!["items"]!.AsArray())
        {
            result[(string)item!["uri"]!] = item;
        }

        return result;
    }
}

/// <summary>
/// Test-only stand-in for the composition rules that will read layouts: reports on every page what the
/// <c>_Layout.cshtml</c> next to it says in its <c>&lt;title&gt;</c> (or that there is none), through
/// <c>context.Workspace</c> — so the dependency graph is exercised before composition lands. Counts its runs per page.
/// </summary>
public sealed class LayoutProbeRule : Rule
{
    public static readonly RuleDescriptor Rule = new("SMO996", "Layout probe", "Layout title: {0}", RuleCategory.Titles, DiagnosticSeverity.Warning);

    public ConcurrentDictionary<string, int> Runs { get; } = new(StringComparer.Ordinal);

    public override RuleDescriptor Descriptor => Rule;

    public int RunsOf(string path) => Runs.GetValueOrDefault(path);

    public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
    {
        var path = context.Document.Path;
        Runs.AddOrUpdate(path, 1, static (_, n) => n + 1);
        var layout = Path.Combine(Path.GetDirectoryName(path)!, "_Layout.cshtml");
        if (path == layout)
        {
            return;
        }

        var text = context.Workspace.GetTemplate(layout)?.Text;
        var title = text is null ? "(no layout)" : Regex.Match(text, "<title>(.*?)</title>").Groups[1].Value;
        context.Report(new TextSpan(0, 0), args: [title]);
    }, includeFragments: true);
}
