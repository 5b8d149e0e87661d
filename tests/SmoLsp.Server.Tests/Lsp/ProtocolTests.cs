using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Server.Lsp;
using SmoLsp.Server.Lsp.Handlers;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Tests.Lsp;

public sealed class ProtocolTests
{
    private static int? ErrorCode(JsonObject response) => (int?)response["error"]?["code"];

    [Fact]
    public async Task Requests_before_initialize_fail_with_server_not_initialized()
    {
        await using var client = new LspTestClient();
        var response = await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///a.html" }, position = new { line = 0, character = 0 } });
        ErrorCode(response).ShouldBe(ErrorCodes.ServerNotInitialized);

        // Notifications before initialize are dropped, and the server still initializes afterwards.
        await client.OpenAsync("file:///a.html", "<html><head></head></html>");
        await client.InitializeAsync();
        client.Notifications("textDocument/publishDiagnostics").ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Initialize_negotiates_and_a_second_initialize_is_refused()
    {
        await using var client = new LspTestClient();
        var response = await client.InitializeAsync(Capabilities.VsCode);
        var capabilities = response["result"]!["capabilities"]!;
        ((string?)capabilities["positionEncoding"]).ShouldBe("utf-16");
        ((int?)capabilities["textDocumentSync"]!["change"]).ShouldBe(2);
        ((bool?)capabilities["hoverProvider"]).ShouldBe(true);
        ((bool?)capabilities["codeActionProvider"]!["resolveProvider"]).ShouldBe(true);
        capabilities["diagnosticProvider"].ShouldNotBeNull();
        ((string?)response["result"]!["serverInfo"]!["name"]).ShouldBe("smolsp");

        var again = await client.RequestAsync("initialize", new { processId = (int?)null, capabilities = new { } });
        ErrorCode(again).ShouldBe(ErrorCodes.InvalidRequest);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Neovim_07_capabilities_get_push_diagnostics_and_utf16()
    {
        await using var client = new LspTestClient();
        var response = await client.InitializeAsync(Capabilities.Neovim07);
        var capabilities = response["result"]!["capabilities"]!;
        ((string?)capabilities["positionEncoding"]).ShouldBe("utf-16");
        capabilities["diagnosticProvider"].ShouldBeNull();
        ((bool?)capabilities["codeActionProvider"]!["resolveProvider"]).ShouldBe(true);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Utf8_is_chosen_when_the_client_offers_it()
    {
        await using var client = new LspTestClient();
        var response = await client.InitializeAsync(new { general = new { positionEncodings = new[] { "utf-8", "utf-16" } } });
        ((string?)response["result"]!["capabilities"]!["positionEncoding"]).ShouldBe("utf-8");
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Initialization_options_of_the_wrong_type_mean_the_defaults_not_a_failed_initialize()
    {
        await using var client = new LspTestClient();
        var response = await client.InitializeAsync(Capabilities.Neovim07, new { diagnosticDelayMs = "soon", watchFiles = "no", docsBaseUrl = 7, logMessages = "yes" });
        response["error"].ShouldBeNull();
        ((int?)response["result"]!["capabilities"]!["textDocumentSync"]!["change"]).ShouldBe(2);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Unknown_methods_fail_and_unknown_dollar_notifications_are_ignored()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        ErrorCode(await client.RequestAsync("textDocument/frobnicate", new { })).ShouldBe(ErrorCodes.MethodNotFound);
        ErrorCode(await client.RequestAsync("$/unknownRequest", new { })).ShouldBe(ErrorCodes.MethodNotFound);
        await client.NotifyAsync("$/setTrace", new { value = "verbose" });
        await client.NotifyAsync("$/somethingNew", new { });
        await client.NotifyAsync("custom/notification", new { });

        // Still serving, and nothing was answered to the notifications.
        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        client.Notifications("$response").ShouldBeEmpty();
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task String_and_number_ids_are_echoed_exactly()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var byString = await client.RequestAsync("nope", new { }, id: "req-7");
        ((string?)byString["id"]).ShouldBe("req-7");
        var byNumber = await client.RequestAsync("nope", new { }, id: 4242L);
        ((long?)byNumber["id"]).ShouldBe(4242);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Shutdown_answers_an_explicit_null_then_refuses_requests_and_exit_returns_zero()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var shutdown = await client.RequestAsync("shutdown");
        shutdown.ContainsKey("result").ShouldBeTrue();
        shutdown["result"].ShouldBeNull();
        shutdown.ContainsKey("error").ShouldBeFalse();

        ErrorCode(await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///a.html" }, position = new { line = 0, character = 0 } })).ShouldBe(ErrorCodes.InvalidRequest);
        await client.NotifyAsync("exit");
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(0);
    }

    [Fact]
    public async Task Exit_without_shutdown_returns_one()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.NotifyAsync("exit");
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(1);
    }

    [Fact]
    public async Task The_server_exits_when_its_input_closes()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.CloseInputAsync();
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(1);
    }

    [Fact]
    public async Task The_server_exits_when_the_client_process_dies()
    {
        var liveness = new FakeLiveness();
        await using var client = new LspTestClient(
            services => services.AddSingleton<IProcessLiveness>(liveness),
            new LanguageServerOptions { ParentProcessCheckInterval = TimeSpan.FromMilliseconds(20) });
        await client.InitializeAsync(processId: 4711);
        await Task.Delay(100);
        client.ServerTask.IsCompleted.ShouldBeFalse();
        liveness.Alive = false;
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(1);
    }

    [Fact]
    public async Task Invalid_json_gets_a_parse_error_and_the_server_carries_on()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.SendRawAsync(MessageWriter.Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"u8));
        var error = await client.WaitForNotificationAsync("$response");
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.ParseError);
        error["params"]!["id"].ShouldBeNull();

        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Messages_that_are_not_requests_get_invalid_request()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var noVersion = await SendAndWaitForUnmatched(client, "{\"id\":null,\"method\":\"x\"}");
        ((int?)noVersion["error"]!["code"]).ShouldBe(ErrorCodes.InvalidRequest);
        client.ClearNotifications();
        var array = await SendAndWaitForUnmatched(client, "[1,2,3]");
        ((int?)array["error"]!["code"]).ShouldBe(ErrorCodes.InvalidRequest);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Malformed_headers_are_skipped_and_the_next_message_is_served()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        await client.SendRawAsync(Encoding.ASCII.GetBytes("this is not a header\r\n\r\n"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Type: application/json\r\n\r\n"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: banana\r\n\r\n"));
        await client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: 99999999999\r\n\r\n"));
        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        client.Log.Events.Count(e => e.MessageTemplate.Text.StartsWith("Framing", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_content_length_that_is_too_short_costs_only_that_message()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var body = "{\"jsonrpc\":\"2.0\",\"id\":900,\"method\":\"nope\"}"u8.ToArray();
        await client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length - 10}\r\n\r\n"), .. body]);
        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_content_length_that_is_too_long_swallows_the_next_header_but_the_server_recovers()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        var first = "{\"jsonrpc\":\"2.0\",\"method\":\"$/ignored\"}"u8.ToArray();
        var second = MessageWriter.Frame("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"nope\"}"u8);
        // The first length claims 20 bytes more than its body: it eats the start of the second message.
        await client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {first.Length + 20}\r\n\r\n"), .. first, .. second]);
        // A third message completes the swallowed bytes' worth of input so the reader can move on.
        ErrorCode(await client.RequestAsync("nope", new { }, id: "third")).ShouldBe(ErrorCodes.MethodNotFound);
        var recovered = await client.RequestAsync("nope", new { }, id: "fourth");
        ErrorCode(recovered).ShouldBe(ErrorCodes.MethodNotFound);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Bad_params_get_invalid_params()
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync();
        ErrorCode(await client.RequestAsync("textDocument/hover", new { textDocument = new { uri = "file:///a.html" } })).ShouldBe(ErrorCodes.InvalidParams);
        ErrorCode(await client.RequestAsync("textDocument/hover", new { textDocument = 5, position = new { line = 0, character = 0 } })).ShouldBe(ErrorCodes.InvalidParams);
        ErrorCode(await client.RequestAsync("textDocument/codeAction")).ShouldBe(ErrorCodes.InvalidParams);

        // A notification with bad params is logged, never answered, and never fatal.
        await client.NotifyAsync("textDocument/didOpen", new { textDocument = new { uri = "file:///a.html" } });
        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task Cancel_request_answers_request_cancelled()
    {
        await using var client = new LspTestClient(services => services.AddSingleton<ILspHandler, BlockingHandler>());
        await client.InitializeAsync();
        var (id, response) = await client.StartRequestAsync("test/block");
        await Task.Delay(50);
        response.IsCompleted.ShouldBeFalse();
        await client.NotifyAsync("$/cancelRequest", new { id });
        var answer = await response.WaitAsync(LspTestClient.Timeout);
        ErrorCode(answer).ShouldBe(ErrorCodes.RequestCancelled);

        // Cancelling something unknown or finished is harmless.
        await client.NotifyAsync("$/cancelRequest", new { id = 123456 });
        await client.NotifyAsync("$/cancelRequest", new { id });
        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        await client.ShutdownAndExitAsync();
    }

    [Fact]
    public async Task A_handler_that_throws_gets_internal_error_and_the_server_carries_on()
    {
        await using var client = new LspTestClient(services => services.AddSingleton<ILspHandler, BlockingHandler>());
        await client.InitializeAsync();
        ErrorCode(await client.RequestAsync("test/throw", new { })).ShouldBe(ErrorCodes.InternalError);
        ErrorCode(await client.RequestAsync("nope")).ShouldBe(ErrorCodes.MethodNotFound);
        await client.ShutdownAndExitAsync();
    }

    private static async Task<JsonObject> SendAndWaitForUnmatched(LspTestClient client, string body)
    {
        await client.SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes(body)));
        var response = await client.WaitForNotificationAsync("$response");
        return response["params"]!.AsObject();
    }

    private sealed class FakeLiveness : IProcessLiveness
    {
        public volatile bool Alive = true;

        public bool IsAlive(int processId) => Alive;
    }

    /// <summary>Test-only methods: one that waits until cancelled, one that throws.</summary>
    private sealed class BlockingHandler : ILspHandler
    {
        public void Register(JsonRpcConnection connection)
        {
            connection.OnRequest("test/block", LspJsonContext.Default.Empty, LspJsonContext.Default.Empty, async (_, context) =>
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new Empty();
            });
            connection.OnRequest<Empty, Empty>("test/throw", LspJsonContext.Default.Empty, LspJsonContext.Default.Empty, (_, _) => throw new InvalidOperationException("boom"));
        }
    }
}
