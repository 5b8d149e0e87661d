using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Serilog;

namespace SmoLsp.Server.Lsp.Protocol;

/// <summary>
/// Writes framed messages from any thread through one queue, so messages never interleave and their order is the
/// order of <see cref="Enqueue"/> calls (the diagnostics publisher relies on that to never overtake a newer version).
/// Only this class writes to the output stream.
/// </summary>
public sealed class MessageWriter : IAsyncDisposable
{
    private readonly Stream _output;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public MessageWriter(Stream output, ILogger logger)
    {
        _output = output;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Queues one JSON body (UTF-8, no BOM); returns false once the writer is closed.</summary>
    public bool Enqueue(byte[] jsonBody) => _queue.Writer.TryWrite(jsonBody);

    /// <summary>Writes everything queued so far, then stops accepting messages.</summary>
    public async Task CompleteAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_pump, Task.Delay(timeout)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);

    public static byte[] Frame(ReadOnlySpan<byte> body)
    {
        var header = Encoding.ASCII.GetBytes("Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n");
        var framed = new byte[header.Length + body.Length];
        header.CopyTo(framed, 0);
        body.CopyTo(framed.AsSpan(header.Length));
        return framed;
    }

    /// <summary>Batches stop here, and bodies above it are written without copying.</summary>
    private const int LargeMessage = 1024 * 1024;

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Batch what is queued into one write + flush: a burst of publishes costs one syscall.
                buffer.ResetWrittenCount();
                while (reader.TryRead(out var body))
                {
                    var header = "Content-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n";
                    if (body.Length > LargeMessage)
                    {
                        // A large body (a workspace report) goes out as it is: copying it would grow the batch buffer
                        // to its size for the rest of the session.
                        await _output.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                        buffer.ResetWrittenCount();
                        await _output.WriteAsync(Encoding.ASCII.GetBytes(header)).ConfigureAwait(false);
                        await _output.WriteAsync(body).ConfigureAwait(false);
                        break;
                    }

                    var span = buffer.GetSpan(header.Length);
                    var written = Encoding.ASCII.GetBytes(header, span);
                    buffer.Advance(written);
                    buffer.Write(body);
                    if (buffer.WrittenCount > LargeMessage)
                    {
                        break;
                    }
                }

                await _output.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                await _output.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client closed its end: nothing more can be said to it. The read loop notices the same and exits.
            _logger.Warning(ex, "Output stream closed; dropping outgoing messages");
            _queue.Writer.TryComplete();
        }
    }
}
