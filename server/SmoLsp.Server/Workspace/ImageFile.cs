using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Workspace;

/// <summary>Reads an image file's header bytes for <see cref="ITemplateWorkspace.GetImage"/>.</summary>
public static class ImageFile
{
    public static ImageFacts? Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        // Header parsing comes with the image rules (SMO402-SMO408); until then only the size in bytes is known.
        return new ImageFacts(path, info.Length, ImageFormat.Unknown, null, null, false, null);
    }
}
