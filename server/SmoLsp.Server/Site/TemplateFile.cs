using System.Text;

namespace SmoLsp.Server.Site;

/// <summary>How a file was stored, so a fix writes it back byte-compatible: same encoding, same BOM.</summary>
public sealed record FileEncodingInfo(Encoding Encoding, bool HasBom)
{
    public static readonly FileEncodingInfo Utf8NoBom = new(new UTF8Encoding(false), false);

    public byte[] Encode(string text) => HasBom ? [.. Encoding.GetPreamble(), .. Encoding.GetBytes(text)] : Encoding.GetBytes(text);
}

public enum ReadStatus
{
    Ok,
    NotFound,
    TooLarge,
    Binary,
    Unreadable,

    /// <summary>Refused by the <see cref="FileAccessPolicy"/>: outside the site, or not a regular file.</summary>
    Refused,
}

public sealed record TemplateReadResult(ReadStatus Status, string? Text, FileEncodingInfo? Encoding, string? Message, long Length)
{
    public bool Success => Status == ReadStatus.Ok;

    /// <summary>The bytes as read (for a fix to prove the file is unchanged before writing); null for text from elsewhere.</summary>
    public byte[]? Bytes { get; init; }

    public DateTime LastWriteTimeUtc { get; init; }
}

/// <summary>
/// Reads template files safely: a size cap, binary detection, BOM-aware decoding, and invalid UTF-8 read as
/// Latin-1 (every byte kept) rather than replaced, so nothing is lost and offsets stay meaningful.
/// </summary>
public static class TemplateFile
{
    /// <summary>Files above this are skipped and reported: real templates are far smaller, and it bounds memory.</summary>
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads and decodes a template through the site's <see cref="FileAccessPolicy"/>, also returning the raw bytes
    /// and the last write time: what a fix needs to prove the file did not change before writing it back.
    /// </summary>
    public static TemplateReadResult Read(FileAccessPolicy files, string path, long maxBytes = DefaultMaxBytes)
    {
        var read = files.ReadAll(path, maxBytes);
        if (!read.Success)
        {
            var (status, message) = read.Status switch
            {
                FileReadStatus.NotFound => (ReadStatus.NotFound, "no such file"),
                FileReadStatus.TooLarge => (ReadStatus.TooLarge, $"skipped: {read.Message} for one template"),
                FileReadStatus.Unreadable => (ReadStatus.Unreadable, read.Message),
                _ => (ReadStatus.Refused, "skipped: " + read.Message),
            };
            return new TemplateReadResult(status, null, null, message, read.Length);
        }

        return Decode(read.Bytes!) with { Bytes = read.Bytes, LastWriteTimeUtc = read.LastWriteTimeUtc };
    }

    public static TemplateReadResult Decode(byte[] bytes)
    {
        var (encoding, bomLength) = DetectBom(bytes);
        if (encoding is not null)
        {
            try
            {
                var text = encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
                return new TemplateReadResult(ReadStatus.Ok, text, new FileEncodingInfo(encoding, true), null, bytes.Length);
            }
            catch (DecoderFallbackException)
            {
                return new TemplateReadResult(ReadStatus.Binary, null, null, "skipped: the byte-order mark does not match the content", bytes.Length);
            }
        }

        if (LooksBinary(bytes))
        {
            return new TemplateReadResult(ReadStatus.Binary, null, null, "skipped: binary file (contains NUL bytes)", bytes.Length);
        }

        try
        {
            return new TemplateReadResult(ReadStatus.Ok, s_strictUtf8.GetString(bytes), FileEncodingInfo.Utf8NoBom, null, bytes.Length);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: keep every byte as one char (Latin-1) so nothing is replaced; fixes write it back the same way.
            return new TemplateReadResult(ReadStatus.Ok, Encoding.Latin1.GetString(bytes), new FileEncodingInfo(Encoding.Latin1, false), "not valid UTF-8; read as Latin-1", bytes.Length);
        }
    }

    private static (Encoding? Encoding, int BomLength) DetectBom(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(true, true), 3),
        [0xFF, 0xFE, 0, 0, ..] => (new UTF32Encoding(false, true, true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, true, true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, true, true), 2),
        _ => (null, 0),
    };

    private static bool LooksBinary(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).IndexOf((byte)0) >= 0;
}
