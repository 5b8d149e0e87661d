using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SmoLsp.Analysis.Tests.Workspace;

/// <summary>
/// Builds image files byte by byte, as the format specs lay them out, so each test says exactly what the header
/// holds. The PNGs are complete, valid files (CRCs, zlib image data) that any decoder opens.
/// </summary>
internal static class TestImages
{
    // ---- PNG (PNG spec, chapter 5) ----

    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A valid 1-bit greyscale PNG of the given size; <paramref name="frames"/> &gt; 0 adds an APNG acTL chunk.</summary>
    public static byte[] Png(int width, int height, int frames = 0, bool cgbi = false, bool withIdat = true)
    {
        var bytes = new List<byte>(PngSignature);
        if (cgbi)
        {
            bytes.AddRange(Chunk("CgBI", [0x50, 0x00, 0x20, 0x06]));
        }

        bytes.AddRange(Chunk("IHDR", Ihdr((uint)width, (uint)height)));
        if (frames > 0)
        {
            var actl = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(actl, (uint)frames);
            bytes.AddRange(Chunk("acTL", actl));
        }

        bytes.AddRange(Chunk("tEXt", Encoding.ASCII.GetBytes("Software\0SmoLsp tests")));
        if (withIdat)
        {
            bytes.AddRange(Chunk("IDAT", ZeroPixels(width, height)));
        }

        bytes.AddRange(Chunk("IEND", []));
        return [.. bytes];
    }

    public static byte[] Ihdr(uint width, uint height)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        data[8] = 1; // bit depth 1
        data[9] = 0; // greyscale
        return data;
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>Rows of (filter byte 0, zero bits), zlib-compressed: a black image in a few hundred bytes.</summary>
    private static byte[] ZeroPixels(int width, int height)
    {
        var rowBytes = 1 + ((width + 7) / 8);
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        return output.ToArray();
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    // ---- JPEG (ITU T.81 annex B) ----

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    public static byte[] Sof(byte marker, int width, int height)
    {
        var payload = new byte[9];
        payload[0] = 8; // precision
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(3), (ushort)width);
        payload[5] = 1; // one component
        payload[6] = 1;
        payload[7] = 0x11;
        payload[8] = 0;
        return Segment(marker, payload);
    }

    public static readonly byte[] Soi = [0xFF, 0xD8];

    public static readonly byte[] Eoi = [0xFF, 0xD9];

    public static byte[] Jfif => Segment(0xE0, [.. "JFIF\0"u8, 1, 2, 0, 0, 1, 0, 1, 0, 0]);

    public static byte[] Dqt => Segment(0xDB, [0, .. Enumerable.Range(1, 64).Select(i => (byte)i)]);

    public static byte[] Dht => Segment(0xC4, [0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    /// <summary>A scan header and entropy-coded data with stuffed 0xFF00 bytes and a restart marker.</summary>
    public static byte[] ScanAndEnd => [.. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]), 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, .. Eoi];

    /// <summary>A baseline (or other SOF <paramref name="sof"/>) JPEG: SOI, JFIF, DQT, SOF, DHT, scan, EOI.</summary>
    public static byte[] Jpeg(int width, int height, byte sof = 0xC0) => [.. Soi, .. Jfif, .. Dqt, .. Sof(sof, width, height), .. Dht, .. ScanAndEnd];

    /// <summary>
    /// A camera-style JPEG: EXIF APP1 first (no JFIF), whose TIFF data embeds a 160x120 thumbnail JPEG with its own SOF,
    /// then an ICC APP2, then the real frame. A scanner that looks for SOF bytes instead of walking segments finds the thumbnail.
    /// </summary>
    public static byte[] ExifJpeg(int width, int height, byte sof = 0xC2, int iccSegments = 1)
    {
        var thumbnail = Jpeg(160, 120);
        byte[] exif = [.. "Exif\0\0"u8, .. "MM\0*"u8, 0, 0, 0, 8, 0, 0, .. thumbnail];
        var bytes = new List<byte>(Soi);
        bytes.AddRange(Segment(0xE1, exif));
        for (var i = 0; i < iccSegments; i++)
        {
            // ICC profiles are split over APP2 segments of up to 65,533 payload bytes.
            var icc = new byte[iccSegments > 1 ? 65_533 : 600];
            "ICC_PROFILE\0"u8.CopyTo(icc);
            icc[12] = (byte)(i + 1);
            icc[13] = (byte)iccSegments;
            bytes.AddRange(Segment(0xE2, icc));
        }

        bytes.AddRange(Dqt);
        bytes.AddRange(Sof(sof, width, height));
        bytes.AddRange(Dht);
        bytes.AddRange(ScanAndEnd);
        return [.. bytes];
    }

    // ---- GIF (GIF89a spec) ----

    /// <summary>A GIF with <paramref name="frames"/> 1x1... frames; <paramref name="netscape"/> adds the looping extension.</summary>
    public static byte[] Gif(int width, int height, int frames = 1, bool netscape = false, bool localColorTable = false, bool comment = false)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray());
        var screen = new byte[7];
        BinaryPrimitives.WriteUInt16LittleEndian(screen, (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(screen.AsSpan(2), (ushort)height);
        screen[4] = 0x81; // global colour table of 2^(1+1) = 4 entries
        bytes.AddRange(screen);
        bytes.AddRange(new byte[12]);
        if (netscape)
        {
            bytes.AddRange([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]);
        }

        if (comment)
        {
            bytes.AddRange([0x21, 0xFE, 5, .. "hello"u8, 0]);
        }

        for (var f = 0; f < frames; f++)
        {
            bytes.AddRange([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]); // graphic control: delay 0.1 s
            var descriptor = new byte[10];
            descriptor[0] = 0x2C;
            BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(5), (ushort)width);
            BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(7), (ushort)height);
            descriptor[9] = localColorTable ? (byte)0x80 : (byte)0; // local table of 2 entries
            bytes.AddRange(descriptor);
            if (localColorTable)
            {
                bytes.AddRange(new byte[6]);
            }

            bytes.AddRange([2, 2, 0x44, 0x01, 3, 0x00, 0x3B, 0x21, 0]); // LZW min code size, sub-blocks (one holds 0x3B and 0x21 bytes)
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }

    // ---- WebP (RIFF container spec; RFC 6386 for VP8) ----

    public static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var bytes = new byte[12 + body.Length];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(4 + body.Length));
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        body.CopyTo(bytes, 12);
        return bytes;
    }

    public static byte[] RiffChunk(string fourCc, byte[] data)
    {
        var padded = data.Length + (data.Length & 1);
        var chunk = new byte[8 + padded];
        Encoding.ASCII.GetBytes(fourCc, chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] Vp8(int width, int height)
    {
        var data = new byte[20];
        data[0] = 0x10; // key frame (bit 0 = 0), show_frame
        data[1] = 0x02;
        data[3] = 0x9D;
        data[4] = 0x01;
        data[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(8), (ushort)height);
        return RiffChunk("VP8 ", data);
    }

    public static byte[] Vp8L(int width, int height)
    {
        var data = new byte[12];
        data[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14) | (1u << 28));
        return RiffChunk("VP8L", data);
    }

    public static byte[] Vp8X(int width, int height, bool animated)
    {
        var data = new byte[10];
        data[0] = (byte)(animated ? 0x12 : 0x10); // alpha, and the animation bit
        data[4] = (byte)(width - 1);
        data[5] = (byte)((width - 1) >> 8);
        data[6] = (byte)((width - 1) >> 16);
        data[7] = (byte)(height - 1);
        data[8] = (byte)((height - 1) >> 8);
        data[9] = (byte)((height - 1) >> 16);
        return RiffChunk("VP8X", data);
    }

    public static byte[] WebPLossy(int width, int height) => Riff(Vp8(width, height));

    public static byte[] WebPLossless(int width, int height) => Riff(Vp8L(width, height));

    public static byte[] WebPExtended(int width, int height, bool animated) => animated
        ? Riff(Vp8X(width, height, true), RiffChunk("ANIM", new byte[6]), RiffChunk("ANMF", [.. new byte[16], .. Vp8L(width, height)]))
        : Riff(Vp8X(width, height, false), RiffChunk("ALPH", new byte[4]), Vp8(width, height));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
