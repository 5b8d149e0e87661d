using System.Collections.Concurrent;
using SmoLsp.Analysis;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Workspace;

/// <summary>
/// <see cref="ITemplateWorkspace"/> over the file system, for both hosts. Templates and image facts are cached by path
/// and invalidated when the file's size or write time changes, so a layout shared by a thousand pages is read and
/// parsed once per version. <see cref="Overlay"/> lets the language server put open editor buffers first.
/// </summary>
public sealed class FileSystemWorkspace : ITemplateWorkspace
{
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, TemplateDocument? Document)> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, ImageFacts? Facts)> _images = new(StringComparer.Ordinal);

    /// <summary>Open documents that win over disk content (the editor's unsaved text); null in batch mode.</summary>
    public Func<string, TemplateDocument?>? Overlay { get; init; }

    /// <summary>The configured web root for a document (relative to its configuration file), when one is set.</summary>
    public Func<string, string?>? ConfiguredWebRoot { get; init; }

    public TemplateDocument? GetTemplate(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Overlay?.Invoke(full) is { } open)
            {
                return open;
            }

            var stamp = FileStamp.Of(full);
            if (stamp is null)
            {
                return null;
            }

            if (_templates.TryGetValue(full, out var cached) && cached.Stamp == stamp)
            {
                return cached.Document;
            }

            var read = TemplateFile.Read(full);
            var document = read.Success ? TemplateDocument.FromPath(full, read.Text!) : null;
            _templates[full] = (stamp.Value, document);
            return document;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    public bool Exists(string path)
    {
        try
        {
            return File.Exists(path) || Directory.Exists(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    public ImageFacts? GetImage(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var stamp = FileStamp.Of(full);
            if (stamp is null)
            {
                return null;
            }

            if (_images.TryGetValue(full, out var cached) && cached.Stamp == stamp)
            {
                return cached.Facts;
            }

            var facts = ImageFile.Read(full);
            _images[full] = (stamp.Value, facts);
            return facts;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    public string? GetWebRoot(string documentPath)
    {
        try
        {
            if (ConfiguredWebRoot?.Invoke(documentPath) is { } configured)
            {
                return configured;
            }

            // ASP.NET serves wwwroot at "/": the nearest folder above the document that has one is the site.
            for (var dir = Path.GetDirectoryName(Path.GetFullPath(documentPath)); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                var wwwroot = Path.Combine(dir, "wwwroot");
                if (Directory.Exists(wwwroot))
                {
                    return wwwroot;
                }

                if (File.Exists(Path.Combine(dir, "smolsp.json")) || Directory.Exists(Path.Combine(dir, ".git")))
                {
                    return dir;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Forgets cached facts for a path (a watcher saw it change), or everything.</summary>
    public void Invalidate(string? path = null)
    {
        if (path is null)
        {
            _templates.Clear();
            _images.Clear();
            return;
        }

        var full = Path.GetFullPath(path);
        _templates.TryRemove(full, out _);
        _images.TryRemove(full, out _);
    }

    private readonly record struct FileStamp(long Length, DateTime WriteTimeUtc)
    {
        public static FileStamp? Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
        }
    }
}
