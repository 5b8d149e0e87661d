using System.Buffers;
using System.Text;

namespace SmoLsp.Server.Lsp.Protocol;

/// <summary>What one read produced: a message body, a framing problem to log, an oversized message, or the end of the input.</summary>
public readonly record struct FramedMessage(byte[]? Body, string? Problem, bool EndOfStream, OversizedMessage? Oversized = null)
{
    public static FramedMessage Eof => new(null, null, true);
}

/// <summary>
/// A message whose Content-Length is over <see cref="MessageReader.MaxBodyBytes"/>: its announced length and its first
/// bytes (at most <see cref="MessageReader.OversizedPrefixBytes"/>), where its id usually is. The rest was skipped unread.
/// </summary>
public sealed record OversizedMessage(long Length, byte[] Prefix);

/// <summary>
/// Reads <c>Content-Length</c>-framed messages (LSP base protocol). Lengths count UTF-8 bytes. Never throws on
/// bad input: a malformed header block is reported and skipped, and the reader resynchronises on the next
/// <c>Content-Length:</c> it sees, so one broken message never costs the session.
/// </summary>
/// <remarks>
/// Bounded by construction: memory never exceeds the bytes actually received for the current message (a length is
/// a promise, not an allocation), a header block is at most <see cref="MaxHeaderBytes"/>, a body at most
/// <see cref="MaxBodyBytes"/> (of a larger one only the first <see cref="OversizedPrefixBytes"/> are kept, so it can be
/// answered), and every input byte is scanned a constant number of times however the garbage is arranged.
/// </remarks>
public sealed class MessageReader(Stream input)
{
    /// <summary>Header blocks are a few dozen bytes; anything this long without a blank line is garbage.</summary>
    internal const int MaxHeaderBytes = 8 * 1024;

    /// <summary>
    /// 64 MiB. The largest legitimate body is a didOpen/didChange of a template at the workspace cap (16 MiB,
    /// <c>TemplateFile.DefaultMaxBytes</c>); JSON escaping at most doubles ordinary text (<c>"</c>, <c>\</c>, line
    /// ends), so 64 MiB leaves twice that margin. A larger message is refused without reading it into memory.
    /// </summary>
    internal const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>
    /// How much of an oversized body is kept to find its id. Clients write <c>jsonrpc</c>, <c>id</c> and <c>method</c>
    /// before <c>params</c>, so the id is within the first hundred bytes; 64 KiB also covers a client that puts
    /// something large first, and is the buffer's initial size anyway.
    /// </summary>
    internal const int OversizedPrefixBytes = 64 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>After a message this large, the buffer goes back to its initial size instead of staying big for the session.</summary>
    private const int ShrinkAboveBytes = 1024 * 1024;

    private static readonly byte[] s_headerEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] s_contentLength = "content-length:"u8.ToArray();

    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Buffer index before which no header terminator starts (so garbage is never scanned twice).</summary>
    private int _noHeaderEndBefore;

    /// <summary>Buffer index of the body <see cref="ReadAsync"/> returned last, while <see cref="Rewind"/> may still use it; else -1.</summary>
    private int _lastBodyStart = -1;
    private int _lastBodyLength;

    /// <summary>Input offset of <c>_buffer[0]</c>.</summary>
    private long _bufferBase;

    /// <summary>Input offset up to which bytes have already been read twice (see <see cref="Rewind"/>).</summary>
    private long _rereadUntil;

    public async ValueTask<FramedMessage> ReadAsync(CancellationToken cancellationToken)
    {
        _lastBodyStart = -1;
        ShrinkBuffer();
        while (true)
        {
            // Only the first MaxHeaderBytes can hold this message's header block; never search further.
            var window = Available[..Math.Min(Available.Length, MaxHeaderBytes + s_headerEnd.Length)];
            var scanFrom = Math.Clamp(_noHeaderEndBefore - _start, 0, window.Length);
            var found = window[scanFrom..].IndexOf(s_headerEnd);
            if (found < 0)
            {
                _noHeaderEndBefore = _start + Math.Max(0, window.Length - (s_headerEnd.Length - 1));
                if (window.Length >= MaxHeaderBytes + s_headerEnd.Length)
                {
                    var discarded = SkipGarbage();
                    return new FramedMessage(null, $"discarded {discarded} bytes with no header terminator", false);
                }

                if (!await FillAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    return Available.IsEmpty
                        ? FramedMessage.Eof
                        : new FramedMessage(null, $"input ended inside a header block ({Available.Length} bytes)", true);
                }

                continue;
            }

            var headerEnd = scanFrom + found;
            var header = Available[..headerEnd];
            var (length, error, mayHideHeader) = ParseHeader(header);
            if (error is not null)
            {
                var problem = $"{error} in header block \"{Printable(header)}\"";
                // Garbage may end in a good header ("...}Content-Length: 52", the tail of a body sent shorter than
                // announced): restart at the block's last Content-Length rather than lose that message. A retry starts
                // at the last one, so a block is parsed at most twice.
                var last = mayHideHeader ? LastIndexOfContentLength(header) : -1;
                _start += last > 0 ? last : headerEnd + s_headerEnd.Length;
                return new FramedMessage(null, problem, false);
            }

            var bodyOffset = headerEnd + s_headerEnd.Length;
            if (length > MaxBodyBytes)
            {
                _start += bodyOffset;
                return await SkipOversizedAsync(length, cancellationToken).ConfigureAwait(false);
            }

            var bodyLength = (int)length;
            while (_end - _start - bodyOffset < bodyLength)
            {
                if (!await FillAsync(bodyOffset + bodyLength, cancellationToken).ConfigureAwait(false))
                {
                    var received = _end - _start - bodyOffset;
                    _start = _end;
                    return new FramedMessage(null, BodyCutShort(received, length), true);
                }
            }

            var bodyStart = _start + bodyOffset;
            var body = _buffer.AsSpan(bodyStart, bodyLength).ToArray();
            _start = bodyStart + bodyLength;
            _noHeaderEndBefore = _start;
            _lastBodyStart = bodyStart;
            _lastBodyLength = bodyLength;
            return new FramedMessage(body, null, false);
        }
    }

    private static string BodyCutShort(long received, long length) => $"input ended inside a message body ({received} of {length} bytes)";

    /// <summary>
    /// Discards the body of an oversized message as it arrives, keeping only its first bytes. Stops early at a
    /// <c>Content-Length:</c>: JSON cannot hold a header line (a raw line end is never inside a string), so one there
    /// means the client announced more than it sent and its next message starts here.
    /// </summary>
    private async ValueTask<FramedMessage> SkipOversizedAsync(long length, CancellationToken cancellationToken)
    {
        var prefix = new ArrayBufferWriter<byte>(OversizedPrefixBytes);
        var skipped = 0L;
        while (true)
        {
            var body = Available[..(int)Math.Min(Available.Length, length - skipped)];
            var next = IndexOfContentLength(body, 0);
            // Keep back a tail that may be the start of a "Content-Length:" split across reads, unless the body ends here.
            var drop = next >= 0 ? next
                : skipped + body.Length == length ? body.Length
                : Math.Max(0, body.Length - (s_contentLength.Length - 1));
            prefix.Write(body[..Math.Min(drop, OversizedPrefixBytes - prefix.WrittenCount)]);
            _start += drop;
            _noHeaderEndBefore = _start;
            skipped += drop;
            if (next >= 0 || skipped == length)
            {
                var ending = next >= 0 ? $"; the next message starts after {skipped} bytes" : string.Empty;
                return new FramedMessage(null, $"Content-Length {length} is over the {MaxBodyBytes} byte limit{ending}", false, new(length, prefix.WrittenSpan.ToArray()));
            }

            if (!await FillAsync(0, cancellationToken).ConfigureAwait(false))
            {
                var tail = Available;
                prefix.Write(tail[..Math.Min(tail.Length, OversizedPrefixBytes - prefix.WrittenCount)]);
                _start = _end;
                return new FramedMessage(null, BodyCutShort(skipped + tail.Length, length), true, new(length, prefix.WrittenSpan.ToArray()));
            }
        }
    }

    /// <summary>
    /// Reads again from <paramref name="bodyOffset"/> of the body the last <see cref="ReadAsync"/> returned. Used when
    /// that body turns out not to be JSON but contains the start of the next message (a Content-Length that was too
    /// large swallowed it). Costs nothing: the bytes are still in the buffer. Returns false, and changes nothing,
    /// when that body itself came from bytes read again: bodies nested in bodies would otherwise make the input
    /// quadratic to read.
    /// </summary>
    public bool Rewind(int bodyOffset)
    {
        if (_lastBodyStart < 0)
        {
            throw new InvalidOperationException("Rewind is only possible right after a body was read");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bodyOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bodyOffset, _lastBodyLength);
        var bodyStart = _bufferBase + _lastBodyStart;
        if (bodyStart < _rereadUntil)
        {
            return false;
        }

        _rereadUntil = bodyStart + _lastBodyLength;
        _start = _lastBodyStart + bodyOffset;
        _noHeaderEndBefore = _start;
        _lastBodyStart = -1;
        return true;
    }

    /// <summary>The offset of the first <c>Content-Length:</c> (any case) in <paramref name="bytes"/> at or after <paramref name="from"/>, or -1.</summary>
    public static int IndexOfContentLength(ReadOnlySpan<byte> bytes, int from)
    {
        var i = Math.Max(0, from);
        while (i <= bytes.Length - s_contentLength.Length)
        {
            // Jump between candidate first letters: megabytes of skipped body are scanned at memory speed.
            var c = bytes[i..].IndexOfAny((byte)'c', (byte)'C');
            if (c < 0)
            {
                return -1;
            }

            i += c;
            if (i <= bytes.Length - s_contentLength.Length && IsContentLengthAt(bytes, i))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private static int LastIndexOfContentLength(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.Length - s_contentLength.Length; i >= 0; i--)
        {
            if (IsContentLengthAt(bytes, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsContentLengthAt(ReadOnlySpan<byte> bytes, int i) => Ascii.EqualsIgnoreCase(bytes.Slice(i, s_contentLength.Length), s_contentLength);

    private ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    /// <summary>
    /// Drops bytes up to the next <c>Content-Length:</c> after the current position. When there is none yet, keeps
    /// only the tail that could be the start of one split across reads. Returns how many bytes were dropped.
    /// </summary>
    private int SkipGarbage()
    {
        var next = IndexOfContentLength(Available, 1);
        var skip = next > 0 ? next : Math.Max(1, Available.Length - (s_contentLength.Length - 1));
        _start += skip;
        return skip;
    }

    /// <summary>
    /// The length, or an error. <c>MayHideHeader</c>: the block is not a header as a whole (a line that is not a header
    /// line, or no Content-Length line), so a good header may sit inside it; an error about the Content-Length value
    /// itself means the header was read as sent, and is simply bad.
    /// </summary>
    private static (long Length, string? Error, bool MayHideHeader) ParseHeader(ReadOnlySpan<byte> header)
    {
        long? length = null;
        foreach (var range in header.Split("\r\n"u8))
        {
            var line = header[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return (0, "malformed header line", true);
            }

            var name = line[..colon];
            // Optional white space around a value is spaces or tabs (RFC 9110 section 5.6.3).
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (value.Length > 0 && value[0] == (byte)'-')
                {
                    return (0, "negative Content-Length", false);
                }

                if (value.IsEmpty || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
                {
                    return (0, "invalid Content-Length", false);
                }

                // All digits but beyond a long: over the limit like any other huge length, so it is skipped the same way.
                var parsed = System.Buffers.Text.Utf8Parser.TryParse(value, out long number, out _) ? number : long.MaxValue;
                if (length is not null && length != parsed)
                {
                    return (0, "conflicting Content-Length headers", false);
                }

                length = parsed;
            }

            // Content-Type is optional and always utf-8 in practice; other headers are ignored, as the spec allows.
        }

        return length is null ? (0, "missing Content-Length", true) : (length.Value, null, false);
    }

    /// <summary>A header name: visible ASCII, no colon.</summary>
    private static bool IsToken(ReadOnlySpan<byte> name) => !name.ContainsAnyExceptInRange((byte)33, (byte)126) && !name.Contains((byte)':');

    /// <summary>At most 200 bytes of a header block for a log line, with control and non-ASCII bytes escaped.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.Length > 200 ? bytes[..200] : bytes)
        {
            if (b is >= 32 and < 127 and not (byte)'\\' and not (byte)'"')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(b switch { (byte)'\r' => "\\r", (byte)'\n' => "\\n", _ => $"\\x{b:x2}" });
            }
        }

        return text.ToString();
    }

    private void ShrinkBuffer()
    {
        if (_buffer.Length > ShrinkAboveBytes && _end - _start <= InitialBufferBytes / 2)
        {
            var smaller = new byte[InitialBufferBytes];
            Available.CopyTo(smaller);
            _bufferBase += _start;
            _noHeaderEndBefore = Math.Max(0, _noHeaderEndBefore - _start);
            _end -= _start;
            _start = 0;
            _buffer = smaller;
        }
    }

    /// <summary>
    /// Reads more input. <paramref name="needed"/> (bytes from <c>_start</c>) only caps how far the buffer grows: it
    /// grows by doubling as bytes arrive, so a large announced length costs nothing until the bytes are really sent.
    /// </summary>
    private async ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0 && (_end == _buffer.Length || _start == _end))
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferBase += _start;
            _end -= _start;
            _noHeaderEndBefore = Math.Max(0, _noHeaderEndBefore - _start);
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var grown = (long)_buffer.Length * 2;
            if (needed > _buffer.Length)
            {
                grown = Math.Min(grown, needed);
            }

            Array.Resize(ref _buffer, (int)Math.Min(grown, Array.MaxLength));
        }

        var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }
}
