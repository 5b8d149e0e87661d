using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

// Not "...Tests.Workspace": that namespace would shadow SmoLsp.Server.Workspace in the Cli tests.
namespace SmoLsp.Server.Tests.Images;

/// <summary>Real image files for host tests: valid PNGs (CRCs, zlib data) any decoder opens, and a minimal JPEG.</summary>
public static class TestImageFiles
{
    /// <summary>A black 1-bit greyscale PNG of the given size: a 1200x630 card is about 200 bytes.</summary>
    public static byte[] Png(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 1; // bit depth 1, colour type 0 (greyscale)
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)]; // filter byte 0, then zero bits
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", pixels.ToArray()), .. Chunk("IEND", [])];
    }

    /// <summary>SOI, a JFIF APP0, <paramref name="padding"/> bytes of APP1 metadata, the frame header, a scan and EOI.</summary>
    public static byte[] Jpeg(int width, int height, int padding = 0)
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange(Segment(0xE0, [.. "JFIF\0"u8, 1, 2, 0, 0, 1, 0, 1, 0, 0]));
        for (var left = padding; left > 0; left -= 65_000)
        {
            bytes.AddRange(Segment(0xE1, new byte[Math.Min(left, 65_000)]));
        }

        var sof = new byte[9];
        sof[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(3), (ushort)width);
        sof[5] = 1;
        sof[6] = 1;
        sof[7] = 0x11;
        bytes.AddRange(Segment(0xC2, sof));
        bytes.AddRange(Segment(0xDA, [1, 1, 0, 0, 63, 0]));
        bytes.AddRange([0x12, 0x34, 0xFF, 0xD9]);
        return [.. bytes];
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        var crc = 0xFFFFFFFFu;
        foreach (var b in chunk.AsSpan(4, 4 + data.Length))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), ~crc);
        return chunk;
    }
}
