namespace SmoLsp.Server.Site;

public enum ReplaceStatus
{
    Written,

    /// <summary>The file is not writable (read-only attribute, or no write permission bit).</summary>
    ReadOnly,

    /// <summary>The file changed on disk since it was read; writing would lose someone else's edit.</summary>
    Changed,

    Failed,
}

public sealed record ReplaceResult(ReplaceStatus Status, string? Message)
{
    public static readonly ReplaceResult Written = new(ReplaceStatus.Written, null);
}

/// <summary>
/// Replaces a file's content atomically: the new bytes go to a temporary file in the same folder (same file system,
/// so the rename is atomic), which then takes the original's name and Unix permissions. A reader sees the old file
/// or the new one, never half of each, and a crash leaves the original intact.
/// </summary>
public static class AtomicFile
{
    /// <summary>True when the file must not be written: read-only attribute, or (on Unix) no write bit at all, which root would ignore.</summary>
    public static bool IsReadOnly(string path) =>
        (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0
        || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0);

    /// <summary>
    /// Writes <paramref name="newBytes"/> to <paramref name="path"/> if the file still holds <paramref name="expectedBytes"/>
    /// and was last written at <paramref name="expectedWriteTimeUtc"/>. A symbolic link is followed: its target is replaced,
    /// the link stays.
    /// </summary>
    public static ReplaceResult ReplaceIfUnchanged(string path, ReadOnlySpan<byte> expectedBytes, DateTime expectedWriteTimeUtc, ReadOnlySpan<byte> newBytes)
    {
        string? temp = null;
        try
        {
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
            if (IsReadOnly(target))
            {
                return new ReplaceResult(ReplaceStatus.ReadOnly, "the file is read-only");
            }

            // Cheap check first (the time stamp), then the bytes: an editor may save identical-length content within the clock's resolution.
            if (File.GetLastWriteTimeUtc(target) != expectedWriteTimeUtc || !File.ReadAllBytes(target).AsSpan().SequenceEqual(expectedBytes))
            {
                return new ReplaceResult(ReplaceStatus.Changed, "the file changed on disk during the run");
            }

            var directory = Path.GetDirectoryName(target) ?? ".";
            temp = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + ".smolsp.tmp");
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(newBytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }

            File.Move(temp, target, overwrite: true);
            temp = null;
            return ReplaceResult.Written;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new ReplaceResult(ReplaceStatus.Failed, "cannot write: " + IoErrors.Describe(ex));
        }
        finally
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover dot-file is better than masking the real error.
        }
    }
}
