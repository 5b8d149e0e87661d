using System.IO.Compression;
using System.Xml;

namespace SmoLsp.Server.Site.Web;

/// <summary>
/// A sitemap (sitemaps.org): the <c>&lt;loc&gt;</c> of each <c>&lt;url&gt;</c>, or of each <c>&lt;sitemap&gt;</c> of a
/// sitemap index. Gzipped sitemaps are read too, with the same cap on the decompressed bytes. No DTD, no external
/// entities; a file that stops being XML keeps the locations read before.
/// </summary>
public sealed record Sitemap(bool IsIndex, IReadOnlyList<string> Locations, string? Problem)
{
    public static Sitemap Parse(byte[] bytes, int maxBytes, int maxLocations)
    {
        var locations = new List<string>();
        var isIndex = false;
        try
        {
            using var raw = new MemoryStream(bytes, writable: false);
            using var decompressed = bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B ? (Stream)new GZipStream(raw, CompressionMode.Decompress) : raw;
            using var capped = new CappedStream(decompressed, maxBytes);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreWhitespace = true,
                MaxCharactersFromEntities = 1024,
            };
            using var reader = XmlReader.Create(capped, settings);
            while (locations.Count < maxLocations && reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "sitemapindex")
                {
                    isIndex = true;
                }
                else if (reader.LocalName == "loc")
                {
                    var text = reader.ReadElementContentAsString().Trim();
                    if (text.Length > 0)
                    {
                        locations.Add(text);
                    }
                }
            }

            return new Sitemap(isIndex, locations, null);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            return new Sitemap(isIndex, locations, ex.Message);
        }
    }

    /// <summary>Reads at most a number of bytes, then reports an end: a decompressed sitemap cannot grow past the cap.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var allowed = (int)Math.Min(count, cap - _read);
            if (allowed <= 0)
            {
                return 0;
            }

            var n = inner.Read(buffer, offset, allowed);
            _read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
