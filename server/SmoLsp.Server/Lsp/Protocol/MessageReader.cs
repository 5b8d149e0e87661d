using System.Text;

namespace SmoLsp.Server.Lsp.Protocol;

/// <summary>What one read produced: a message body, a framing problem to log, or the end of the input.</summary>
public readonly record struct FramedMessage(byte[]? Body, string? Problem, bool EndOfStream)
{
    public static FramedMessage Eof => new(null, null, true);
}

/// <summary>
/// Reads <c>Content-Length</c>-framed messages (LSP base protocol). Lengths count UTF-8 bytes. Never throws on
/// bad input: a malformed header block is reported and skipped, and the reader resynchronises on the next
/// <c>Content-Length:</c> it sees, so one broken message never costs the session.
/// </summary>
public sealed class MessageReader
{
    /// <summary>Header blocks are a few dozen bytes; anything this long without a blank line is garbage.</summary>
    internal const int MaxHeaderBytes = 8 * 1024;

    /// <summary>A 16 MB template (the workspace cap) escapes to well under this; it bounds memory on a bogus length.</summary>
    internal const int MaxBodyBytes = 128 * 1024 * 1024;

    private static readonly byte[] s_headerEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] s_contentLength = "content-length:"u8.ToArray();

    private readonly Stream _input;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public MessageReader(Stream input)
    {
        _input = input;
    }

    public async ValueTask<FramedMessage> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var headerEnd = Available.IndexOf(s_headerEnd);
            if (headerEnd < 0)
            {
                if (_end - _start > MaxHeaderBytes)
                {
                    var problem = $"discarded {_end - _start} bytes with no header terminator";
                    SkipToNextContentLength(1);
                    if (_end - _start > MaxHeaderBytes)
                    {
                        _start = _end;
                    }

                    return new FramedMessage(null, problem, false);
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return FramedMessage.Eof;
                }

                continue;
            }

            var header = Available[..headerEnd];
            var (length, error) = ParseHeader(header);
            if (error is not null)
            {
                var text = Encoding.ASCII.GetString(header.Length > 200 ? header[..200] : header);
                // The garbage may end in a good header ("...}Content-Length: 52"): restart there rather than lose that message.
                if (!SkipToNextContentLength(1, headerEnd))
                {
                    _start += headerEnd + s_headerEnd.Length;
                }

                return new FramedMessage(null, $"{error} in header block \"{text}\"", false);
            }

            var bodyStart = _start + headerEnd + s_headerEnd.Length;
            while (_end - bodyStart < length)
            {
                var offsetFromStart = bodyStart - _start;
                if (!await FillAsync(cancellationToken, length + offsetFromStart).ConfigureAwait(false))
                {
                    return new FramedMessage(null, $"input ended inside a message body ({_end - _start - offsetFromStart} of {length} bytes)", true);
                }

                bodyStart = _start + offsetFromStart;
            }

            var body = _buffer.AsSpan(bodyStart, length).ToArray();
            _start = bodyStart + length;
            return new FramedMessage(body, null, false);
        }
    }

    /// <summary>
    /// Puts bytes back in front of the unread input. Used when a body turns out not to be JSON but contains the start
    /// of the next message (a Content-Length that was too large swallowed it).
    /// </summary>
    public void Unread(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var remaining = _end - _start;
        var combined = new byte[Math.Max(_buffer.Length, bytes.Length + remaining)];
        bytes.CopyTo(combined);
        _buffer.AsSpan(_start, remaining).CopyTo(combined.AsSpan(bytes.Length));
        _buffer = combined;
        _start = 0;
        _end = bytes.Length + remaining;
    }

    /// <summary>The offset of the first <c>Content-Length:</c> (any case) in <paramref name="bytes"/> at or after <paramref name="from"/>, or -1.</summary>
    public static int IndexOfContentLength(ReadOnlySpan<byte> bytes, int from)
    {
        for (var i = Math.Max(0, from); i <= bytes.Length - s_contentLength.Length; i++)
        {
            var match = true;
            for (var j = 0; j < s_contentLength.Length; j++)
            {
                var b = bytes[i + j];
                if (b is >= (byte)'A' and <= (byte)'Z')
                {
                    b = (byte)(b + 32);
                }

                if (b != s_contentLength[j])
                {
                    match = false;
                    break;
                }
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    private ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Moves the read position to the next <c>Content-Length:</c> at or after <paramref name="from"/> (within <paramref name="limit"/> bytes).</summary>
    private bool SkipToNextContentLength(int from, int limit = int.MaxValue)
    {
        var window = Available[..Math.Min(Available.Length, limit)];
        var next = IndexOfContentLength(window, from);
        if (next < 0)
        {
            return false;
        }

        _start += next;
        return true;
    }

    private static (int Length, string? Error) ParseHeader(ReadOnlySpan<byte> header)
    {
        int? length = null;
        foreach (var range in header.Split("\r\n"u8))
        {
            var line = header[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return (0, "malformed header line");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!System.Buffers.Text.Utf8Parser.TryParse(value, out int parsed, out var consumed) || consumed != value.Length || parsed < 0)
                {
                    return (0, "invalid Content-Length");
                }

                if (parsed > MaxBodyBytes)
                {
                    return (0, $"Content-Length {parsed} is over the {MaxBodyBytes} byte limit");
                }

                length = parsed;
            }

            // Content-Type is optional and always utf-8 in practice; other headers are ignored, as the spec allows.
        }

        return length is null ? (0, "missing Content-Length") : (length.Value, null);
    }

    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (b <= 32 || b >= 127 || b == (byte)':')
            {
                return false;
            }
        }

        return true;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken, int needed = 0)
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0 && (_end == _buffer.Length || _start == _end))
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length || needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, needed));
        }

        var read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }
}
