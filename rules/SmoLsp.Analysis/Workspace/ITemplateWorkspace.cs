namespace SmoLsp.Analysis.Workspace;

/// <summary>
/// What the core may ask of the world beyond the analyzed document: other templates (layouts, <c>_ViewStart</c>,
/// <c>App.razor</c>) and facts about local image files. Hosts implement it (from disk, from open editor buffers,
/// from a cache); the core never does IO itself. Paths are full paths with the host's separators, as in
/// <see cref="TemplateDocument.Path"/>. Implementations must be thread-safe and must not throw: a file that cannot be
/// read is reported as absent.
/// </summary>
public interface ITemplateWorkspace
{
    /// <summary>The current text of another template, or null when there is no such file.</summary>
    TemplateDocument? GetTemplate(string path);

    /// <summary>True when a file or folder exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>Facts read from a local image file's header, or null when there is no such file.</summary>
    ImageFacts? GetImage(string path);

    /// <summary>
    /// The folder that the site's URL path <c>/</c> maps to for <paramref name="documentPath"/> (<c>wwwroot</c> when
    /// present, the configured <c>webRoot</c>, else the workspace root), or null when unknown.
    /// </summary>
    string? GetWebRoot(string documentPath);
}

/// <summary>
/// What an image file is, by its magic bytes. <see cref="Unknown"/> is not an image at all (or could not be read);
/// the formats after <see cref="Svg"/> are images that share cards do not show, recognised so the message can name them.
/// </summary>
public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    Gif,
    WebP,
    Svg,
    Avif,
    Heic,
    JpegXl,
    Bmp,
    Tiff,
    Ico,
}

/// <summary>
/// What an image file's header says, without decoding pixels (<see cref="ImageHeaderReader"/>). <see cref="Problem"/>
/// explains a truncated or lying header, or why the file could not be read (then the size may be unknown, and a file
/// that could not be read at all has <see cref="ImageFormat.Unknown"/>). For an image on the web
/// (<see cref="IWebWorkspace"/>), <see cref="Path"/> is the URL, <see cref="Bytes"/> the size its headers
/// give (0 when unknown), and <see cref="Web"/> what the server answered.
/// </summary>
public sealed record ImageFacts(string Path, long Bytes, ImageFormat Format, int? Width, int? Height, bool IsAnimated, string? Problem)
{
    /// <summary>What the web answered for the image's URL; null for a local file.</summary>
    public WebResponseFacts? Web { get; init; }
}

/// <summary>A workspace that knows nothing beyond the document: every other file is absent.</summary>
public sealed class EmptyWorkspace : ITemplateWorkspace
{
    public static readonly EmptyWorkspace Instance = new();

    public TemplateDocument? GetTemplate(string path) => null;

    public bool Exists(string path) => false;

    public ImageFacts? GetImage(string path) => null;

    public string? GetWebRoot(string documentPath) => null;
}
