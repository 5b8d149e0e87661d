using System.Buffers;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// Reads an image file's first bytes for <see cref="ITemplateWorkspace.GetImage"/> and lets the core's
/// <see cref="ImageHeaderReader"/> say what they hold. Only the header is read, never the whole file: a site's
/// 8 MB hero image costs one 256 KB read.
/// </summary>
public static class ImageFile
{
    /// <summary>The file's facts; null when there is no file at <paramref name="path"/>; a <see cref="ImageFacts.Problem"/> when it cannot be read.</summary>
    public static ImageFacts? Read(string path, int headBytes = ImageHeaderReader.HeadBytes)
    {
        if (Directory.Exists(path))
        {
            return null; // "/img/" names a folder, not an image: no such file
        }

        long length = 0;
        try
        {
            // FileShare.ReadWrite | Delete: an editor or build writing the image at the same moment must not fail either side.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
            length = stream.Length;
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(length, headBytes));
            try
            {
                var read = stream.ReadAtLeast(buffer.AsSpan(0, (int)Math.Min(length, headBytes)), (int)Math.Min(length, headBytes), throwOnEndOfStream: false);
                return ImageHeaderReader.Read(path, length, buffer.AsSpan(0, read));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // The file is there but unusable; a crawler asking the site for it would fare no better.
            return new ImageFacts(path, length, ImageFormat.Unknown, null, null, false, $"the file could not be read: {ex.Message}");
        }
    }
}
