using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;
using SmoLsp.Rules;
using SmoLsp.Server.Lsp;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.WorkspaceBench;

/// <summary>
/// The workspace index, timed through the real language-server stack (framing, dispatch, index, publisher) over
/// in-memory pipes — the process boundary is measured by tests/e2e/bench-workspace.mjs instead. Reports:
///   1. indexing a corpus folder as the workspace (push client: until every closed file's diagnostics are written;
///      pull client: until workspace/diagnostic answers), and the managed heap and working set after it;
///   2. re-checking after a layout change with N dependent pages (synthetic: until composition lands no built-in
///      rule reads layouts, so a bench-only rule reads the page's layout through the workspace, as composition will),
///      from the watched-file event to the last page's new diagnostics.
/// Usage: dotnet run -c Release --project bench/SmoLsp.WorkspaceBench -- [corpus-folder] [--pages 50] [--rounds 20]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var corpus = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/corpus"));
        var pages = Option(args, "--pages", 50);
        var rounds = Option(args, "--rounds", 20);
        if (!Directory.Exists(corpus))
        {
            Console.Error.WriteLine($"bench: corpus folder not found: {corpus}");
            return 2;
        }

        Console.WriteLine($"Corpus: {corpus}; {Environment.ProcessorCount} cores");
        await IndexCorpus(corpus, pull: false);
        await IndexCorpus(corpus, pull: false);
        await IndexCorpus(corpus, pull: true);
        await LayoutChange(corpus, pages, rounds);
        return 0;
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

    private static async Task IndexCorpus(string corpus, bool pull)
    {
        await using var client = new BenchClient(services => { });
        var clock = Stopwatch.StartNew();
        await client.InitializeAsync(corpus, pull);
        var index = client.Services.GetRequiredService<WorkspaceDiagnostics>();
        int reported;
        if (pull)
        {
            reported = (await client.RequestAsync("workspace/diagnostic", new JsonObject { ["previousResultIds"] = new JsonArray() }))["result"]!["items"]!.AsArray().Count;
        }
        else
        {
            await index.InitialScan;
            while (!index.IsIdle)
            {
                await Task.Delay(1);
            }

            // Responses queue behind every publish already written: when this one arrives, the client has read them all.
            await client.RequestAsync("textDocument/hover", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "file:///nothing.html" }, ["position"] = new JsonObject { ["line"] = 0, ["character"] = 0 } });
            reported = client.PublishedUris.Count;
        }

        var elapsed = clock.Elapsed;
        // The whole process's managed heap with the server alive and indexed (this harness and earlier runs' leftovers included: an upper bound).
        var heap = GC.GetTotalMemory(true);
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"index {(pull ? "pull (workspace/diagnostic)" : "push")}: {index.Paths.Count} templates in {elapsed.TotalMilliseconds:0} ms; "
            + $"{reported} {(pull ? "reports" : "files published")}; managed heap {heap / (1024.0 * 1024.0):0.0} MB after a full GC; working set {self.WorkingSet64 / (1024.0 * 1024.0):0} MB");
        await client.ShutdownAsync();
    }

    /// <summary>N pages in a folder with a layout and a _ViewStart (real corpus Razor pages, cycled), plus the rest of the corpus around them.</summary>
    private static async Task LayoutChange(string corpus, int pageCount, int rounds)
    {
        var root = Directory.CreateTempSubdirectory("smolsp-bench-layout-").FullName;
        try
        {
            var sources = Directory.EnumerateFiles(corpus, "*.cshtml", SearchOption.AllDirectories).Where(p => !Path.GetFileName(p).StartsWith('_')).Order(StringComparer.Ordinal).ToList();
            var folder = Path.Combine(root, "Views", "Shared");
            Directory.CreateDirectory(folder);
            var layout = Path.Combine(folder, "_Layout.cshtml");
            File.WriteAllText(layout, LayoutText(0));
            File.WriteAllText(Path.Combine(root, "Views", "_ViewStart.cshtml"), "@{ Layout = \"_Layout\"; }\n");
            var pages = new List<string>();
            for (var i = 0; i < pageCount; i++)
            {
                var page = Path.Combine(folder, $"Page{i:000}.cshtml");
                File.Copy(sources[i % sources.Count], page);
                pages.Add(page);
            }

            // Unrelated pages around them: the index is not just the 50.
            foreach (var html in Directory.EnumerateFiles(corpus, "*.html", SearchOption.AllDirectories).Take(500).Select((p, i) => (p, i)))
            {
                var target = Path.Combine(root, "other", $"{html.i:000}.html");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(html.p, target);
            }

            var probe = new LayoutReader();
            await using var client = new BenchClient(services => services.AddSingleton(new AnalysisEngine([.. BuiltInRules.All, probe]))) { KeepMessages = true };
            await client.InitializeAsync(root, pull: false);
            var index = client.Services.GetRequiredService<WorkspaceDiagnostics>();
            await index.InitialScan;
            while (!index.IsIdle)
            {
                await Task.Delay(1);
            }

            var dependents = client.Services.GetRequiredService<SmoLsp.Server.Site.SiteSession>().Graph.DependentsOf(layout).Count;
            var times = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                File.WriteAllText(layout, LayoutText(round));
                var expected = $"Layout title: Site {round}";
                client.ResetPublished();
                var clock = Stopwatch.StartNew();
                await client.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
                {
                    ["changes"] = new JsonArray(new JsonObject { ["uri"] = new Uri(layout).AbsoluteUri, ["type"] = 2 }),
                });
                await client.WaitForAsync(() => pages.All(p => client.LastMessages(new Uri(p).AbsoluteUri).Contains(expected)));
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"layout change: {dependents} dependent pages (of {index.Paths.Count} indexed), event -> all {pageCount} re-published: "
                + $"median {times[times.Count / 2]:0.0} ms, best {times[0]:0.0} ms, worst {times[^1]:0.0} ms over {rounds} rounds (first round includes JIT: {times.Max():0.0} ms)");
            await client.ShutdownAsync();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string LayoutText(int round) => $"<!DOCTYPE html>\n<html>\n<head>\n  <title>Site {round}</title>\n</head>\n<body>@RenderBody()</body>\n</html>\n";

    /// <summary>Bench-only: reads the page's layout through the workspace, as composition will, and reports its title.</summary>
    private sealed class LayoutReader : Rule
    {
        private static readonly RuleDescriptor s_rule = new("SMO995", "Layout reader", "Layout title: {0}", RuleCategory.Titles, DiagnosticSeverity.Hint);

        public override RuleDescriptor Descriptor => s_rule;

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
        {
            var layout = Path.Combine(Path.GetDirectoryName(context.Document.Path)!, "_Layout.cshtml");
            if (context.Document.Path == layout)
            {
                return;
            }

            var text = context.Workspace.GetTemplate(layout)?.Text;
            context.Report(new TextSpan(0, 0), args: [text is null ? "none" : Regex.Match(text, "<title>(.*?)</title>").Groups[1].Value]);
        }, includeFragments: true);
    }
}

/// <summary>A minimal LSP client over in-memory pipes, reading every message back through the server's own framing.</summary>
internal sealed class BenchClient : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _responses = new();
    private readonly ConcurrentDictionary<string, string> _lastMessages = new(StringComparer.Ordinal);
    private readonly Task _server;
    private readonly Task _reader;
    private readonly Serilog.Core.Logger _logger = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose).CreateLogger();
    private long _nextId;

    public BenchClient(Action<IServiceCollection> configure)
    {
        Services = LanguageServer.BuildServices(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), _logger, null, configure);
        _server = Task.Run(() => LanguageServer.RunAsync(Services));
        _reader = Task.Run(ReadAsync);
    }

    public ServiceProvider Services { get; }

    public ConcurrentDictionary<string, byte> PublishedUris { get; } = new(StringComparer.Ordinal);

    /// <summary>Keep each file's last published messages (the layout rounds read them; the heap measurement must not count them).</summary>
    public bool KeepMessages { get; init; }

    public string LastMessages(string uri) => _lastMessages.GetValueOrDefault(uri) ?? string.Empty;

    public void ResetPublished() => _lastMessages.Clear();

    public async Task InitializeAsync(string root, bool pull)
    {
        var capabilities = pull
            ? new JsonObject { ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject() }, ["workspace"] = new JsonObject { ["diagnostics"] = new JsonObject { ["refreshSupport"] = true } } }
            : new JsonObject { ["textDocument"] = new JsonObject { ["publishDiagnostics"] = new JsonObject { ["relatedInformation"] = true } } };
        await RequestAsync("initialize", new JsonObject { ["rootUri"] = new Uri(root).AbsoluteUri, ["capabilities"] = capabilities, ["initializationOptions"] = new JsonObject { ["watchFiles"] = false } });
        await NotifyAsync("initialized", new JsonObject());
    }

    public async Task ShutdownAsync()
    {
        await RequestAsync("shutdown", null);
        await NotifyAsync("exit", null);
        await _server;
    }

    public async Task<JsonObject> RequestAsync(string method, JsonNode? @params)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses[id] = completion;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = @params });
        return await completion.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public Task NotifyAsync(string method, JsonNode? @params) => SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = @params });

    public async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("bench: condition not met");
            }

            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Task.WhenAny(_server, Task.Delay(5000));
        await _toClient.Writer.CompleteAsync();
        await Task.WhenAny(_reader, Task.Delay(5000));
        await Services.DisposeAsync();
        _logger.Dispose();
    }

    private async Task SendAsync(JsonNode message)
    {
        var stream = _toServer.Writer.AsStream();
        await stream.WriteAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes(message.ToJsonString())));
        await stream.FlushAsync();
    }

    private async Task ReadAsync()
    {
        var reader = new MessageReader(_toClient.Reader.AsStream());
        while (true)
        {
            var framed = await reader.ReadAsync(CancellationToken.None);
            if (framed.Body is not null)
            {
                var message = JsonNode.Parse(framed.Body)!.AsObject();
                if (message["method"] is { } method && message["id"] is { } requestId)
                {
                    // Server-to-client requests (registration, refresh): answer null.
                    await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = requestId.DeepClone(), ["result"] = null });
                }
                else if (message["method"] is { } m && (string?)m == "textDocument/publishDiagnostics")
                {
                    var uri = (string)message["params"]!["uri"]!;
                    PublishedUris[uri] = 0;
                    if (KeepMessages)
                    {
                        _lastMessages[uri] = string.Join("\n", message["params"]!["diagnostics"]!.AsArray().Select(d => (string?)d!["message"]));
                    }
                }
                else if (message["id"] is { } id && message["method"] is null && _responses.TryRemove((long)id, out var completion))
                {
                    completion.TrySetResult(message);
                }
            }

            if (framed.EndOfStream)
            {
                return;
            }
        }
    }
}
