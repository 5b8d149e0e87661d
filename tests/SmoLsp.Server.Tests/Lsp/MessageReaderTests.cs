using System.Text;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Tests.Lsp;

/// <summary>The framing layer against hostile byte streams: it reports, resynchronises, and never balloons.</summary>
public sealed class MessageReaderTests
{
    private static readonly byte[] s_valid = MessageWriter.Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ok\"}"u8);

    public static TheoryData<string, int> ChunkSizes => new() { { "whole", int.MaxValue }, { "byte by byte", 1 }, { "7 bytes", 7 }, { "4 KiB", 4096 } };

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public async Task Valid_messages_are_read_whatever_the_chunking(string name, int chunk)
    {
        name.ShouldNotBeEmpty();
        var frames = await ReadAllAsync([.. s_valid, .. s_valid, .. s_valid], chunk);
        frames.Count(f => f.Body is not null).ShouldBe(3);
        frames.ShouldAllBe(f => f.Problem == null);
        Encoding.UTF8.GetString(frames[0].Body!).ShouldBe("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ok\"}");
    }

    public static TheoryData<string, string> BadHeaders => new()
    {
        { "no colon", "this is not a header\r\n\r\n" },
        { "no Content-Length", "Content-Type: application/json\r\n\r\n" },
        { "not a number", "Content-Length: banana\r\n\r\n" },
        { "negative", "Content-Length: -5\r\n\r\n" },
        { "beyond Int64", "Content-Length: 99999999999999999999999\r\n\r\n" },
        { "over the cap", $"Content-Length: {MessageReader.MaxBodyBytes + 1}\r\n\r\n" },
        { "conflicting", "Content-Length: 3\r\nContent-Length: 4\r\n\r\n" },
        { "control bytes in a name", "Con\u0001tent: 1\r\n\r\n" },
        { "empty header line", "\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task A_bad_header_block_is_reported_and_the_next_message_is_read(string name, string header)
    {
        name.ShouldNotBeEmpty();
        foreach (var chunk in new[] { int.MaxValue, 1 })
        {
            var frames = await ReadAllAsync([.. Encoding.Latin1.GetBytes(header), .. s_valid], chunk);
            frames.ShouldContain(f => f.Problem != null);
            frames.Count(f => f.Body is not null).ShouldBe(1);
            frames.Single(f => f.Body is not null).Body!.ShouldBe(s_valid[^38..]);
        }
    }

    [Fact]
    public async Task Garbage_that_ends_in_a_good_header_keeps_that_message()
    {
        var frames = await ReadAllAsync([.. "}}garbage\r\nContent-Length: 5\r\nmore"u8.ToArray(), .. s_valid]);
        frames.Count(f => f.Body is not null).ShouldBe(1);
        frames.ShouldContain(f => f.Problem != null);
    }

    [Fact]
    public void An_oversized_message_is_refused_without_buffering_it_and_the_reader_resynchronises()
    {
        // An honest client sends the whole oversized body: the reader keeps its first 64 KiB (for the id), skips the
        // rest in bounded memory, and reads the message after it.
        var header = Encoding.ASCII.GetBytes($"Content-Length: {MessageReader.MaxBodyBytes + 1024}\r\n\r\n");
        var input = new byte[header.Length + MessageReader.MaxBodyBytes + 1024 + s_valid.Length];
        header.CopyTo(input, 0);
        input.AsSpan(header.Length, MessageReader.MaxBodyBytes + 1024).Fill((byte)'a');
        s_valid.CopyTo(input, input.Length - s_valid.Length);
        var reader = new MessageReader(new ChunkedStream(input, 64 * 1024));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var frames = ReadToEndSynchronously(reader);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        frames[0].Problem.ShouldNotBeNull();
        frames[0].Problem!.ShouldContain("over the");
        frames[0].Oversized!.Prefix.Length.ShouldBe(MessageReader.OversizedPrefixBytes);
        frames.Count(f => f.Body is not null).ShouldBe(1);
        // The kept prefix, the valid body, a 64 KiB buffer: far below the refused 64 MiB.
        allocated.ShouldBeLessThan(16 * 1024 * 1024);
    }

    [Fact]
    public void A_large_announced_length_costs_nothing_until_its_bytes_arrive()
    {
        // 60 MB promised, 100 bytes sent, then the end: the reader must not allocate the promise.
        var input = new MemoryStream([.. "Content-Length: 60000000\r\n\r\n"u8.ToArray(), .. new byte[100]]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var frame = ReadSynchronously(new MessageReader(input));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        frame.EndOfStream.ShouldBeTrue();
        frame.Problem.ShouldNotBeNull();
        frame.Problem!.ShouldContain("100 of 60000000");
        allocated.ShouldBeLessThan(4 * 1024 * 1024);
    }

    [Theory]
    [InlineData("Content-Length: 40\r\n\r\n", "input ended inside a message body (0 of 40 bytes)")]
    [InlineData("Content-Length: 40\r\n\r\n{\"jsonrpc\"", "input ended inside a message body (10 of 40 bytes)")]
    [InlineData("Content-Length: 40\r\n", "input ended inside a header block")]
    [InlineData("Content-Len", "input ended inside a header block")]
    public async Task Input_that_ends_mid_message_ends_cleanly_with_a_problem(string input, string problem)
    {
        var frames = await ReadAllAsync([.. s_valid, .. Encoding.ASCII.GetBytes(input)]);
        frames[0].Body.ShouldNotBeNull();
        frames[^1].EndOfStream.ShouldBeTrue();
        frames[^1].Problem.ShouldNotBeNull();
        frames[^1].Problem!.ShouldStartWith(problem);
    }

    [Fact]
    public async Task Garbage_without_any_terminator_is_dropped_and_a_header_split_across_reads_survives()
    {
        var garbage = new byte[100_000];
        garbage.AsSpan().Fill((byte)'x');
        var frames = await ReadAllAsync([.. garbage, .. s_valid], 4096);
        frames.Count(f => f.Body is not null).ShouldBe(1);
        frames.ShouldContain(f => f.Problem != null && f.Problem.Contains("no header terminator"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Pathological_garbage_is_scanned_in_linear_time()
    {
        // The scan-and-retry shapes, 4 MB of each: "Content-Length:" every 16 bytes with no terminator (each one a
        // resynchronisation point), and header blocks just under the limit whose every line is garbage followed by a
        // Content-Length (each one a candidate restart).
        var noTerminator = Repeat("Content-Length:x", 4 << 20);
        var blocks = Repeat(Repeat("}Content-Length: 1x\r\n", MessageReader.MaxHeaderBytes - 100) + "\r\n", 4 << 20);
        var frames = await ReadAllAsync([.. Encoding.ASCII.GetBytes(noTerminator), .. Encoding.ASCII.GetBytes(blocks), .. s_valid], 64 * 1024);
        frames.Count(f => f.Body is not null).ShouldBe(1);
        frames[^1].EndOfStream.ShouldBeTrue();
    }

    [Fact]
    public async Task Rewind_reads_again_from_inside_the_last_body()
    {
        // A length 20 bytes too long swallows the start of the next message; the connection rewinds to it.
        var first = "{\"jsonrpc\":\"2.0\"}"u8.ToArray();
        var input = new MemoryStream([.. Encoding.ASCII.GetBytes($"Content-Length: {first.Length + 20}\r\n\r\n"), .. first, .. s_valid]);
        var reader = new MessageReader(input);
        var swallowed = await reader.ReadAsync(CancellationToken.None);
        var offset = MessageReader.IndexOfContentLength(swallowed.Body!, 1);
        offset.ShouldBe(first.Length);
        reader.Rewind(offset).ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => reader.Rewind(offset));
        var next = await reader.ReadAsync(CancellationToken.None);
        next.Body.ShouldBe(s_valid[^38..]);
    }

    [Fact]
    public async Task A_body_found_by_rewinding_is_not_rewound_into_again()
    {
        // Headers nested in bodies nested in bodies: rewinding into each would re-read the input once per level.
        var inner = Encoding.ASCII.GetBytes("Content-Length: 30\r\n\r\nxContent-Length: 10\r\n\r\n{}");
        var input = new MemoryStream([.. Encoding.ASCII.GetBytes($"Content-Length: {inner.Length + 1}\r\n\r\n"), .. "x"u8.ToArray(), .. inner, .. s_valid]);
        var reader = new MessageReader(input);
        var outer = await reader.ReadAsync(CancellationToken.None);
        reader.Rewind(1).ShouldBeTrue();
        var nested = await reader.ReadAsync(CancellationToken.None);
        nested.Body!.Length.ShouldBe(30);
        reader.Rewind(MessageReader.IndexOfContentLength(nested.Body, 1)).ShouldBeFalse();
        outer.Body.ShouldNotBeNull();
    }

    private static string Repeat(string unit, int atLeastBytes) => new StringBuilder().Insert(0, unit, (atLeastBytes / unit.Length) + 1).ToString();

    private static Task<List<FramedMessage>> ReadAllAsync(byte[] input, int chunk = int.MaxValue) =>
        ReadToEndAsync(new MessageReader(new ChunkedStream(input, chunk)));

    private static async Task<List<FramedMessage>> ReadToEndAsync(MessageReader reader)
    {
        var frames = new List<FramedMessage>();
        while (true)
        {
            var frame = await reader.ReadAsync(CancellationToken.None);
            frames.Add(frame);
            if (frame.EndOfStream)
            {
                return frames;
            }

            frames.Count.ShouldBeLessThan(1_000_000, "the reader must make progress");
        }
    }

    /// <summary>Every read completes synchronously here, so the whole loop runs on this thread (for allocation counts).</summary>
    private static List<FramedMessage> ReadToEndSynchronously(MessageReader reader)
    {
        var frames = new List<FramedMessage>();
        while (true)
        {
            var frame = ReadSynchronously(reader);
            frames.Add(frame);
            if (frame.EndOfStream)
            {
                return frames;
            }
        }
    }

    /// <summary>A MemoryStream completes synchronously, so the whole read runs on this thread (for the allocation count).</summary>
    private static FramedMessage ReadSynchronously(MessageReader reader)
    {
        var read = reader.ReadAsync(CancellationToken.None);
        return read.IsCompleted ? read.Result : throw new InvalidOperationException("the read did not complete synchronously");
    }

    /// <summary>Hands out its bytes at most <c>chunk</c> at a time, as a pipe does.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, chunk), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
