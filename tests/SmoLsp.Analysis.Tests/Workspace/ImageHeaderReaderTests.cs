using System.Buffers.Binary;
using SmoLsp.Analysis.Workspace;
using static SmoLsp.Analysis.Tests.Workspace.TestImages;

namespace SmoLsp.Analysis.Tests.Workspace;

public sealed class ImageHeaderReaderTests
{
    private static ImageFacts Read(byte[] bytes, string path = "/site/img/card.bin") => ImageHeaderReader.Read(path, bytes.Length, bytes);

    private static void ShouldBe(ImageFacts facts, ImageFormat format, int width, int height, bool animated = false)
    {
        facts.Format.ShouldBe(format, facts.Problem);
        facts.Width.ShouldBe(width, facts.Problem);
        facts.Height.ShouldBe(height, facts.Problem);
        facts.IsAnimated.ShouldBe(animated);
    }

    /// <summary>Every valid sample, with the facts its header must give.</summary>
    public static TheoryData<string, byte[], ImageFormat, int, int, bool> ValidFiles() => new()
    {
        { "png", Png(1200, 630), ImageFormat.Png, 1200, 630, false },
        { "png 1x1", Png(1, 1), ImageFormat.Png, 1, 1, false },
        { "apng", Png(600, 315, frames: 12), ImageFormat.Png, 600, 315, true },
        { "apng with one frame", Png(600, 315, frames: 1), ImageFormat.Png, 600, 315, false },
        { "png crushed by Xcode (CgBI)", Png(120, 90, cgbi: true), ImageFormat.Png, 120, 90, false },
        { "jpeg baseline", Jpeg(1200, 630), ImageFormat.Jpeg, 1200, 630, false },
        { "jpeg extended sequential (SOF1)", Jpeg(640, 480, 0xC1), ImageFormat.Jpeg, 640, 480, false },
        { "jpeg progressive (SOF2)", Jpeg(1920, 1005, 0xC2), ImageFormat.Jpeg, 1920, 1005, false },
        { "jpeg lossless (SOF3)", Jpeg(300, 300, 0xC3), ImageFormat.Jpeg, 300, 300, false },
        { "jpeg arithmetic progressive (SOF10)", Jpeg(800, 418, 0xCA), ImageFormat.Jpeg, 800, 418, false },
        { "jpeg differential (SOF15)", Jpeg(65535, 2, 0xCF), ImageFormat.Jpeg, 65535, 2, false },
        { "jpeg EXIF-first with a thumbnail", ExifJpeg(4032, 3024), ImageFormat.Jpeg, 4032, 3024, false },
        { "jpeg EXIF-first baseline", ExifJpeg(1200, 630, 0xC0), ImageFormat.Jpeg, 1200, 630, false },
        { "gif", Gif(200, 200), ImageFormat.Gif, 200, 200, false },
        { "gif with a comment and local colours", Gif(480, 270, comment: true, localColorTable: true), ImageFormat.Gif, 480, 270, false },
        { "gif animated", Gif(480, 270, frames: 3, netscape: true), ImageFormat.Gif, 480, 270, true },
        { "gif animated without loop extension", Gif(480, 270, frames: 2), ImageFormat.Gif, 480, 270, true },
        { "gif one frame with loop extension", Gif(480, 270, frames: 1, netscape: true), ImageFormat.Gif, 480, 270, false },
        { "webp lossy", WebPLossy(1200, 630), ImageFormat.WebP, 1200, 630, false },
        { "webp lossless", WebPLossless(16384, 16384), ImageFormat.WebP, 16384, 16384, false },
        { "webp extended", WebPExtended(1200, 630, animated: false), ImageFormat.WebP, 1200, 630, false },
        { "webp extended animated", WebPExtended(320, 240, animated: true), ImageFormat.WebP, 320, 240, true },
        { "webp extended, 24-bit canvas", WebPExtended(70_000, 3, animated: false), ImageFormat.WebP, 70_000, 3, false },
        { "svg", Utf8("""<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"></svg>"""), ImageFormat.Svg, 1200, 630, false },
    };

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Reads_format_size_and_animation(string name, byte[] bytes, ImageFormat format, int width, int height, bool animated)
    {
        var facts = Read(bytes);
        ShouldBe(facts, format, width, height, animated);
        facts.Problem.ShouldBeNull(name);
        facts.Bytes.ShouldBe(bytes.Length);
        facts.Path.ShouldBe("/site/img/card.bin");
    }

    /// <summary>
    /// A file cut at any length, and a long file of which only a prefix was read, never throw; whatever size they
    /// report is the true one, and a missing size always comes with the reason.
    /// </summary>
    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Every_prefix_of_a_valid_file_is_safe(string name, byte[] bytes, ImageFormat format, int width, int height, bool animated)
    {
        _ = animated;
        for (var length = 0; length <= bytes.Length; length++)
        {
            var prefix = bytes.AsSpan(0, length);
            foreach (var fileLength in (long[])[length, bytes.Length])
            {
                var facts = ImageHeaderReader.Read("/site/img/card", fileLength, prefix);
                if (facts.Width is not null || facts.Height is not null)
                {
                    facts.Width.ShouldBe(width, $"{name} cut at {length}");
                    facts.Height.ShouldBe(height, $"{name} cut at {length}");
                    facts.Format.ShouldBe(format, $"{name} cut at {length}");
                }
                else
                {
                    facts.Problem.ShouldNotBeNullOrWhiteSpace($"{name} cut at {length} has no size and no reason");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Random_corruption_never_throws(string name, byte[] bytes, ImageFormat format, int width, int height, bool animated)
    {
        _ = (name, format, width, height, animated);
        var random = new Random(bytes.Length);
        for (var round = 0; round < 300; round++)
        {
            var copy = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
            }

            var facts = Read(copy);
            if (facts.Width is null && facts.Format <= ImageFormat.WebP)
            {
                facts.Problem.ShouldNotBeNull();
            }
        }
    }

    [Fact]
    public void Random_bytes_after_each_format_magic_never_throw()
    {
        byte[][] magics = [PngSignature, [.. PngSignature, 0, 0, 0, 13, .. "IHDR"u8], [0xFF, 0xD8], [0xFF, 0xD8, 0xFF], "GIF89a"u8.ToArray(),
            [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8L"u8], [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8X"u8], "<svg "u8.ToArray(), "<?xml "u8.ToArray(), "<!DOCTYPE"u8.ToArray()];
        var random = new Random(42);
        foreach (var magic in magics)
        {
            for (var round = 0; round < 500; round++)
            {
                var tail = new byte[random.Next(0, 80)];
                random.NextBytes(tail);
                _ = Read([.. magic, .. tail]);
            }
        }
    }

    [Fact]
    public void Truncated_file_says_the_file_ends_early()
    {
        var png = Png(1200, 630);
        var facts = Read(png[..20]);
        facts.Format.ShouldBe(ImageFormat.Png);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("header truncated: the file ends before the IHDR chunk's size fields");
    }

    [Fact]
    public void Short_read_of_a_long_file_says_where_reading_stopped()
    {
        var png = Png(1200, 630);
        var facts = ImageHeaderReader.Read("/site/a.png", 10_000_000, png.AsSpan(0, 20));
        facts.Bytes.ShouldBe(10_000_000);
        facts.Problem.ShouldBe("header truncated: the IHDR chunk's size fields is not within the first 256 KB");
    }

    [Fact]
    public void Empty_file_is_not_an_image()
    {
        var facts = Read([]);
        facts.Format.ShouldBe(ImageFormat.Unknown);
        facts.Problem.ShouldBe("the file is empty");
    }

    // ---- PNG ----

    [Fact]
    public void Png_whose_file_ends_before_the_image_data_keeps_its_size_and_says_so()
    {
        byte[] bytes = [.. PngSignature, .. Chunk("IHDR", Ihdr(800, 600))];
        var facts = Read(bytes);
        ShouldBe(facts, ImageFormat.Png, 800, 600);
        facts.Problem.ShouldBe("header truncated: the file ends before the image data (IDAT)");
    }

    [Fact]
    public void Png_size_past_the_read_limit_of_a_long_file_is_not_a_problem()
    {
        byte[] bytes = [.. PngSignature, .. Chunk("IHDR", Ihdr(800, 600))];
        var facts = ImageHeaderReader.Read("/a.png", 5_000_000, bytes);
        ShouldBe(facts, ImageFormat.Png, 800, 600);
        facts.Problem.ShouldBeNull();
    }

    [Theory]
    [InlineData(0u, 600u)]
    [InlineData(800u, 0u)]
    [InlineData(0x80000000u, 600u)]
    [InlineData(0xFFFFFFFFu, 0xFFFFFFFFu)]
    public void Png_with_an_impossible_size_is_a_lying_header(uint width, uint height)
    {
        var facts = Read([.. PngSignature, .. Chunk("IHDR", Ihdr(width, height)), .. Chunk("IEND", [])]);
        facts.Format.ShouldBe(ImageFormat.Png);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe($"lying header: the PNG IHDR declares {width}x{height} pixels");
    }

    [Fact]
    public void Png_whose_first_chunk_is_not_IHDR_is_a_lying_header()
    {
        var facts = Read([.. PngSignature, .. Chunk("tEXt", "a\0b"u8.ToArray()), .. Chunk("IHDR", Ihdr(10, 10))]);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("lying header: the first PNG chunk is not IHDR");
    }

    [Fact]
    public void Png_with_a_wrong_IHDR_length_is_a_lying_header()
    {
        var ihdr = Chunk("IHDR", Ihdr(10, 10));
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 12);
        var facts = Read([.. PngSignature, .. ihdr]);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("lying header: the PNG IHDR chunk is not 13 bytes long");
    }

    [Fact]
    public void Png_with_a_huge_chunk_length_after_IHDR_keeps_its_size()
    {
        var bogus = Chunk("zTXt", [1, 2, 3]);
        BinaryPrimitives.WriteUInt32BigEndian(bogus, 0xFFFFFFF0);
        var facts = Read([.. PngSignature, .. Chunk("IHDR", Ihdr(64, 32)), .. bogus]);
        ShouldBe(facts, ImageFormat.Png, 64, 32);
        facts.Problem.ShouldBe("lying header: a PNG chunk length exceeds 2^31-1");
    }

    [Fact]
    public void Png_acTL_after_IDAT_is_not_an_animation()
    {
        byte[] bytes = [.. PngSignature, .. Chunk("IHDR", Ihdr(64, 32)), .. Chunk("IDAT", [0]), .. Chunk("acTL", [0, 0, 0, 5, 0, 0, 0, 0]), .. Chunk("IEND", [])];
        Read(bytes).IsAnimated.ShouldBeFalse();
    }

    // ---- JPEG ----

    [Fact]
    public void Jpeg_skips_the_EXIF_thumbnail_whose_frame_header_comes_first()
    {
        var bytes = ExifJpeg(4032, 3024);
        bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]).ShouldBeLessThan(bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC2]), "the thumbnail's SOF0 comes first in the bytes");
        ShouldBe(Read(bytes), ImageFormat.Jpeg, 4032, 3024);
    }

    [Fact]
    public void Jpeg_whose_frame_header_is_past_256_KB_of_metadata_reads_whole_but_not_from_a_short_read()
    {
        var bytes = ExifJpeg(2000, 1000, iccSegments: 5);
        bytes.Length.ShouldBeGreaterThan(ImageHeaderReader.HeadBytes);
        ShouldBe(Read(bytes), ImageFormat.Jpeg, 2000, 1000);

        var facts = ImageHeaderReader.Read("/a.jpg", bytes.Length, bytes.AsSpan(0, ImageHeaderReader.HeadBytes));
        facts.Format.ShouldBe(ImageFormat.Jpeg);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("header truncated: the frame header (SOF) that holds the size is not within the first 256 KB");
    }

    [Fact]
    public void Jpeg_fill_bytes_before_markers_are_skipped()
    {
        byte[] bytes = [.. Soi, 0xFF, 0xFF, .. Jfif, 0xFF, 0xFF, 0xFF, .. Sof(0xC0, 320, 200), .. ScanAndEnd];
        ShouldBe(Read(bytes), ImageFormat.Jpeg, 320, 200);
        Read(bytes).Problem.ShouldBeNull();
    }

    [Fact]
    public void Jpeg_standalone_markers_have_no_length()
    {
        byte[] bytes = [.. Soi, 0xFF, 0x01, 0xFF, 0xD3, .. Jfif, .. Sof(0xC0, 320, 200), .. ScanAndEnd];
        ShouldBe(Read(bytes), ImageFormat.Jpeg, 320, 200);
    }

    [Theory]
    [InlineData(0xC4)] // DHT
    [InlineData(0xC8)] // JPG extension
    [InlineData(0xCC)] // DAC
    public void Jpeg_markers_in_the_SOF_range_that_are_not_frames_are_skipped(byte marker)
    {
        // Shaped like a frame header claiming 9x9: a scanner that treats it as SOF reads the wrong size.
        byte[] decoy = [8, 0, 9, 0, 9, 1, 1, 0x11, 0];
        byte[] bytes = [.. Soi, .. Segment(marker, decoy), .. Sof(0xC0, 320, 200), .. ScanAndEnd];
        ShouldBe(Read(bytes), ImageFormat.Jpeg, 320, 200);
    }

    [Fact]
    public void Jpeg_extraneous_bytes_between_segments_are_skipped_like_libjpeg()
    {
        byte[] bytes = [.. Soi, .. Jfif, 0x00, 0x13, 0x37, .. Sof(0xC0, 320, 200), .. ScanAndEnd];
        var facts = Read(bytes);
        ShouldBe(facts, ImageFormat.Jpeg, 320, 200);
        facts.Problem.ShouldBe("extraneous bytes between JPEG segments");
    }

    [Fact]
    public void Jpeg_with_image_data_before_any_frame_header_is_a_lying_header()
    {
        var facts = Read([.. Soi, .. Jfif, .. ScanAndEnd]);
        facts.Format.ShouldBe(ImageFormat.Jpeg);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("lying header: JPEG image data (SOS) starts before any frame header");
    }

    [Fact]
    public void Jpeg_that_ends_before_any_frame_header_is_a_lying_header() =>
        Read([.. Soi, .. Jfif, .. Eoi]).Problem.ShouldBe("lying header: the JPEG ends (EOI) before any frame header");

    [Fact]
    public void Jpeg_with_a_second_start_of_image_is_a_lying_header() =>
        Read([.. Soi, .. Jfif, .. Soi, .. Sof(0xC0, 1, 1)]).Problem.ShouldBe("lying header: a second start-of-image marker before the frame header");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Jpeg_segment_length_below_two_is_a_lying_header(int length)
    {
        byte[] bytes = [.. Soi, 0xFF, 0xE0, 0, (byte)length, .. Sof(0xC0, 10, 10)];
        Read(bytes).Problem.ShouldBe($"lying header: a JPEG segment (0xFFE0) declares a length of {length}");
    }

    [Fact]
    public void Jpeg_segment_length_past_the_end_of_the_file_is_truncation()
    {
        byte[] bytes = [.. Soi, 0xFF, 0xE1, 0xFF, 0xF0, .. "Exif\0\0"u8];
        var facts = Read(bytes);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("header truncated: the file ends before the frame header (SOF) that holds the size");
    }

    [Fact]
    public void Jpeg_frame_header_too_short_to_hold_a_size_is_a_lying_header()
    {
        byte[] bytes = [.. Soi, .. Segment(0xC0, [8, 0, 9, 0, 9]), .. ScanAndEnd];
        Read(bytes).Problem.ShouldBe("lying header: the JPEG frame header declares a length of 7");
    }

    [Fact]
    public void Jpeg_zero_width_is_a_lying_header_and_zero_height_needs_a_DNL_marker()
    {
        Read(Jpeg(0, 100)).Problem.ShouldBe("lying header: the JPEG frame header declares a width of 0");
        var dnl = Read(Jpeg(100, 0));
        dnl.Width.ShouldBeNull();
        dnl.Problem!.ShouldContain("DNL");
    }

    [Fact]
    public void Jpeg_of_only_fill_bytes_is_truncated() =>
        Read([.. Soi, 0xFF, 0xFF, 0xFF]).Problem.ShouldBe("header truncated: the file ends before the frame header (SOF) that holds the size");

    // ---- GIF ----

    [Fact]
    public void Gif87a_is_read_too()
    {
        var bytes = Gif(100, 50);
        "GIF87a"u8.CopyTo(bytes);
        ShouldBe(Read(bytes), ImageFormat.Gif, 100, 50);
    }

    [Fact]
    public void Gif_with_a_loop_extension_read_only_in_part_is_taken_as_animated()
    {
        var bytes = Gif(480, 270, frames: 3, netscape: true);
        var firstFrameEnd = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x2C]) + 12;
        var facts = ImageHeaderReader.Read("/a.gif", 9_000_000, bytes.AsSpan(0, firstFrameEnd));
        facts.IsAnimated.ShouldBeTrue("a loop extension says the author meant an animation; the rest was not read");
        facts.Problem.ShouldBeNull();
    }

    [Fact]
    public void Gif_frames_counted_within_what_was_read_make_it_animated()
    {
        var bytes = Gif(480, 270, frames: 3);
        var facts = ImageHeaderReader.Read("/a.gif", 9_000_000, bytes.AsSpan(0, bytes.Length - 20));
        facts.IsAnimated.ShouldBeTrue();
    }

    [Fact]
    public void Gif_cut_inside_its_blocks_keeps_its_size_and_says_so()
    {
        var bytes = Gif(480, 270, frames: 2);
        var facts = Read(bytes[..^5]);
        ShouldBe(facts, ImageFormat.Gif, 480, 270, animated: true);
        facts.Problem.ShouldBe("header truncated: the file ends before the GIF trailer");
    }

    [Fact]
    public void Gif_with_an_unknown_block_keeps_its_size_and_says_so()
    {
        var bytes = Gif(480, 270);
        bytes[^1] = 0x99;
        var facts = Read(bytes);
        ShouldBe(facts, ImageFormat.Gif, 480, 270);
        facts.Problem.ShouldBe("lying header: an unknown GIF block (0x99) after 1 frame(s)");
    }

    [Fact]
    public void Gif_with_a_zero_logical_screen_takes_the_first_frame_size()
    {
        var bytes = Gif(300, 200);
        bytes[6] = bytes[7] = bytes[8] = bytes[9] = 0;
        var facts = Read(bytes);
        ShouldBe(facts, ImageFormat.Gif, 300, 200);
        facts.Problem.ShouldBe("the GIF logical screen is 0x0; the size is the first frame's");
    }

    [Fact]
    public void Gif_with_a_zero_size_and_no_frame_is_a_lying_header()
    {
        var facts = Read([.. "GIF89a"u8, 0, 0, 0, 0, 0, 0, 0, 0x3B]);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe("lying header: the GIF logical screen is 0x0 pixels");
    }

    // ---- WebP ----

    [Fact]
    public void WebP_lossy_that_is_not_a_key_frame_is_a_lying_header()
    {
        var bytes = WebPLossy(100, 100);
        bytes[20] |= 1;
        Read(bytes).Problem.ShouldBe("lying header: the VP8 chunk does not start with a key frame");
    }

    [Fact]
    public void WebP_lossy_without_the_start_code_is_a_lying_header()
    {
        var bytes = WebPLossy(100, 100);
        bytes[24] = 0;
        Read(bytes).Problem.ShouldBe("lying header: the VP8 chunk does not start with a key frame");
    }

    [Fact]
    public void WebP_lossy_keeps_14_bits_of_size_and_ignores_the_scale_bits()
    {
        var bytes = WebPLossy(100, 100);
        bytes[27] |= 0xC0; // horizontal scale 3
        ShouldBe(Read(bytes), ImageFormat.WebP, 100, 100);
    }

    [Fact]
    public void WebP_lossless_without_its_signature_or_with_a_future_version_is_a_lying_header()
    {
        var bytes = WebPLossless(100, 100);
        bytes[20] = 0x2E;
        Read(bytes).Problem.ShouldBe("lying header: the VP8L chunk lacks its 0x2F signature");

        bytes = WebPLossless(100, 100);
        bytes[24] |= 0x20;
        Read(bytes).Problem.ShouldBe("lying header: unknown VP8L version");
    }

    [Fact]
    public void WebP_with_an_unknown_first_chunk_is_a_lying_header()
    {
        var facts = Read(Riff(RiffChunk("JUNK", new byte[20])));
        facts.Format.ShouldBe(ImageFormat.WebP);
        facts.Problem.ShouldBe("lying header: the first WebP chunk is none of VP8, VP8L or VP8X"); // the chunk's bytes are never quoted
    }

    [Fact]
    public void WebP_whose_RIFF_size_is_larger_than_the_file_is_truncated()
    {
        var bytes = WebPLossy(100, 100);
        var facts = Read(bytes[..^4]);
        ShouldBe(facts, ImageFormat.WebP, 100, 100);
        facts.Problem.ShouldBe($"header truncated: the RIFF header declares {bytes.Length} bytes but the file has {bytes.Length - 4}");
    }

    [Fact]
    public void Riff_that_is_not_WebP_is_not_an_image() =>
        Read([.. "RIFF"u8, 4, 0, 0, 0, .. "WAVEfmt "u8]).Format.ShouldBe(ImageFormat.Unknown);

    // ---- SVG ----

    [Theory]
    [InlineData("""<svg width="1200" height="630"/>""", 1200, 630)]
    [InlineData("""<svg width="750pt" height="1in"/>""", 1000, 96)]
    [InlineData("""<svg width="2.54cm" height="10mm"/>""", 96, 38)]
    [InlineData("""<svg width="1pc" height="40Q"/>""", 16, 38)]
    [InlineData("""<svg width="1200px" height="630px" viewBox="0 0 10 10"></svg>""", 1200, 630)]
    [InlineData("""<svg viewBox="0 0 1200 630"/>""", 1200, 630)]
    [InlineData("""<svg viewBox="-10,-10,600,315.4"/>""", 600, 315)]
    [InlineData("""<svg width="600" viewBox="0 0 1200 630"/>""", 600, 315)]
    [InlineData("""<svg height="315" viewBox="0 0 1200 630"/>""", 600, 315)]
    [InlineData("""<svg width=" 99.5 " height="1e2"/>""", 100, 100)]
    [InlineData("""<svg width=120 height=60>""", 120, 60)]
    [InlineData("""<svg:svg xmlns:svg="http://www.w3.org/2000/svg" height='630' width='1200'>""", 1200, 630)]
    [InlineData("""<svg width="auto" height="auto" viewBox="0 0 40 30"/>""", 40, 30)]
    public void Svg_size_from_width_height_or_viewBox(string svg, int width, int height) =>
        ShouldBe(Read(Utf8(svg)), ImageFormat.Svg, width, height);

    [Fact]
    public void Svg_after_a_prolog_BOM_comment_and_doctype_with_an_internal_subset()
    {
        var text = "\uFEFF  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made with <3 > -->\n<?xml-stylesheet href=\"a.css\"?>\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [ <!ENTITY ns \"x>y\"> ]>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\"\n     width=\"1200\"\n     height=\"630\">";
        ShouldBe(Read(Utf8(text)), ImageFormat.Svg, 1200, 630);
    }

    [Fact]
    public void Svg_in_UTF16_is_read()
    {
        byte[] le = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("<svg width=\"30\" height=\"20\"/>")];
        ShouldBe(Read(le), ImageFormat.Svg, 30, 20);
        byte[] be = [0xFE, 0xFF, .. System.Text.Encoding.BigEndianUnicode.GetBytes("<svg width=\"30\" height=\"20\"/>")];
        ShouldBe(Read(be), ImageFormat.Svg, 30, 20);
    }

    [Theory]
    [InlineData("""<svg width="100%" height="100%" viewBox="0 0 1200 630"/>""", "the <svg> width is '100%': relative units depend on where the image is shown")]
    [InlineData("""<svg width="10em" height="5em"/>""", "the <svg> width is '10em': relative units depend on where the image is shown")]
    [InlineData("""<svg width="100" height="30vh"/>""", "the <svg> height is '30vh': relative units depend on where the image is shown")]
    [InlineData("""<svg width="-5" height="5"/>""", "the <svg> width '-5' is not a length")]
    [InlineData("""<svg width="0" height="5"/>""", "the <svg> width '0' is not a positive size")]
    [InlineData("""<svg width="wide" height="5"/>""", "the <svg> width 'wide' is not a length")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>""", "the <svg> has no width and height in pixels and no viewBox: its size depends on where it is shown")]
    [InlineData("""<svg viewBox="0 0 0 10"/>""", "the <svg> viewBox '0 0 0 10' is not four numbers with a positive width and height")]
    [InlineData("""<svg viewBox="0 0 10"/>""", "the <svg> viewBox '0 0 10' is not four numbers with a positive width and height")]
    [InlineData("""<svg width="0.2" height="0.2"/>""", "the <svg> size (0.2x0.2) is not a usable pixel size")]
    [InlineData("""<svg width="1200" height="630""", "header truncated: the file ends inside the <svg> start tag")]
    [InlineData("""<svg width="1200" """, "header truncated: the file ends inside the <svg> start tag")]
    public void Svg_without_a_pixel_size_says_why(string svg, string problem)
    {
        var facts = Read(Utf8(svg));
        facts.Format.ShouldBe(ImageFormat.Svg);
        facts.Width.ShouldBeNull();
        facts.Height.ShouldBeNull();
        facts.Problem.ShouldBe(problem);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>404 Not Found</title>", "an HTML page, not an image (a saved error page?)")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\">", "markup whose root element is <rss>, not an image")]
    [InlineData("<?xml version=\"1.0\"?><!-- never closed", "markup that ends inside its prolog (truncated?)")]
    [InlineData("<?xml version=\"1.0\"?>", "markup without a root element (truncated?)")]
    [InlineData("<?xml version=\"1.0\"?> hello", "text, not an image")]
    [InlineData("<SVG width=\"10\" height=\"10\">", "markup whose root element is <SVG>, not an image")]
    public void Markup_that_is_not_svg_is_not_an_image(string text, string problem)
    {
        var facts = Read(Utf8(text));
        facts.Format.ShouldBe(ImageFormat.Unknown);
        facts.Problem.ShouldBe(problem);
    }

    // ---- other files ----

    [Theory]
    [InlineData(new byte[] { 0x42, 0x4D, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, ImageFormat.Bmp)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0, 0x2A }, ImageFormat.Tiff)]
    [InlineData(new byte[] { 0, 0, 1, 0, 1, 0 }, ImageFormat.Ico)]
    [InlineData(new byte[] { 0, 0, 0, 0x1C, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66 }, ImageFormat.Avif)]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 }, ImageFormat.Heic)]
    [InlineData(new byte[] { 0xFF, 0x0A, 0xFA }, ImageFormat.JpegXl)]
    [InlineData(new byte[] { 0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A }, ImageFormat.JpegXl)]
    public void Images_in_formats_cards_do_not_show_are_named(byte[] bytes, ImageFormat format)
    {
        var facts = Read(bytes);
        facts.Format.ShouldBe(format);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBeNull();
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "a PDF document, not an image")]
    [InlineData(new byte[] { 0x1F, 0x8B, 8, 0 }, "gzip-compressed data, not an image")]
    [InlineData(new byte[] { 0x00, 0x01, 0x41, 0x7F, 0x80 }, "not an image (its first bytes match no image format)")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "not an image (its first bytes match no image format)")]
    [InlineData(new byte[] { 0x42, 0x4D }, "text, not an image")]
    [InlineData(new byte[] { 0x72, 0x6F, 0x6F, 0x74, 0x3A, 0x78, 0x3A, 0x30, 0x3A, 0x0A }, "text, not an image")] // never quoted: "root:x:0:"
    public void Other_files_are_not_images(byte[] bytes, string problem)
    {
        var facts = Read(bytes);
        facts.Format.ShouldBe(ImageFormat.Unknown);
        facts.Width.ShouldBeNull();
        facts.Problem.ShouldBe(problem);
    }

    [Fact]
    public void Compressed_svg_is_recognised_by_its_extension()
    {
        var facts = ImageHeaderReader.Read("/site/logo.svgz", 4, [0x1F, 0x8B, 8, 0]);
        facts.Format.ShouldBe(ImageFormat.Svg);
        facts.Problem.ShouldBe("a compressed SVG (.svgz): its size is not read");
    }

    [Fact]
    public void Format_comes_from_the_bytes_not_the_extension()
    {
        ImageHeaderReader.Read("/site/card.png", 100, Jpeg(10, 10)).Format.ShouldBe(ImageFormat.Jpeg);
        ImageHeaderReader.Read("/site/card.jpg", 100, Png(10, 10)).Format.ShouldBe(ImageFormat.Png);
    }
}
