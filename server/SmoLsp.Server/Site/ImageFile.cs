using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Site;

/// <summary>
/// Reads an image file's first bytes for <see cref="ITemplateWorkspace.GetImage"/> and lets the core's
/// <see cref="ImageHeaderReader"/> say what they hold. Only the header is read, never the whole file: a site's
/// 8 MB hero image costs one 256 KB read. Through the <see cref="FileAccessPolicy"/>: an image that links outside
/// the site, or is not a regular file, is never opened, and its problem names no byte of it.
/// </summary>
public static class ImageFile
{
    /// <summary>The file's facts; null when there is no file at <paramref name="path"/>; a <see cref="ImageFacts.Problem"/> when it cannot be read.</summary>
    public static ImageFacts? Read(FileAccessPolicy files, string path, int headBytes = ImageHeaderReader.HeadBytes)
    {
        var read = files.ReadHead(path, headBytes);
        return read.Status switch
        {
            FileReadStatus.Ok => ImageHeaderReader.Read(path, read.Length, read.Bytes),
            FileReadStatus.NotFound => null,
            // "/img/" names a folder, not an image: no such file.
            FileReadStatus.NotRegularFile when Directory.Exists(path) => null,
            // The file is there but unusable; a crawler asking the site for it would fare no better.
            _ => new ImageFacts(path, 0, ImageFormat.Unknown, null, null, false, "the file could not be read: " + read.Message),
        };
    }
}
