namespace SmoLsp.Server.Site;

/// <summary>A file's version as far as caches go: its size and last write time.</summary>
internal sealed record FileStamp(long Length, DateTime WriteTimeUtc)
{
    /// <summary>The stamp of the file at <paramref name="path"/>; null when there is none (or it cannot be asked).</summary>
    public static FileStamp? Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// A value cached with the stamp of the file it came from (null: there was no file). A class, not a tuple: a cache of
/// classes is a dictionary the framework ships compiled, where a cache of tuples made the JIT compile one at start.
/// </summary>
internal sealed record Stamped<T>(FileStamp? Stamp, T Value);
