using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Serilog;

namespace SmoLsp.Server.Lsp.Protocol;

/// <summary>What a request handler gets besides its params.</summary>
public sealed class RequestContext
{
    internal RequestContext(RequestId id, string method, object? state, CancellationToken cancellationToken)
    {
        Id = id;
        Method = method;
        State = state;
        CancellationToken = cancellationToken;
    }

    public RequestId Id { get; }

    public string Method { get; }

    /// <summary>The server state captured when the request arrived (see <see cref="JsonRpcConnection.CaptureRequestState"/>).</summary>
    public object? State { get; }

    /// <summary>Cancelled by <c>$/cancelRequest</c> or when the server exits.</summary>
    public CancellationToken CancellationToken { get; }
}

/// <summary>
/// JSON-RPC 2.0 over framed streams, with the LSP lifecycle. One loop reads messages in order: notifications run on
/// that loop, one after another (so document edits apply strictly in order); requests are parsed there, paired with
/// a snapshot of the server state taken at that moment, and then run concurrently. Every request gets exactly one
/// response. Nothing a client sends can end the loop except <c>exit</c> or the end of the input.
/// </summary>
public sealed class JsonRpcConnection : IAsyncDisposable
{
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RequestHandler> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NotificationHandler> _notifications = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement?>> _outgoing = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private long _nextOutgoingId;
    private int? _exitCode;

    public JsonRpcConnection(Stream input, Stream output, ILogger logger)
    {
        _reader = new MessageReader(input);
        _writer = new MessageWriter(output, logger);
        _logger = logger;
    }

    public Lifecycle Lifecycle { get; } = new();

    /// <summary>Called on the read loop as each request arrives; the result is handed to the handler as <see cref="RequestContext.State"/>.</summary>
    public Func<object?>? CaptureRequestState { get; set; }

    /// <summary>Cancelled when the connection stops (exit, end of input, or <see cref="RequestExit"/>).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>
    /// Registers a request handler. <paramref name="inline"/> handlers run on the read loop before the next message
    /// is read (<c>initialize</c>, <c>shutdown</c>); others run concurrently.
    /// </summary>
    public void OnRequest<TParams, TResult>(string method, JsonTypeInfo<TParams> paramsInfo, JsonTypeInfo<TResult> resultInfo, Func<TParams, RequestContext, Task<TResult?>> handler, bool inline = false)
        where TParams : class
        where TResult : class =>
        _requests[method] = new RequestHandler(element => Deserialize(element, paramsInfo), Respond(resultInfo, (p, context) => handler((TParams)p!, context)), inline);

    /// <summary>Registers a request handler for a method without params.</summary>
    public void OnRequest<TResult>(string method, JsonTypeInfo<TResult> resultInfo, Func<RequestContext, Task<TResult?>> handler, bool inline = false)
        where TResult : class =>
        _requests[method] = new RequestHandler(_ => null, Respond(resultInfo, (_, context) => handler(context)), inline);

    /// <summary>Registers a notification handler; it runs on the read loop, in arrival order.</summary>
    public void OnNotification<TParams>(string method, JsonTypeInfo<TParams> paramsInfo, Action<TParams> handler)
        where TParams : class =>
        _notifications[method] = new NotificationHandler(element => Deserialize(element, paramsInfo), p => handler((TParams)p!));

    public void OnNotification(string method, Action handler) =>
        _notifications[method] = new NotificationHandler(_ => null, _ => handler());

    public void SendNotification<TParams>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo)
    {
        var body = Envelope(writer =>
        {
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            JsonSerializer.Serialize(writer, @params, paramsInfo);
        });
        _logger.Verbose("--> {Method}", method);
        _writer.Enqueue(body);
    }

    /// <summary>Sends a request to the client and awaits its result (null for <c>"result": null</c>).</summary>
    public async Task<TResult?> SendRequestAsync<TParams, TResult>(string method, TParams @params, JsonTypeInfo<TParams> paramsInfo, JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken)
    {
        var id = RequestId.FromNumber(Interlocked.Increment(ref _nextOutgoingId));
        var completion = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outgoing[id.Key] = completion;
        var body = Envelope(writer =>
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(id.RawJson);
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            JsonSerializer.Serialize(writer, @params, paramsInfo);
        });
        _logger.Debug("--> {Method} #{Id} (to client)", method, id);
        _writer.Enqueue(body);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await using var registration = linked.Token.Register(() => completion.TrySetCanceled()).ConfigureAwait(false);
        try
        {
            var element = await completion.Task.ConfigureAwait(false);
            return element is null || element.Value.ValueKind == JsonValueKind.Null ? default : element.Value.Deserialize(resultInfo);
        }
        finally
        {
            _outgoing.TryRemove(id.Key, out _);
        }
    }

    /// <summary>Ends the read loop with <paramref name="exitCode"/> (the client process died).</summary>
    public void RequestExit(int exitCode)
    {
        _exitCode ??= exitCode;
        _stop.Cancel();
    }

    /// <summary>Reads and dispatches until <c>exit</c>, the end of the input, or <see cref="RequestExit"/>; returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        try
        {
            while (_exitCode is null)
            {
                FramedMessage framed;
                try
                {
                    // WaitAsync as well: a read on a real stdin pipe ignores the token, and RequestExit must not wait for input.
                    framed = await _reader.ReadAsync(_stop.Token).AsTask().WaitAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                    _logger.Warning(ex, "Input stream failed; stopping");
                    break;
                }

                if (framed.Problem is not null)
                {
                    _logger.Warning("Framing: {Problem}", framed.Problem);
                }

                if (framed.Oversized is not null)
                {
                    Refuse(framed.Oversized);
                }

                if (framed.Body is not null)
                {
                    try
                    {
                        Dispatch(framed.Body);
                    }
                    catch (Exception ex)
                    {
                        // Last line of defence: whatever a message does to the dispatcher, the next one is still read.
                        _logger.Error(ex, "Could not handle a message of {Bytes} bytes; carrying on", framed.Body.Length);
                    }
                }

                if (framed.EndOfStream)
                {
                    _logger.Information("Input closed; exiting");
                    break;
                }
            }
        }
        finally
        {
            _exitCode ??= Lifecycle.ExitCode;
            _stop.Cancel();
            foreach (var pending in _outgoing.Values)
            {
                pending.TrySetCanceled();
            }
        }

        await _writer.CompleteAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return _exitCode.Value;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _writer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Dispatch(byte[] body)
    {
        IncomingMessage message;
        try
        {
            message = IncomingMessage.Parse(body);
        }
        catch (JsonException ex)
        {
            _logger.Warning("Parse error: {Message}", ex.Message);
            SendError(RequestId.Null, ErrorCodes.ParseError, "Parse error: " + ex.Message);
            // A Content-Length that was too large swallows the start of the next message: read on from there.
            var next = MessageReader.IndexOfContentLength(body, 1);
            if (next > 0 && !_reader.Rewind(next))
            {
                _logger.Warning("Not re-reading a message nested in a message that was re-read already");
            }

            return;
        }

        var disposeNow = true;
        try
        {
            switch (message.Kind)
            {
                case IncomingKind.Invalid:
                    _logger.Warning("Invalid request: {Problem}", message.Problem);
                    SendError(message.Id, ErrorCodes.InvalidRequest, "Invalid request: " + message.Problem);
                    break;
                case IncomingKind.Response:
                    HandleResponse(message);
                    break;
                case IncomingKind.Notification:
                    HandleNotification(message);
                    break;
                case IncomingKind.Request:
                    disposeNow = !HandleRequest(message);
                    break;
            }
        }
        finally
        {
            if (disposeNow)
            {
                message.Dispose();
            }
        }
    }

    /// <summary>Answers a message too large to read, when its first bytes say who is waiting for the answer.</summary>
    private void Refuse(OversizedMessage oversized)
    {
        var text = $"message of {oversized.Length} bytes is over the {MessageReader.MaxBodyBytes / (1024 * 1024)} MiB limit";
        var (id, isResponse) = IncomingMessage.FindId(oversized.Prefix);
        if (id is null)
        {
            _logger.Warning("Not answered, no id in its first {Bytes} bytes: {Text}", oversized.Prefix.Length, text);
        }
        else if (isResponse)
        {
            // The client did answer: whoever awaits that answer gets this error instead of waiting for ever.
            if (_outgoing.TryRemove(id.Value.Key, out var completion))
            {
                completion.TrySetException(new LspException(ErrorCodes.InvalidRequest, text));
            }
        }
        else
        {
            SendError(id.Value, ErrorCodes.InvalidRequest, text);
        }
    }

    private void HandleResponse(IncomingMessage message)
    {
        if (!_outgoing.TryRemove(message.Id.Key, out var completion))
        {
            _logger.Debug("Response to unknown request {Id}", message.Id);
            return;
        }

        if (message.Error is { } error)
        {
            var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : ErrorCodes.InternalError;
            var text = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && IncomingMessage.TryGetString(m, out var t) ? t : "error";
            completion.TrySetException(new LspException(code, text ?? "error"));
        }
        else
        {
            // Clone: the element must outlive this message's JsonDocument.
            completion.TrySetResult(message.Result?.Clone());
        }
    }

    private void HandleNotification(IncomingMessage message)
    {
        var method = message.Method!;
        _logger.Verbose("<-- {Method}", method);
        if (method == "exit")
        {
            _exitCode = Lifecycle.ExitCode;
            _logger.Information("exit received; exit code {Code}", _exitCode);
            return;
        }

        if (method == "$/cancelRequest")
        {
            Cancel(message.Params);
            return;
        }

        if (!Lifecycle.AcceptsNotification())
        {
            _logger.Debug("Dropped {Method}: the server is {State}", method, Lifecycle.State);
            return;
        }

        if (!_notifications.TryGetValue(method, out var handler))
        {
            if (!method.StartsWith("$/", StringComparison.Ordinal))
            {
                _logger.Debug("No handler for notification {Method}", method);
            }

            return;
        }

        try
        {
            handler.Invoke(handler.Parse(message.Params));
        }
        catch (LspException ex)
        {
            _logger.Warning("{Method}: {Message}", method, ex.Message);
        }
        catch (Exception ex)
        {
            // A notification has nobody to answer: log, keep serving.
            _logger.Error(ex, "{Method} failed", method);
        }
    }

    private void Cancel(JsonElement? @params)
    {
        if (@params is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("id", out var idElement) && RequestId.TryFrom(idElement, out var id)
            && _running.TryGetValue(id.Key, out var cts))
        {
            _logger.Debug("Cancelling request {Id}", id);
            cts.CancelQuietly();
        }
    }

    /// <summary>Returns true when the message's lifetime passed to a running handler.</summary>
    private bool HandleRequest(IncomingMessage message)
    {
        var method = message.Method!;
        var id = message.Id;
        _logger.Verbose("<-- {Method} #{Id}", method, id);
        if (Lifecycle.RejectRequest(method) is { } rejection)
        {
            SendError(id, rejection.Code, rejection.Message);
            return false;
        }

        if (method == "shutdown")
        {
            // From here on every request but exit is refused; the handler (if any) releases resources.
            Lifecycle.ShutDown();
        }

        if (!_requests.TryGetValue(method, out var handler))
        {
            if (method == "shutdown")
            {
                SendResponse(id, null);
            }
            else
            {
                SendError(id, ErrorCodes.MethodNotFound, $"Unhandled method {method}");
            }

            return false;
        }

        object? parsed;
        try
        {
            parsed = handler.Parse(message.Params);
        }
        catch (LspException ex)
        {
            SendError(id, ex.Code, ex.Message);
            return false;
        }
        catch (Exception ex)
        {
            SendError(id, ErrorCodes.InvalidParams, $"Invalid params: {ex.Message}");
            return false;
        }

        var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (!_running.TryAdd(id.Key, cts))
        {
            cts.Dispose();
            SendError(id, ErrorCodes.InvalidRequest, $"a request with id {id} is already running");
            return false;
        }

        var context = new RequestContext(id, method, CaptureRequestState?.Invoke(), cts.Token);
        if (handler.Inline)
        {
            var succeeded = RunRequest(handler, parsed, context, message, cts).GetAwaiter().GetResult();
            if (succeeded && method == "initialize")
            {
                Lifecycle.Initialized();
            }

            return true;
        }

        _ = Task.Run(() => RunRequest(handler, parsed, context, message, cts));
        return true;
    }

    /// <summary>Runs a handler and answers; true when the answer was a result.</summary>
    private async Task<bool> RunRequest(RequestHandler handler, object? parsed, RequestContext context, IncomingMessage message, CancellationTokenSource cts)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await handler.Run(parsed, context).ConfigureAwait(false);
            if (cts.IsCancellationRequested)
            {
                // The client has said it no longer wants this; answering -32800 tells it so consistently.
                SendError(context.Id, ErrorCodes.RequestCancelled, "Request cancelled");
                return false;
            }

            SendResponse(context.Id, result);
            return true;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            SendError(context.Id, ErrorCodes.RequestCancelled, "Request cancelled");
        }
        catch (LspException ex)
        {
            SendError(context.Id, ex.Code, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.Error(ex, "{Method} #{Id} failed", context.Method, context.Id);
            SendError(context.Id, ErrorCodes.InternalError, $"{context.Method} failed: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            _running.TryRemove(context.Id.Key, out _);
            cts.Dispose();
            message.Dispose();
            _logger.Verbose("--> #{Id} {Method} in {Ms:0.0} ms", context.Id, context.Method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return false;
    }

    private void SendResponse(RequestId id, byte[]? resultJson) =>
        _writer.Enqueue(Envelope(256 + (resultJson?.Length ?? 0), writer =>
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(id.RawJson);
            writer.WritePropertyName("result");
            if (resultJson is null)
            {
                // A void result is written explicitly: some clients treat a response without result or error as malformed.
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(resultJson, skipInputValidation: true);
            }
        }));

    private void SendError(RequestId id, int code, string message)
    {
        _logger.Debug("--> error {Code} for #{Id}: {Message}", code, id, message);
        _writer.Enqueue(Envelope(writer =>
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(id.RawJson);
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }));
    }

    private static byte[] Envelope(Action<Utf8JsonWriter> body) => Envelope(256, body);

    /// <summary>
    /// <paramref name="capacity"/>: the expected size, so a large result (a workspace report of several MB) is copied
    /// once instead of through every doubling of the buffer.
    /// </summary>
    private static byte[] Envelope(int capacity, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static T? Deserialize<T>(JsonElement? element, JsonTypeInfo<T> info)
        where T : class
    {
        if (element is null || element.Value.ValueKind == JsonValueKind.Null)
        {
            throw LspException.InvalidParams("params are required");
        }

        try
        {
            return element.Value.Deserialize(info) ?? throw LspException.InvalidParams("params are required");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            // InvalidOperationException: a string that escapes a lone surrogate ("\ud800") cannot become a .NET string.
            throw LspException.InvalidParams("Invalid params: " + ex.Message);
        }
    }

    /// <summary>Runs a handler and serializes its result (null: a void result).</summary>
    private static Func<object?, RequestContext, Task<byte[]?>> Respond<TResult>(JsonTypeInfo<TResult> resultInfo, Func<object?, RequestContext, Task<TResult?>> handler)
        where TResult : class =>
        async (p, context) => await handler(p, context).ConfigureAwait(false) is { } result ? JsonSerializer.SerializeToUtf8Bytes(result, resultInfo) : null;

    private sealed record RequestHandler(Func<JsonElement?, object?> Parse, Func<object?, RequestContext, Task<byte[]?>> Run, bool Inline);

    private sealed record NotificationHandler(Func<JsonElement?, object?> Parse, Action<object?> Invoke);
}
