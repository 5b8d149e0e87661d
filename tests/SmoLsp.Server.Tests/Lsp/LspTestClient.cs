using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using SmoLsp.Server.Lsp;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>Serilog sink that keeps events so tests can assert what the server logged.</summary>
public sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}

/// <summary>
/// Drives the real server in-process over in-memory pipes, as a client would: framed JSON-RPC both ways. Everything
/// the server writes is read back through the same framing code, and any framing problem fails the test: stdout must
/// carry nothing but framed messages.
/// </summary>
public sealed class LspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static readonly SmoLsp.Analysis.Engine.AnalysisEngine SingleRuleEngine =
        new(SmoLsp.Rules.BuiltInRules.All.Where(r => r.Descriptor.Id == "SMO001"));

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly Stream _clientOut;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _responses = new();
    private readonly List<JsonObject> _notifications = [];
    private readonly SemaphoreSlim _notified = new(0);
    private readonly Task _readLoop;
    private long _nextId;

    public LspTestClient(Action<IServiceCollection>? configure = null, LanguageServerOptions? options = null)
    {
        Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Log).CreateLogger();
        Services = LanguageServer.BuildServices(_toServer.Reader.AsStream(), _toClient.Writer.AsStream(), Logger, options, services =>
        {
            // The protocol is under test here, not the catalog: SMO001 alone keeps expected diagnostics stable as
            // rules are added (each rule has its own tests). A test's own configure can still replace the engine.
            services.AddSingleton(SingleRuleEngine);
            configure?.Invoke(services);
        });
        ServerTask = Task.Run(() => LanguageServer.RunAsync(Services));
        _clientOut = _toServer.Writer.AsStream();
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public CollectingSink Log { get; } = new();

    public Serilog.Core.Logger Logger { get; }

    public ServiceProvider Services { get; }

    /// <summary>Completes with the server's exit code.</summary>
    public Task<int> ServerTask { get; }

    /// <summary>Answers requests the server sends (workspace/configuration, client/registerCapability); null result by default.</summary>
    public Func<string, JsonNode?, JsonNode?> OnServerRequest { get; set; } = (_, _) => null;

    public List<(string Method, JsonNode? Params)> ServerRequests { get; } = [];

    public List<string> FramingProblems { get; } = [];

    public async Task<JsonObject> RequestAsync(string method, object? @params = null, object? id = null)
    {
        id ??= Interlocked.Increment(ref _nextId);
        var key = id is string s ? "s:" + s : "n:" + id;
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses[key] = completion;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonValue.Create(id), ["method"] = method };
        if (@params is not null)
        {
            message["params"] = ToNode(@params);
        }

        await SendAsync(message);
        return await completion.Task.WaitAsync(Timeout);
    }

    /// <summary>Sends a request and returns its id without waiting (for cancellation tests).</summary>
    public async Task<(long Id, Task<JsonObject> Response)> StartRequestAsync(string method, object? @params = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses["n:" + id] = completion;
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(@params ?? new { }) };
        await SendAsync(message);
        return (id, completion.Task);
    }

    public Task NotifyAsync(string method, object? @params = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method };
        if (@params is not null)
        {
            message["params"] = ToNode(@params);
        }

        return SendAsync(message);
    }

    public Task SendAsync(JsonNode message) => SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes(message.ToJsonString())));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _clientOut.WriteAsync(bytes);
        await _clientOut.FlushAsync();
    }

    /// <summary>Closes the client's end of the server's stdin.</summary>
    public Task CloseInputAsync() => _toServer.Writer.CompleteAsync().AsTask();

    public async Task<JsonObject> InitializeAsync(object? capabilities = null, object? initializationOptions = null, int? processId = null, string? rootUri = null)
    {
        var response = await RequestAsync("initialize", new
        {
            processId,
            rootUri,
            capabilities = capabilities ?? Capabilities.VsCode,
            initializationOptions = initializationOptions ?? new { diagnosticDelayMs = 10 },
            clientInfo = new { name = "lsp-test-client", version = "1" },
        });
        response["error"].ShouldBeNull();
        await NotifyAsync("initialized", new { });
        return response;
    }

    public async Task ShutdownAndExitAsync(int expectedExitCode = 0)
    {
        var response = await RequestAsync("shutdown");
        response.ContainsKey("result").ShouldBeTrue();
        await NotifyAsync("exit");
        (await ServerTask.WaitAsync(Timeout)).ShouldBe(expectedExitCode);
    }

    public List<JsonObject> Notifications(string method)
    {
        lock (_notifications)
        {
            return _notifications.Where(n => (string?)n["method"] == method).ToList();
        }
    }

    /// <summary>Waits for a notification that satisfies <paramref name="predicate"/> (including ones already received).</summary>
    public async Task<JsonObject> WaitForNotificationAsync(string method, Func<JsonObject, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            lock (_notifications)
            {
                var match = _notifications.FirstOrDefault(n => (string?)n["method"] == method && (predicate?.Invoke(n) ?? true));
                if (match is not null)
                {
                    return match;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no {method} notification matched; got: {string.Join("\n", Notifications(method).Select(n => n.ToJsonString()))}");
            }

            await _notified.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The diagnostics published for <paramref name="uri"/> at <paramref name="version"/>.</summary>
    public async Task<JsonArray> WaitForDiagnosticsAsync(string uri, int? version = null, Func<JsonArray, bool>? predicate = null)
    {
        var n = await WaitForNotificationAsync("textDocument/publishDiagnostics", n =>
            (string?)n["params"]!["uri"] == uri
            && (version is null || (int?)n["params"]!["version"] == version)
            && (predicate?.Invoke(n["params"]!["diagnostics"]!.AsArray()) ?? true));
        return n["params"]!["diagnostics"]!.AsArray();
    }

    public void ClearNotifications()
    {
        lock (_notifications)
        {
            _notifications.Clear();
        }
    }

    public async Task OpenAsync(string uri, string text, int version = 1, string languageId = "html") =>
        await NotifyAsync("textDocument/didOpen", new { textDocument = new { uri, languageId, version, text } });

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        try
        {
            await ServerTask.WaitAsync(Timeout);
        }
        catch (Exception)
        {
            // The test already failed or checked the exit; disposal must not hide that.
        }

        await _toClient.Writer.CompleteAsync();
        await Services.DisposeAsync();
        Logger.Dispose();
        FramingProblems.ShouldBeEmpty();
    }

    public static JsonNode ToNode(object value) => value is JsonNode node ? node.DeepClone() : JsonSerializer.SerializeToNode(value)!;

    private async Task ReadLoopAsync()
    {
        var reader = new MessageReader(_toClient.Reader.AsStream());
        while (true)
        {
            var framed = await reader.ReadAsync(CancellationToken.None);
            if (framed.Problem is not null)
            {
                FramingProblems.Add(framed.Problem);
            }

            if (framed.Body is not null)
            {
                var message = JsonNode.Parse(framed.Body)!.AsObject();
                await HandleAsync(message);
            }

            if (framed.EndOfStream)
            {
                return;
            }
        }
    }

    private async Task HandleAsync(JsonObject message)
    {
        if (message.ContainsKey("method") && message.ContainsKey("id"))
        {
            var method = (string)message["method"]!;
            lock (ServerRequests)
            {
                ServerRequests.Add((method, message["params"]?.DeepClone()));
            }

            var result = OnServerRequest(method, message["params"]);
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = message["id"]!.DeepClone(), ["result"] = result?.DeepClone() });
            return;
        }

        if (message.ContainsKey("method"))
        {
            lock (_notifications)
            {
                _notifications.Add(message);
            }

            _notified.Release();
            return;
        }

        var id = message["id"];
        var key = id is null ? "null" : id.GetValueKind() == JsonValueKind.String ? "s:" + (string)id! : "n:" + id.ToJsonString();
        if (_responses.TryRemove(key, out var completion))
        {
            completion.TrySetResult(message);
        }
        else
        {
            lock (_notifications)
            {
                // Unmatched responses (id null for parse errors) are kept where tests can look for them.
                _notifications.Add(new JsonObject { ["method"] = "$response", ["params"] = message });
            }

            _notified.Release();
        }
    }
}

/// <summary>Client capability sets modelled on real clients.</summary>
public static class Capabilities
{
    /// <summary>VS Code 1.9x: pull diagnostics, resolve, documentChanges, configuration requests, dynamic registration.</summary>
    public static readonly object VsCode = new
    {
        general = new { positionEncodings = new[] { "utf-16" } },
        workspace = new
        {
            applyEdit = true,
            workspaceEdit = new { documentChanges = true },
            didChangeConfiguration = new { dynamicRegistration = true },
            didChangeWatchedFiles = new { dynamicRegistration = true },
            configuration = true,
            diagnostics = new { refreshSupport = true },
        },
        textDocument = new
        {
            synchronization = new { dynamicRegistration = true, didSave = true },
            publishDiagnostics = new { relatedInformation = true, versionSupport = true, tagSupport = new { valueSet = new[] { 1, 2 } }, codeDescriptionSupport = true, dataSupport = true },
            diagnostic = new { dynamicRegistration = true, relatedDocumentSupport = false },
            hover = new { contentFormat = new[] { "markdown", "plaintext" } },
            codeAction = new
            {
                codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "", "quickfix", "refactor", "source", "source.fixAll" } } },
                isPreferredSupport = true,
                dataSupport = true,
                resolveSupport = new { properties = new[] { "edit" } },
            },
        },
        window = new { workDoneProgress = true },
    };

    /// <summary>A push-diagnostics client like VS Code but without pull (most editors before LSP 3.17).</summary>
    public static readonly object PushWithResolve = new
    {
        workspace = new { workspaceEdit = new { documentChanges = true }, configuration = true },
        textDocument = new
        {
            publishDiagnostics = new { relatedInformation = true },
            hover = new { contentFormat = new[] { "markdown" } },
            codeAction = new
            {
                codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "quickfix", "source.fixAll" } } },
                dataSupport = true,
                resolveSupport = new { properties = new[] { "edit" } },
            },
        },
    };

    /// <summary>Neovim 0.7's make_client_capabilities(), the parts that matter (see runtime/lua/vim/lsp/protocol.lua).</summary>
    public static readonly object Neovim07 = new
    {
        textDocument = new
        {
            synchronization = new { dynamicRegistration = false, willSave = false, willSaveWaitUntil = false, didSave = true },
            codeAction = new
            {
                dynamicRegistration = false,
                codeActionLiteralSupport = new { codeActionKind = new { valueSet = new[] { "", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports" } } },
                dataSupport = true,
                resolveSupport = new { properties = new[] { "edit" } },
            },
            hover = new { dynamicRegistration = false, contentFormat = new[] { "markdown", "plaintext" } },
            publishDiagnostics = new { relatedInformation = true, tagSupport = new { valueSet = new[] { 1, 2 } } },
        },
        workspace = new
        {
            workspaceFolders = true,
            applyEdit = true,
            workspaceEdit = new { resourceOperations = new[] { "rename", "create", "delete" } },
        },
        window = new { workDoneProgress = true, showMessage = new { messageActionItem = new { additionalPropertiesSupport = false } }, showDocument = new { support = false } },
    };
}
