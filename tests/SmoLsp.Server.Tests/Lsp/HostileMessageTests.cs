using System.Text;
using System.Text.Json.Nodes;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>
/// Whatever one message holds, the connection answers it with a JSON-RPC error (or ignores it, for a notification)
/// and serves the next one. Each case sends the bad message, then a valid request that must be answered.
/// </summary>
public sealed class HostileMessageTests
{
    /// <summary>Bodies that are not JSON-RPC at all: -32700 with id null.</summary>
    public static TheoryData<string, byte[]> ParseErrors => new()
    {
        { "invalid UTF-8 in a method name", Latin1("{\"jsonrpc\":\"2.0\",\"method\":\"x\u00ff\u00fe\"}") },
        { "invalid UTF-8 in a request id", Latin1("{\"jsonrpc\":\"2.0\",\"id\":\"\u00ff\",\"method\":\"nope\"}") },
        { "invalid UTF-8 in params", Latin1("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.html\",\"languageId\":\"html\",\"version\":1,\"text\":\"\u00c3\u0028\"}}}") },
        { "an overlong UTF-8 encoding", Latin1("{\"jsonrpc\":\"2.0\",\"method\":\"\u00c0\u00af\"}") },
        { "a truncated object", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"u8.ToArray() },
        { "an empty body", [] },
        { "a UTF-8 BOM", [0xEF, 0xBB, 0xBF, .. "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"u8.ToArray()] },
        { "nesting beyond 256 levels", Encoding.ASCII.GetBytes("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":" + new string('[', 300) + new string(']', 300) + "}") },
        { "two values", "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}{}"u8.ToArray() },
        { "plain text", "hello, server"u8.ToArray() },
        { "100,000 open brackets", Encoding.ASCII.GetBytes(new string('[', 100_000)) },
    };

    /// <summary>JSON that is not a valid request: -32600, echoing the id when it could be read.</summary>
    public static TheoryData<string, string, int?> InvalidRequests => new()
    {
        { "an array (batch)", "[1,2,3]", null },
        { "a string", "\"hello\"", null },
        { "null", "null", null },
        { "a number", "42", null },
        { "no jsonrpc", "{\"id\":1,\"method\":\"x\"}", 1 },
        { "jsonrpc 1.0", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"x\"}", 1 },
        { "jsonrpc as a number", "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"x\"}", 1 },
        { "an object id", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}", null },
        { "a boolean id", "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"x\"}", null },
        { "an array id", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"x\"}", null },
        { "a numeric method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}", 1 },
        { "a null method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}", 1 },
        { "params as a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":\"x\"}", 1 },
        { "params as a number", "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":1}", null },
        { "no method, no result", "{\"jsonrpc\":\"2.0\",\"id\":1}", 1 },
        { "a lone surrogate in a method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\ud800\"}", 1 },
        { "a lone surrogate in an id", "{\"jsonrpc\":\"2.0\",\"id\":\"\\udc00x\",\"method\":\"x\"}", null },
        { "a method of a million characters", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + new string('m', 1_000_000) + "\"}", 1 },
    };

    /// <summary>Well-formed requests whose params cannot be read: -32602 for the request's own id.</summary>
    public static TheoryData<string, string> InvalidParams => new()
    {
        { "a lone surrogate in a uri", "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///\\ud800.html\"},\"position\":{\"line\":0,\"character\":0}}}" },
        { "a position out of range", "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.html\"},\"position\":{\"line\":1e40,\"character\":-1}}}" },
        { "a uri as a number", "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":5},\"position\":{\"line\":0,\"character\":0}}}" },
        { "params missing", "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"textDocument/hover\"}" },
        { "a line of 2^31", "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.html\"},\"position\":{\"line\":2147483648,\"character\":0}}}" },
        { "a fractional line", "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.html\"},\"position\":{\"line\":0.5,\"character\":0}}}" },
    };

    [Theory]
    [MemberData(nameof(ParseErrors))]
    public async Task A_body_that_is_not_json_gets_a_parse_error_and_the_next_request_is_served(string name, byte[] body)
    {
        name.ShouldNotBeEmpty();
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(body));
        var error = await client.WaitForNotificationAsync("$response");
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.ParseError);
        error["params"]!["id"].ShouldBeNull();
        await ShouldStillServeAsync(client);
    }

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Json_that_is_not_a_request_gets_invalid_request_and_the_next_request_is_served(string name, string body, int? id)
    {
        name.ShouldNotBeEmpty();
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes(body)));
        var error = await client.WaitForNotificationAsync("$response");
        var response = error["params"]!.AsObject();
        ((int?)response["error"]!["code"]).ShouldBe(ErrorCodes.InvalidRequest);
        ((int?)response["id"]).ShouldBe(id);
        await ShouldStillServeAsync(client);
    }

    [Theory]
    [MemberData(nameof(InvalidParams))]
    public async Task A_request_with_unreadable_params_gets_invalid_params_and_the_next_request_is_served(string name, string body)
    {
        name.ShouldNotBeEmpty();
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes(body)));
        var error = await client.WaitForNotificationAsync("$response", n => (string?)n["params"]!["id"] == "p");
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.InvalidParams);
        await ShouldStillServeAsync(client);
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.html\",\"languageId\":\"html\",\"version\":1,\"text\":\"<title>\\ud800</title>\"}}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///\\udfff\",\"version\":2},\"contentChanges\":[{\"text\":\"x\"}]}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"\\ud800\"}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":[1]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeConfiguration\",\"params\":{\"settings\":{\"smolsp\":{\"siteName\":\"\\ud800\"}}}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.html\",\"languageId\":\"html\",\"version\":1,\"text\":5}}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///ok.html\",\"version\":2},\"contentChanges\":{\"text\":\"x\"}}}")]
    public async Task A_notification_that_cannot_be_handled_is_ignored_and_the_next_request_is_served(string body)
    {
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes(body)));
        await ShouldStillServeAsync(client);
        client.Notifications("$response").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_response_from_the_client_with_a_lone_surrogate_in_its_error_is_harmless()
    {
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame("{\"jsonrpc\":\"2.0\",\"id\":99999,\"error\":{\"code\":1,\"message\":\"\\ud800\"}}"u8));
        await client.SendRawAsync(MessageWriter.Frame("{\"jsonrpc\":\"2.0\",\"id\":99998,\"result\":\"\\ud800\"}"u8));
        await ShouldStillServeAsync(client);
    }

    [Fact]
    public async Task A_client_error_whose_code_is_not_a_number_still_ends_the_servers_request()
    {
        var toServer = new System.IO.Pipelines.Pipe();
        var toClient = new System.IO.Pipelines.Pipe();
        await using var connection = new JsonRpcConnection(toServer.Reader.AsStream(), toClient.Writer.AsStream(), Serilog.Core.Logger.None);
        var run = connection.RunAsync();
        var request = connection.SendRequestAsync("workspace/configuration", new Empty(), LspJsonContext.Default.Empty, LspJsonContext.Default.JsonElement, CancellationToken.None);
        await toServer.Writer.WriteAsync(MessageWriter.Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"no\"}}"u8));
        var error = await Should.ThrowAsync<LspException>(request.WaitAsync(TimeSpan.FromSeconds(10)));
        error.Code.ShouldBe(ErrorCodes.InternalError);
        error.Message.ShouldBe("no");
        await toServer.Writer.CompleteAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Every_hostile_message_in_one_stream_still_leaves_the_server_serving()
    {
        await using var client = await StartAsync();
        foreach (var row in ParseErrors)
        {
            await client.SendRawAsync(MessageWriter.Frame((byte[])row[1]));
        }

        foreach (var row in InvalidRequests.Concat(InvalidParams))
        {
            await client.SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes((string)row[1])));
        }

        await client.SendRawAsync(Encoding.ASCII.GetBytes("Content-Length: -1\r\n\r\nContent-Length: 99999999999\r\n\r\nGarbage\r\n\r\n"));
        await ShouldStillServeAsync(client);
        client.Log.Events.ShouldNotContain(e => e.Level == Serilog.Events.LogEventLevel.Fatal);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_oversized_request_is_answered_for_its_id_and_the_next_request_is_served()
    {
        // An honest client sends the whole 64 MiB + 1 body: only its first bytes are kept, the rest is skipped as it arrives.
        var head = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"textDocument/didOpen\",\"params\":{\"text\":\""u8.ToArray();
        var body = new byte[MessageReader.MaxBodyBytes + 1];
        body.AsSpan().Fill((byte)'a');
        head.CopyTo(body, 0);
        "\"}}"u8.CopyTo(body.AsSpan(body.Length - 3));
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(body));
        var error = await client.WaitForNotificationAsync("$response", n => (string?)n["params"]!["id"] == "big");
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.InvalidRequest);
        ((string?)error["params"]!["error"]!["message"]).ShouldBe($"message of {body.Length} bytes is over the 64 MiB limit");
        await ShouldStillServeAsync(client);
    }

    /// <summary>
    /// Content-Lengths over the limit that announce more than was sent: the skipping stops at the next message's
    /// header. The id is answered when the kept first bytes hold one.
    /// </summary>
    public static TheoryData<string, string, string?> OversizedLies => new()
    {
        { "beyond Int64", "Content-Length: 99999999999999999999\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"x\"}", "big" },
        { "one byte over", $"Content-Length: {MessageReader.MaxBodyBytes + 1}\r\n\r\n{{\"id\":\"big\",\"jsonrpc\":\"2.0\",\"method\":\"x\"}}", "big" },
        { "a notification", "Content-Length: 99999999999\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{}}", null },
        { "the id after the first 64 KiB", $"Content-Length: 99999999999\r\n\r\n{{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"{new string('a', 70_000)}\",\"id\":\"big\"}}", null },
        { "no body at all", "Content-Length: 99999999999\r\n\r\n", null },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(OversizedLies))]
    public async Task An_oversized_length_that_lies_is_answered_when_it_can_be_and_the_next_request_is_served(string name, string message, string? answeredId)
    {
        name.ShouldNotBeEmpty();
        await using var client = await StartAsync();
        await client.SendRawAsync(Encoding.UTF8.GetBytes(message));
        await ShouldStillServeAsync(client);
        var answers = client.Notifications("$response").Select(n => n["params"]!).ToList();
        answers.Select(a => (string?)a["id"]).ShouldBe(answeredId is null ? [] : [answeredId]);
        answers.ShouldAllBe(a => (int?)a["error"]!["code"] == ErrorCodes.InvalidRequest);
        client.Log.Events.ShouldContain(e => e.RenderMessage(null).Contains("over the 67108864 byte limit"));
    }

    /// <summary>What the first bytes of an oversized message say about its id (null: no id to answer).</summary>
    public static TheoryData<string, string, string?, bool> Prefixes => new()
    {
        { "a number", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\",\"params\":{\"text\":\"aaa", "7", false },
        { "a string after params", "{\"params\":{\"a\":[1,{\"id\":3}]},\"id\":\"s\",\"method\":\"x\",\"params\":\"aaa", "\"s\"", false },
        { "null", "{\"id\":null,\"method\":\"x\"", "null", false },
        { "an object", "{\"id\":{\"a\":1},\"method\":\"x\"", "null", false },
        { "a lone surrogate", "{\"id\":\"\\ud800\",\"method\":\"x\"", "null", false },
        { "a response", "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":[\"aaa", "4", true },
        { "cut inside the id", "{\"jsonrpc\":\"2.0\",\"id\":12", null, false },
        { "only nested ids", "{\"params\":{\"id\":1},\"method\":\"x\",\"params\":\"", null, false },
        { "not an object", "[{\"id\":1}", null, false },
        { "garbage before the id", "{\"jsonrpc\":\"2.0\",,\"id\":1", null, false },
        { "deep nesting before the id", "{\"a\":" + new string('[', 10_000), null, false },
    };

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void The_id_of_an_oversized_message_is_found_in_its_first_bytes(string name, string prefix, string? id, bool isResponse)
    {
        name.ShouldNotBeEmpty();
        var found = IncomingMessage.FindId(Encoding.UTF8.GetBytes(prefix));
        found.Id?.RawJson.ShouldBe(id);
        found.Id.HasValue.ShouldBe(id is not null);
        found.IsResponse.ShouldBe(isResponse);
    }

    /// <summary>
    /// Header blocks before a request with id "h" ({0}: its length), and whether that request is still read. A block
    /// whose length cannot be trusted loses its message (where it ends is unknown), never the next one.
    /// </summary>
    public static TheoryData<string, string, bool> Headers => new()
    {
        { "spaces around the length", "Content-Length:   {0}  \r\n\r\n", true },
        { "a tab before the length", "Content-Length:\t{0}\r\n\r\n", true },
        { "a lower-case name", "content-length: {0}\r\n\r\n", true },
        { "unknown headers", "X-Trace: on\r\nContent-Length: {0}\r\nX-Other: caf\u00e9\r\n\r\n", true },
        { "another charset", "Content-Length: {0}\r\nContent-Type: application/vscode-jsonrpc; charset=iso-8859-1\r\n\r\n", true },
        { "the same length twice", "Content-Length: {0}\r\nContent-Length: {0}\r\n\r\n", true },
        { "no Content-Length", "Content-Type: application/vscode-jsonrpc\r\n\r\n", false },
        { "a negative length", "Content-Length: -{0}\r\n\r\n", false },
        { "a length that is not a number", "Content-Length: {0}abc\r\n\r\n", false },
        { "an empty length", "Content-Length:\r\n\r\n", false },
        { "two different lengths", "Content-Length: {0}\r\nContent-Length: 5\r\n\r\n", false },
        { "a header line without a colon", "Content-Length: {0}\r\nnonsense\r\n\r\n", false },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Headers))]
    public async Task A_header_block_costs_at_most_its_own_message(string name, string header, bool read)
    {
        name.ShouldNotBeEmpty();
        var body = "{\"jsonrpc\":\"2.0\",\"id\":\"h\",\"method\":\"nope\"}"u8.ToArray();
        await using var client = await StartAsync();
        await client.SendRawAsync([.. Encoding.Latin1.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, body.Length)), .. body]);
        await ShouldStillServeAsync(client);
        var answers = client.Notifications("$response").Select(n => n["params"]!).ToList();
        if (read)
        {
            answers.ShouldHaveSingleItem();
            ((string?)answers[0]["id"]).ShouldBe("h");
            ((int?)answers[0]["error"]!["code"]).ShouldBe(ErrorCodes.MethodNotFound);
        }
        else
        {
            answers.ShouldBeEmpty();
            client.Log.Events.ShouldContain(e => e.MessageTemplate.Text.StartsWith("Framing", StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_in_another_encoding_gets_a_parse_error()
    {
        // LSP speaks UTF-8 only; a body the client encoded otherwise is not JSON to us, whatever its Content-Type says.
        var body = Encoding.Unicode.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":\"h\",\"method\":\"nope\"}");
        await using var client = await StartAsync();
        await client.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-16\r\n\r\n"), .. body]);
        var error = await client.WaitForNotificationAsync("$response");
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.ParseError);
        await ShouldStillServeAsync(client);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("x", 4 << 20)]
    [InlineData("X-Header: ", 4 << 20)]
    [InlineData("X-A: 1\r\n", 64 << 10)]
    public async Task A_header_that_never_ends_is_dropped_in_bounded_pieces(string unit, int bytes)
    {
        await using var client = await StartAsync();
        await client.SendRawAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(unit, bytes / unit.Length))));
        await ShouldStillServeAsync(client);
        client.Log.Events.ShouldContain(e => e.RenderMessage(null).Contains("no header terminator"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("1.5")]
    [InlineData("-0")]
    [InlineData("1e400")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task An_unusual_id_is_echoed_exactly(string id)
    {
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"nope\"}}")));
        var error = await client.WaitForNotificationAsync("$response");
        (error["params"]!["id"]?.ToJsonString() ?? "null").ShouldBe(id);
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.MethodNotFound);
        await ShouldStillServeAsync(client);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_object_with_a_million_properties_is_answered()
    {
        var body = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"params\":{");
        for (var i = 0; i < 1_000_000; i++)
        {
            body.Append("\"p").Append(i).Append("\":0,");
        }

        body.Append("\"last\":0},\"id\":\"many\"}");
        await using var client = await StartAsync();
        await client.SendRawAsync(MessageWriter.Frame(Encoding.ASCII.GetBytes(body.ToString())));
        var error = await client.WaitForNotificationAsync("$response", n => (string?)n["params"]!["id"] == "many");
        ((int?)error["params"]!["error"]!["code"]).ShouldBe(ErrorCodes.MethodNotFound);
        await ShouldStillServeAsync(client);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("file:///w.html", "utf-16")]
    [InlineData("file:///w.html", "utf-8")]
    [InlineData("http://example.com/w.html", "utf-16")]
    [InlineData("not a uri", "utf-16")]
    [InlineData("", "utf-8")]
    [InlineData("file://", "utf-16")]
    [InlineData("file:///%zz%.html", "utf-16")]
    [InlineData("file:///../../../etc/passwd", "utf-8")]
    [InlineData("file:///a%00b.html", "utf-16")]
    [InlineData("file://server/share/w.html", "utf-16")]
    [InlineData("untitled:Untitled-1", "utf-8")]
    public async Task Positions_ranges_and_uris_out_of_bounds_never_fail_a_request(string uri, string encoding)
    {
        await using var client = new LspTestClient();
        await client.InitializeAsync(new { general = new { positionEncodings = new[] { encoding } }, textDocument = new { publishDiagnostics = new { } } });
        await client.OpenAsync(uri, "<html><head>\n<title>é😀</title>\n</head></html>");
        var badRanges = new[]
        {
            Range(1, 5, 0, 2), Range(0, 99, 9, 3), Range(-1, -1, -1, -1), Range(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue), Range(1, 9, 1, 8),
        };
        var version = 1;
        foreach (var range in badRanges)
        {
            await client.NotifyAsync("textDocument/didChange", new { textDocument = new { uri, version = ++version }, contentChanges = new[] { new { range, text = "x" } } });
        }

        foreach (var range in badRanges)
        {
            ShouldSucceed(await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = range["start"] }));
            ShouldSucceed(await client.RequestAsync("textDocument/hover", new { textDocument = new { uri }, position = range["end"] }));
            ShouldSucceed(await client.RequestAsync("textDocument/codeAction", new { textDocument = new { uri }, range, context = new { diagnostics = Array.Empty<object>() } }));
        }

        ShouldSucceed(await client.RequestAsync("textDocument/diagnostic", new { textDocument = new { uri } }));
        await client.WaitForDiagnosticsAsync(uri, version);
        await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        await ShouldStillServeAsync(client);
        client.Log.Events.ShouldNotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{\"rootPath\":\"/a\\u0000b\"}")]
    [InlineData("{\"rootUri\":\"file:///a%00b\"}")]
    [InlineData("{\"rootUri\":\"http://example.com/\"}")]
    [InlineData("{\"rootUri\":\"not a uri\",\"rootPath\":\"relative/../..\"}")]
    [InlineData("{\"workspaceFolders\":[{\"uri\":\"file:///%00\",\"name\":\"x\"},{\"uri\":\"\",\"name\":\"\"}]}")]
    public async Task Initialize_with_roots_that_name_no_folder_still_succeeds(string roots)
    {
        var @params = JsonNode.Parse(roots)!.AsObject();
        @params["processId"] = null;
        @params["capabilities"] = LspTestClient.ToNode(Capabilities.Neovim07);
        await using var client = new LspTestClient();
        ShouldSucceed(await client.RequestAsync("initialize", @params));
        await client.NotifyAsync("initialized", new { });
        await ShouldStillServeAsync(client);
        client.Log.Events.ShouldNotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("Content-Len", "input ended inside a header block")]
    [InlineData("Content-Length: 40\r\n", "input ended inside a header block")]
    [InlineData("Content-Length: 40\r\n\r\n{\"jsonrpc\"", "input ended inside a message body (10 of 40 bytes)")]
    [InlineData("Content-Length: 99999999999\r\n\r\n{\"id\":\"cut\",\"method\":\"x\"", "input ended inside a message body (24 of 99999999999 bytes)")]
    public async Task Input_that_ends_inside_a_message_ends_the_server_cleanly(string input, string problem)
    {
        await using var client = await StartAsync();
        await client.SendRawAsync(Encoding.ASCII.GetBytes(input));
        await client.CloseInputAsync();
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(1);
        client.Log.Events.ShouldContain(e => e.RenderMessage(null).Contains(problem));
        client.Log.Events.ShouldNotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
        if (input.Contains("cut", StringComparison.Ordinal))
        {
            // Even then an oversized request is answered: the client may still be reading.
            await client.WaitForNotificationAsync("$response", n => (string?)n["params"]!["id"] == "cut");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_lifecycle_is_enforced_whatever_order_the_client_uses()
    {
        await using var client = new LspTestClient();
        ((int?)(await client.RequestAsync("shutdown"))["error"]!["code"]).ShouldBe(ErrorCodes.ServerNotInitialized);
        await client.InitializeAsync();
        await client.RequestAsync("shutdown");
        ((int?)(await client.RequestAsync("initialize", new { processId = (int?)null, capabilities = new { } }))["error"]!["code"]).ShouldBe(ErrorCodes.InvalidRequest);
        ((int?)(await client.RequestAsync("shutdown"))["error"]!["code"]).ShouldBe(ErrorCodes.InvalidRequest);
        await client.NotifyAsync("exit");
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Exit_before_initialize_ends_the_server_with_code_one()
    {
        await using var client = new LspTestClient();
        await client.NotifyAsync("exit");
        (await client.ServerTask.WaitAsync(LspTestClient.Timeout)).ShouldBe(1);
    }

    private static JsonObject Range(int line1, int char1, int line2, int char2) => new()
    {
        ["start"] = new JsonObject { ["line"] = line1, ["character"] = char1 },
        ["end"] = new JsonObject { ["line"] = line2, ["character"] = char2 },
    };

    private static void ShouldSucceed(JsonObject response) => response["error"].ShouldBeNull(response.ToJsonString());

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static async Task<LspTestClient> StartAsync()
    {
        var client = new LspTestClient();
        // Push diagnostics: the check that documents are still analysed after the bad message waits for a publish.
        await client.InitializeAsync(Capabilities.Neovim07);
        return client;
    }

    private static async Task ShouldStillServeAsync(LspTestClient client)
    {
        var response = await client.RequestAsync("nope", new { }, id: "still-serving");
        ((int?)response["error"]!["code"]).ShouldBe(ErrorCodes.MethodNotFound);
        await client.OpenAsync("file:///ok.html", "<html><head><title>Ok</title></head></html>");
        await client.WaitForDiagnosticsAsync("file:///ok.html");
        await client.ShutdownAndExitAsync();
    }
}
