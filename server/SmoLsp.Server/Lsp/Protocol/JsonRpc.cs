using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace SmoLsp.Server.Lsp.Protocol;

/// <summary>JSON-RPC 2.0 and LSP error codes.</summary>
public static class ErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>LSP: a request arrived before <c>initialize</c>.</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>LSP: the document changed so the result would be wrong.</summary>
    public const int ContentModified = -32801;

    /// <summary>LSP: the client cancelled the request with <c>$/cancelRequest</c>.</summary>
    public const int RequestCancelled = -32800;
}

internal static class CancellationExtensions
{
    /// <summary>Cancels unless the source is already disposed (the work it cancelled has finished).</summary>
    public static void CancelQuietly(this CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished in the meantime: nothing left to cancel.
        }
    }
}

/// <summary>A handler failure that becomes a JSON-RPC error response with this code.</summary>
public sealed class LspException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    public static LspException InvalidParams(string message) => new(ErrorCodes.InvalidParams, message);
}

/// <summary>
/// A request id: a number or a string, echoed back exactly as the client wrote it. <see cref="Key"/> identifies it
/// for cancellation (<c>1</c> and <c>"1"</c> are different ids).
/// </summary>
public readonly record struct RequestId
{
    private RequestId(string rawJson, string key)
    {
        RawJson = rawJson;
        Key = key;
    }

    /// <summary>The id as JSON text (<c>7</c>, <c>"abc"</c>, or <c>null</c> for an error about an unreadable request).</summary>
    public string RawJson { get; }

    public string Key { get; }

    public static RequestId Null { get; } = new("null", "null");

    public static RequestId FromNumber(long value) => new(value.ToString(CultureInfo.InvariantCulture), "n:" + value.ToString(CultureInfo.InvariantCulture));

    public static bool TryFrom(JsonElement element, out RequestId id)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                var key = element.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : raw;
                id = new RequestId(raw, "n:" + key);
                return true;
            case JsonValueKind.String when IncomingMessage.TryGetString(element, out var text):
                id = new RequestId(element.GetRawText(), "s:" + text);
                return true;
            case JsonValueKind.Null:
                // JSON-RPC allows a null id (discouraged); treat it as a request that is answered with id null.
                id = Null;
                return true;
            default:
                id = Null;
                return false;
        }
    }

    public override string ToString() => RawJson;
}

/// <summary>The kinds of message a JSON-RPC body can be.</summary>
public enum IncomingKind
{
    Request,
    Notification,
    Response,
    Invalid,
}

/// <summary>One parsed incoming body. Owns the <see cref="JsonDocument"/>: dispose when done with <see cref="Params"/>.</summary>
public sealed class IncomingMessage : IDisposable
{
    /// <summary>LSP method names are a few dozen characters: a longer one is refused, so no log line or error text repeats it.</summary>
    private const int MaxMethodLength = 256;

    private readonly JsonDocument? _document;

    private IncomingMessage(JsonDocument? document, IncomingKind kind, string? method, RequestId id, JsonElement? @params, JsonElement? result, JsonElement? error, string? problem)
    {
        _document = document;
        Kind = kind;
        Method = method;
        Id = id;
        Params = @params;
        Result = result;
        Error = error;
        Problem = problem;
    }

    public IncomingKind Kind { get; }

    public string? Method { get; }

    public RequestId Id { get; }

    public JsonElement? Params { get; }

    public JsonElement? Result { get; }

    public JsonElement? Error { get; }

    /// <summary>Why the message is <see cref="IncomingKind.Invalid"/>.</summary>
    public string? Problem { get; }

    /// <summary>
    /// Parses a body. Throws <see cref="JsonException"/> only when the body is not JSON at all (-32700), which includes
    /// bytes that are not UTF-8 (JSON text is UTF-8, RFC 8259 section 8.1). Everything else that is wrong becomes an
    /// <see cref="IncomingKind.Invalid"/> message (-32600).
    /// </summary>
    public static IncomingMessage Parse(byte[] body)
    {
        // Parse first, validate the encoding after: a parse fails at the first bad token, so a body that is garbage
        // costs only the bytes up to it (the reader may hand us overlapping garbage bodies; see Rewind).
        var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        if (!Utf8.IsValid(body))
        {
            // JsonDocument does not validate the bytes inside strings; GetString would throw on them later.
            document.Dispose();
            throw new JsonException($"the message is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(body)})");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(document, RequestId.Null, "a message must be a JSON object (batches are not used by LSP)");
        }

        var id = RequestId.Null;
        var hasId = root.TryGetProperty("id", out var idElement);
        if (hasId && !RequestId.TryFrom(idElement, out id))
        {
            return Invalid(document, RequestId.Null, "id must be a number or a string");
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"))
        {
            return Invalid(document, id, "jsonrpc must be \"2.0\"");
        }

        JsonElement? @params = root.TryGetProperty("params", out var p) ? p : null;
        if (root.TryGetProperty("method", out var methodElement))
        {
            if (methodElement.ValueKind != JsonValueKind.String)
            {
                return Invalid(document, id, "method must be a string");
            }

            if (@params is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null) })
            {
                return Invalid(document, id, "params must be an object or an array");
            }

            if (!TryGetString(methodElement, out var method))
            {
                return Invalid(document, id, "method is not a valid Unicode string");
            }

            if (method.Length > MaxMethodLength)
            {
                return Invalid(document, id, $"method is over {MaxMethodLength} characters");
            }

            return new IncomingMessage(document, hasId ? IncomingKind.Request : IncomingKind.Notification, method, id, @params, null, null, null);
        }

        if (hasId && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)))
        {
            JsonElement? result = root.TryGetProperty("result", out var r) ? r : null;
            JsonElement? error = root.TryGetProperty("error", out var e) ? e : null;
            return new IncomingMessage(document, IncomingKind.Response, null, id, null, result, error, null);
        }

        return Invalid(document, id, "neither a request, a notification nor a response");
    }

    /// <summary>
    /// The id among the first bytes of a message too large to parse (null when they hold none; <see
    /// cref="RequestId.Null"/> when it is not a number or a string, as <see cref="Parse"/> answers that), and whether
    /// those bytes show it is a response. A forward-only scan of the top-level properties that ends where the bytes,
    /// or the JSON in them, do.
    /// </summary>
    public static (RequestId? Id, bool IsResponse) FindId(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
        RequestId? id = null;
        var isResponse = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, false);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                isResponse |= reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8);
                if (!reader.Read())
                {
                    break;
                }

                if (isId && id is null)
                {
                    var primitive = reader.TokenType is JsonTokenType.Number or JsonTokenType.String or JsonTokenType.Null;
                    id = primitive && RequestId.TryFrom(JsonElement.ParseValue(ref reader), out var found) ? found : RequestId.Null;
                }

                if (!reader.TrySkip())
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // The bytes stop being JSON here: what was found before stands.
        }

        return (id, isResponse);
    }

    public void Dispose() => _document?.Dispose();

    /// <summary>
    /// The string, or false when it cannot be one: valid UTF-8 can still escape a lone surrogate (<c>"\ud800"</c>),
    /// which <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    internal static bool TryGetString(JsonElement element, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        try
        {
            value = element.GetString();
            return value is not null;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static IncomingMessage Invalid(JsonDocument document, RequestId id, string problem) =>
        new(document, IncomingKind.Invalid, null, id, null, null, null, problem);
}
