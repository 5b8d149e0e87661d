namespace SmoLsp.Server.Site;

/// <summary>
/// Plain words for an IO failure. The published tool trims the runtime's message texts (UseSystemResourceKeys), so an
/// exception's Message can be a bare key such as <c>UnauthorizedAccess_IODenied_Path</c>; on Unix .NET puts the errno
/// in <see cref="Exception.HResult"/>, which says it better.
/// </summary>
public static class IoErrors
{
    public static string Describe(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no such file or folder",
        PathTooLongException => "the path is too long",
        IOException io => Errno(io.HResult) ?? Text(io),
        _ => Text(ex),
    };

    private static string? Errno(int errno) => errno switch
    {
        1 or 13 => "permission denied",
        2 => "no such file or folder",
        5 => "input/output error",
        17 => "the file already exists",
        20 => "a part of the path is not a folder",
        21 => "it is a folder",
        24 => "too many open files",
        27 => "the file is too large",
        28 => "no space left on device",
        30 => "read-only file system",
        36 => "the file name is too long",
        40 => "too many levels of symbolic links",
        122 => "disk quota exceeded",
        _ => null,
    };

    /// <summary>The message, unless it is a resource key (one word with underscores): then the exception's kind.</summary>
    private static string Text(Exception ex) =>
        ex.Message.Length > 0 && (ex.Message.Contains(' ', StringComparison.Ordinal) || !ex.Message.Contains('_', StringComparison.Ordinal))
            ? ex.Message
            : $"{ex.GetType().Name} (error {ex.HResult})";
}
