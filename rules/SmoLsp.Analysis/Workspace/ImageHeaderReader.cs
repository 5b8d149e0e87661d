using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SmoLsp.Analysis.Workspace;

/// <summary>
/// Reads an image's format, pixel size and animation from the first bytes of its file, without decoding pixels:
/// PNG (and APNG), JPEG (baseline, progressive, lossless, arithmetic; EXIF/ICC segments first), GIF, WebP (lossy,
/// lossless, extended) and SVG. Pure: the host reads the bytes. Never throws: a truncated or lying header gives
/// <see cref="ImageFacts.Problem"/> (and an unknown size when the size itself could not be trusted).
/// </summary>
public static class ImageHeaderReader
{
    /// <summary>
    /// How many leading bytes a host should pass. JPEG puts its frame header (the size) after every metadata segment;
    /// an EXIF segment is at most 64 KB, but cameras and editors chain EXIF, XMP, ICC and Photoshop segments, so
    /// 256 KB covers real files while keeping the read small.
    /// </summary>
    public const int HeadBytes = 256 * 1024;

    /// <summary>The facts of the file at <paramref name="path"/>, whose length is <paramref name="fileLength"/>, from its first bytes <paramref name="head"/>.</summary>
    public static ImageFacts Read(string path, long fileLength, ReadOnlySpan<byte> head)
    {
        var reader = new HeadReader(path, Math.Max(fileLength, head.Length), head.Length >= fileLength);
        if (head.IsEmpty)
        {
            return reader.Unknown("the file is empty");
        }

        if (head.StartsWith(s_pngSignature))
        {
            return ReadPng(reader, head);
        }

        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xD8)
        {
            return ReadJpeg(reader, head);
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ReadGif(reader, head);
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebP(reader, head);
        }

        return Other(reader, head);
    }

    private static ReadOnlySpan<byte> s_pngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>What is known about the file being read, and how to word a header that stops early.</summary>
    private readonly record struct HeadReader(string Path, long FileLength, bool WholeFile)
    {
        public ImageFacts Facts(ImageFormat format, int? width, int? height, bool animated = false, string? problem = null) =>
            new(Path, FileLength, format, width, height, animated, problem);

        public ImageFacts Unknown(string problem) => Facts(ImageFormat.Unknown, null, null, problem: problem);

        /// <summary>
        /// A structure that runs past the bytes read: the file itself is cut short when all of it was read, otherwise
        /// the host's read limit stopped us (the file may be fine).
        /// </summary>
        public string Truncated(string what) => WholeFile
            ? $"header truncated: the file ends before {what}"
            : $"header truncated: {what} is not within the first {HeadBytes / 1024} KB";

        public ImageFacts TruncatedSize(ImageFormat format, string what) => Facts(format, null, null, problem: Truncated(what));
    }

    // PNG: signature, then chunks (length, type, data, CRC); IHDR must come first (PNG spec 5.6). Apple's "crushed"
    // PNGs put a CgBI chunk before it. APNG: an acTL chunk before the first IDAT makes it animated.
    private static ImageFacts ReadPng(HeadReader reader, ReadOnlySpan<byte> head)
    {
        long offset = 8;
        if (ChunkType(head, offset) is "CgBI" && ChunkLength(head, offset) is { } cgbiLength)
        {
            offset += 12 + cgbiLength;
        }

        if (offset + 8 > head.Length)
        {
            return reader.TruncatedSize(ImageFormat.Png, "the IHDR chunk");
        }

        if (ChunkType(head, offset) != "IHDR")
        {
            return reader.Facts(ImageFormat.Png, null, null, problem: "lying header: the first PNG chunk is not IHDR");
        }

        if (ChunkLength(head, offset) != 13)
        {
            return reader.Facts(ImageFormat.Png, null, null, problem: "lying header: the PNG IHDR chunk is not 13 bytes long");
        }

        if (offset + 16 > head.Length)
        {
            return reader.TruncatedSize(ImageFormat.Png, "the IHDR chunk's size fields");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(head[(int)(offset + 8)..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(head[(int)(offset + 12)..]);

        // PNG spec: width and height are 1 .. 2^31-1.
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            return reader.Facts(ImageFormat.Png, null, null, problem: $"lying header: the PNG IHDR declares {width}x{height} pixels");
        }

        var animated = false;
        string? problem = null;
        offset += 25;
        while (true)
        {
            if (offset + 8 > head.Length)
            {
                // No IDAT seen: a cut file is worth saying; past the read limit an acTL would have come earlier.
                problem = reader.WholeFile ? reader.Truncated("the image data (IDAT)") : null;
                break;
            }

            var type = ChunkType(head, offset);
            if (type is "IDAT" or "IEND")
            {
                break;
            }

            if (type == "acTL" && offset + 12 <= head.Length)
            {
                // APNG: num_frames; one frame is a still image written as APNG.
                animated = BinaryPrimitives.ReadUInt32BigEndian(head[(int)(offset + 8)..]) > 1;
            }

            if (ChunkLength(head, offset) is not { } length)
            {
                problem = "lying header: a PNG chunk length exceeds 2^31-1";
                break;
            }

            offset += 12 + length;
        }

        return reader.Facts(ImageFormat.Png, (int)width, (int)height, animated, problem);
    }

    private static string? ChunkType(ReadOnlySpan<byte> head, long offset) =>
        offset + 8 <= head.Length ? Encoding.ASCII.GetString(head.Slice((int)offset + 4, 4)) : null;

    private static long? ChunkLength(ReadOnlySpan<byte> head, long offset)
    {
        if (offset + 4 > head.Length)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(head[(int)offset..]);
        return length > int.MaxValue ? null : length;
    }

    // JPEG (ITU T.81 B.1): markers are 0xFF then a code; any number of 0xFF fill bytes may precede the code. Standalone
    // markers (TEM, RST0-7) have no length; every other segment has a 2-byte length that counts itself. The frame
    // header (SOFn) holds the size; APPn segments (EXIF, with its own thumbnail JPEG inside) are skipped whole by
    // their length, so a thumbnail's SOF is never mistaken for the image's.
    private static ImageFacts ReadJpeg(HeadReader reader, ReadOnlySpan<byte> head)
    {
        var offset = 2;
        var extraneous = false;
        while (true)
        {
            if (offset >= head.Length)
            {
                return reader.TruncatedSize(ImageFormat.Jpeg, "the frame header (SOF) that holds the size");
            }

            if (head[offset] != 0xFF)
            {
                // libjpeg's next_marker: warn about extraneous bytes and scan on to the next marker.
                extraneous = true;
                var next = head[offset..].IndexOf((byte)0xFF);
                if (next < 0)
                {
                    return reader.TruncatedSize(ImageFormat.Jpeg, "the frame header (SOF) that holds the size");
                }

                offset += next;
                continue;
            }

            while (offset < head.Length && head[offset] == 0xFF)
            {
                offset++;
            }

            if (offset >= head.Length)
            {
                return reader.TruncatedSize(ImageFormat.Jpeg, "the frame header (SOF) that holds the size");
            }

            var marker = head[offset++];
            if (marker == 0x00)
            {
                // 0xFF00 is a stuffed data byte, never a marker: outside entropy-coded data it is garbage.
                extraneous = true;
                continue;
            }

            if (marker == 0x01 || marker is >= 0xD0 and <= 0xD7)
            {
                continue;
            }

            if (marker == 0xD8)
            {
                return reader.Facts(ImageFormat.Jpeg, null, null, problem: "lying header: a second start-of-image marker before the frame header");
            }

            if (marker == 0xD9)
            {
                return reader.Facts(ImageFormat.Jpeg, null, null, problem: "lying header: the JPEG ends (EOI) before any frame header");
            }

            if (marker == 0xDA)
            {
                return reader.Facts(ImageFormat.Jpeg, null, null, problem: "lying header: JPEG image data (SOS) starts before any frame header");
            }

            if (offset + 2 > head.Length)
            {
                return reader.TruncatedSize(ImageFormat.Jpeg, "the frame header (SOF) that holds the size");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(head[offset..]);
            if (length < 2)
            {
                return reader.Facts(ImageFormat.Jpeg, null, null, problem: $"lying header: a JPEG segment (0xFF{marker:X2}) declares a length of {length}");
            }

            if (IsStartOfFrame(marker))
            {
                // SOFn: length, precision (1), lines (2), samples per line (2), components (1).
                if (length < 8)
                {
                    return reader.Facts(ImageFormat.Jpeg, null, null, problem: $"lying header: the JPEG frame header declares a length of {length}");
                }

                if (offset + 7 > head.Length)
                {
                    return reader.TruncatedSize(ImageFormat.Jpeg, "the end of the frame header (SOF)");
                }

                int height = BinaryPrimitives.ReadUInt16BigEndian(head[(offset + 3)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(head[(offset + 5)..]);
                if (width == 0)
                {
                    return reader.Facts(ImageFormat.Jpeg, null, null, problem: "lying header: the JPEG frame header declares a width of 0");
                }

                if (height == 0)
                {
                    // T.81 allows a height given later by a DNL marker after the first scan; nobody writes it, few read it.
                    return reader.Facts(ImageFormat.Jpeg, null, null, problem: "the JPEG height is defined after the image data (DNL marker), which many decoders reject");
                }

                return reader.Facts(ImageFormat.Jpeg, width, height, problem: extraneous ? "extraneous bytes between JPEG segments" : null);
            }

            offset += length;
        }
    }

    // SOF0-3, 5-7, 9-11, 13-15. 0xC4 (DHT), 0xC8 (JPG extension) and 0xCC (DAC) share the range but are not frames.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    // GIF89a spec: header, logical screen descriptor (width, height little-endian), optional global colour table, then
    // blocks: extensions (0x21), image descriptors (0x2C, one per frame) and the trailer (0x3B). Browsers animate
    // a GIF with more than one frame; the NETSCAPE2.0 application extension only says how often to loop.
    private static ImageFacts ReadGif(HeadReader reader, ReadOnlySpan<byte> head)
    {
        if (head.Length < 13)
        {
            return reader.TruncatedSize(ImageFormat.Gif, "the logical screen descriptor");
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(head[6..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
        var flags = head[10];
        long offset = 13 + ((flags & 0x80) != 0 ? 3 * (2 << (flags & 0x07)) : 0);
        var frames = 0;
        var loops = false;
        int? firstFrameWidth = null;
        int? firstFrameHeight = null;
        string? problem = null;
        var complete = false;
        var stopped = false; // ran out of bytes read: the frames so far are all we know
        while (!complete && !stopped && problem is null)
        {
            if (offset >= head.Length)
            {
                stopped = true;
                break;
            }

            switch (head[(int)offset])
            {
                case 0x3B:
                    complete = true;
                    break;

                case 0x21:
                    if (offset + 2 > head.Length)
                    {
                        stopped = true;
                        break;
                    }

                    var label = head[(int)offset + 1];
                    if (label == 0xFF && offset + 14 <= head.Length && head[(int)offset + 2] == 11
                        && (head.Slice((int)offset + 3, 11).SequenceEqual("NETSCAPE2.0"u8) || head.Slice((int)offset + 3, 11).SequenceEqual("ANIMEXTS1.0"u8)))
                    {
                        loops = true;
                    }

                    offset = SkipSubBlocks(head, offset + 2);
                    break;

                case 0x2C:
                    if (offset + 10 > head.Length)
                    {
                        stopped = true;
                        break;
                    }

                    frames++;
                    if (frames == 1)
                    {
                        firstFrameWidth = BinaryPrimitives.ReadUInt16LittleEndian(head[(int)(offset + 5)..]);
                        firstFrameHeight = BinaryPrimitives.ReadUInt16LittleEndian(head[(int)(offset + 7)..]);
                    }

                    var imageFlags = head[(int)offset + 9];
                    offset += 10 + ((imageFlags & 0x80) != 0 ? 3 * (2 << (imageFlags & 0x07)) : 0);

                    // The LZW minimum code size byte, then the image data sub-blocks.
                    offset = SkipSubBlocks(head, offset + 1);
                    break;

                default:
                    problem = $"lying header: an unknown GIF block (0x{head[(int)offset]:X2}) after {frames} frame(s)";
                    break;
            }

            if (offset < 0)
            {
                stopped = true;
            }
        }

        if (stopped && reader.WholeFile)
        {
            problem = reader.Truncated("the GIF trailer");
        }

        // A scan stopped by the read limit knows frames so far; a loop extension then says the author meant animation.
        var animated = frames > 1 || (loops && stopped && !reader.WholeFile);
        if (width == 0 || height == 0)
        {
            // Some encoders write a 0x0 logical screen; browsers then size the image by its first frame.
            if (firstFrameWidth is > 0 && firstFrameHeight is > 0)
            {
                return reader.Facts(ImageFormat.Gif, firstFrameWidth, firstFrameHeight, animated, problem ?? "the GIF logical screen is 0x0; the size is the first frame's");
            }

            return reader.Facts(ImageFormat.Gif, null, null, animated, $"lying header: the GIF logical screen is {width}x{height} pixels");
        }

        return reader.Facts(ImageFormat.Gif, width, height, animated, problem);
    }

    /// <summary>The offset after a chain of GIF data sub-blocks (size byte, data; a 0 size ends it), or -1 when it runs past the bytes read.</summary>
    private static long SkipSubBlocks(ReadOnlySpan<byte> head, long offset)
    {
        while (offset < head.Length)
        {
            var size = head[(int)offset];
            offset += 1 + size;
            if (size == 0)
            {
                return offset;
            }
        }

        return -1;
    }

    // WebP container spec: "RIFF", size, "WEBP", then the first chunk: "VP8 " (lossy: a VP8 key frame header with
    // 14-bit width and height), "VP8L" (lossless: 0x2F then 14-bit width-1 and height-1) or "VP8X" (extended: flags
    // with the animation bit 0x02, then 24-bit canvas width-1 and height-1).
    private static ImageFacts ReadWebP(HeadReader reader, ReadOnlySpan<byte> head)
    {
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        var problem = riffSize + 8L > reader.FileLength && reader.WholeFile
            ? $"header truncated: the RIFF header declares {riffSize + 8L} bytes but the file has {reader.FileLength}"
            : null;
        if (head.Length < 20)
        {
            return reader.TruncatedSize(ImageFormat.WebP, "the first WebP chunk");
        }

        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (head.Length < 30)
            {
                return reader.TruncatedSize(ImageFormat.WebP, "the VP8 frame header");
            }

            // Frame tag bit 0 is 0 for a key frame; a key frame starts with the code 9D 01 2A (RFC 6386 9.1).
            if ((head[20] & 0x01) != 0 || head[23] != 0x9D || head[24] != 0x01 || head[25] != 0x2A)
            {
                return reader.Facts(ImageFormat.WebP, null, null, problem: "lying header: the VP8 chunk does not start with a key frame");
            }

            var width = BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF;
            var height = BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF;
            return width == 0 || height == 0
                ? reader.Facts(ImageFormat.WebP, null, null, problem: $"lying header: the VP8 frame declares {width}x{height} pixels")
                : reader.Facts(ImageFormat.WebP, width, height, problem: problem);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (head.Length < 25)
            {
                return reader.TruncatedSize(ImageFormat.WebP, "the VP8L header");
            }

            if (head[20] != 0x2F)
            {
                return reader.Facts(ImageFormat.WebP, null, null, problem: "lying header: the VP8L chunk lacks its 0x2F signature");
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            if (bits >> 29 != 0)
            {
                return reader.Facts(ImageFormat.WebP, null, null, problem: "lying header: unknown VP8L version");
            }

            return reader.Facts(ImageFormat.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1, problem: problem);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            if (head.Length < 30)
            {
                return reader.TruncatedSize(ImageFormat.WebP, "the VP8X header");
            }

            var animated = (head[20] & 0x02) != 0;
            var width = (head[24] | (head[25] << 8) | (head[26] << 16)) + 1;
            var height = (head[27] | (head[28] << 8) | (head[29] << 16)) + 1;
            return reader.Facts(ImageFormat.WebP, width, height, animated, problem);
        }

        return reader.Facts(ImageFormat.WebP, null, null, problem: "lying header: the first WebP chunk is none of VP8, VP8L or VP8X");
    }

    private static ImageFacts Other(HeadReader reader, ReadOnlySpan<byte> head)
    {
        if (SvgSniffer.Read(head) is { } svg)
        {
            return svg.IsSvg
                ? reader.Facts(ImageFormat.Svg, svg.Width, svg.Height, problem: svg.Problem)
                : reader.Unknown(svg.Problem ?? "not an image");
        }

        // Images in formats share cards do not show, named so the message says what the file is rather than "unknown".
        var format = head switch
        {
            _ when head.StartsWith("BM"u8) && head.Length >= 14 => ImageFormat.Bmp,
            _ when head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) => ImageFormat.Tiff,
            _ when head.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0]) => ImageFormat.Ico,
            _ when head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) => ImageFormat.JpegXl,
            _ when IsBrand(head, "avif"u8) || IsBrand(head, "avis"u8) => ImageFormat.Avif,
            _ when IsBrand(head, "heic"u8) || IsBrand(head, "heix"u8) || IsBrand(head, "mif1"u8) => ImageFormat.Heic,
            _ => ImageFormat.Unknown,
        };
        if (format != ImageFormat.Unknown)
        {
            return reader.Facts(format, null, null);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) && reader.Path.EndsWith(".svgz", StringComparison.OrdinalIgnoreCase))
        {
            return reader.Facts(ImageFormat.Svg, null, null, problem: "a compressed SVG (.svgz): its size is not read");
        }

        var name = head switch
        {
            _ when head.StartsWith("%PDF"u8) => "a PDF document",
            _ when head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) => "gzip-compressed data",
            _ => null,
        };

        // Never quote the bytes: the file may be anything a link or a pull request pointed at (a key, /etc/shadow), and
        // the message goes to logs, SARIF and pull-request annotations. What kind of thing it is, is enough to act on.
        return reader.Unknown(name is null
            ? LooksLikeText(head[..Math.Min(head.Length, 64)]) ? "text, not an image" : "not an image (its first bytes match no image format)"
            : $"{name}, not an image");
    }

    /// <summary>An ISO base media file (AVIF, HEIC) whose <c>ftyp</c> box names <paramref name="brand"/> as its major brand.</summary>
    private static bool IsBrand(ReadOnlySpan<byte> head, ReadOnlySpan<byte> brand) =>
        head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && head[8..12].SequenceEqual(brand);

    /// <summary>True for bytes that read as text (printable ASCII, white space, valid UTF-8): HTML, JSON, a config file.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if ((b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r') || b == 0x7F)
            {
                return false;
            }
        }

        // The head may end inside a multi-byte character: up to three trailing bytes may be an unfinished one.
        for (var cut = 0; cut <= Math.Min(3, bytes.Length - 1); cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
