using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Rules.Images;

/// <summary>The media types of image formats: what og:image:type (SMO409) and a server's Content-Type (SMO415) are judged against.</summary>
internal static class ImageMediaTypes
{
    /// <summary>The registered media type of a format first, then the aliases consumers accept for it (image/jpg is common and harmless); null for <see cref="ImageFormat.Unknown"/>.</summary>
    public static string[]? Of(ImageFormat format) => format switch
    {
        ImageFormat.Png => ["image/png", "image/apng"],
        ImageFormat.Jpeg => ["image/jpeg", "image/jpg", "image/pjpeg"],
        ImageFormat.Gif => ["image/gif"],
        ImageFormat.WebP => ["image/webp"],
        ImageFormat.Svg => ["image/svg+xml"],
        ImageFormat.Avif => ["image/avif"],
        ImageFormat.Heic => ["image/heic", "image/heif"],
        ImageFormat.JpegXl => ["image/jxl"],
        ImageFormat.Bmp => ["image/bmp", "image/x-ms-bmp"],
        ImageFormat.Tiff => ["image/tiff"],
        ImageFormat.Ico => ["image/vnd.microsoft.icon", "image/x-icon"],
        _ => null,
    };

    public static string Article(ImageFormat format) => format switch
    {
        ImageFormat.Png => "a PNG image",
        ImageFormat.Jpeg => "a JPEG image",
        ImageFormat.Gif => "a GIF image",
        ImageFormat.WebP => "a WebP image",
        ImageFormat.Svg => "an SVG image",
        ImageFormat.Avif => "an AVIF image",
        ImageFormat.Heic => "a HEIC image",
        ImageFormat.JpegXl => "a JPEG XL image",
        ImageFormat.Bmp => "a BMP image",
        ImageFormat.Tiff => "a TIFF image",
        _ => "an ICO image",
    };
}
