using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Server.Site.Web;

/// <summary>
/// Answers for share images and page URLs kept between runs (<c>--cache-dir</c>), so a CI rerun asks the web only what
/// may have changed: an answer still fresh by its Cache-Control/Expires is reused without a request, one with an ETag
/// or Last-Modified is revalidated (a 304 costs no body), and anything else is fetched again. Pages being checked are
/// never cached: what the server sends now is the point. One small JSON file per URL, written atomically; a file that
/// cannot be read or parsed is a miss.
/// </summary>
public sealed class WebDiskCache(string directory)
{
    /// <summary>An entry holds at most an image's head (256 KB, base64): larger files are not ours.</summary>
    private const long MaxEntryBytes = 1024 * 1024;

    public WebCacheEntry? Load(FetchKind kind, string url)
    {
        var path = PathOf(kind, url);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxEntryBytes)
            {
                return null;
            }

            var entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), WebCacheJsonContext.Default.WebCacheEntry);
            return entry is not null && entry.Url == url && entry.Kind == kind.ToString() ? entry : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Keeps a successful or definite answer (never a timeout or a refused connection: the next run asks again).</summary>
    public void Save(FetchKind kind, WebFetch fetch, DateTimeOffset now)
    {
        if (fetch.NoStore || fetch.Facts.Problem is not null || fetch.Facts.Status == 0)
        {
            return;
        }

        Write(kind, WebCacheEntry.From(kind, fetch, now));
    }

    /// <summary>A 304 confirmed the entry: it counts as stored now.</summary>
    public void Touch(FetchKind kind, WebCacheEntry entry, WebFetch revalidation, DateTimeOffset now) =>
        Write(kind, entry with { Stored = now, FreshSeconds = revalidation.FreshFor?.TotalSeconds ?? entry.FreshSeconds });

    private void Write(FetchKind kind, WebCacheEntry entry)
    {
        var path = PathOf(kind, entry.Url);
        var temp = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(entry, WebCacheJsonContext.Default.WebCacheEntry));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written costs the next run a request, nothing else.
            AtomicFile.TryDelete(temp);
        }
    }

    private string PathOf(FetchKind kind, string url) =>
        Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + url)))[..40] + ".json");
}

/// <summary>One cached answer: the facts, the validators to revalidate it, and an image's head bytes.</summary>
public sealed record WebCacheEntry(string Url, string Kind, DateTimeOffset Stored, double? FreshSeconds, string? ETag, string? LastModified,
    int Status, string Reason, string FinalUrl, List<WebRedirect> Redirects, string? ContentType, long? Length, string? Body, bool Truncated)
{
    public bool IsFresh(DateTimeOffset now) => FreshSeconds is { } fresh && now - Stored < TimeSpan.FromSeconds(fresh);

    public WebValidators? Validators => ETag is null && LastModified is null ? null : new WebValidators(ETag, LastModified);

    public WebFetch ToFetch() => new(new WebResponseFacts(Url, Status)
    {
        Reason = Reason,
        FinalUrl = FinalUrl,
        Redirects = Redirects,
        ContentType = ContentType,
        Length = Length,
    })
    {
        Body = Body is null ? null : Convert.FromBase64String(Body),
        Truncated = Truncated,
    };

    public static WebCacheEntry From(FetchKind kind, WebFetch fetch, DateTimeOffset now)
    {
        var f = fetch.Facts;
        return new WebCacheEntry(f.Url, kind.ToString(), now, fetch.FreshFor?.TotalSeconds, fetch.Validators?.ETag, fetch.Validators?.LastModified,
            f.Status, f.Reason, f.FinalUrl, [.. f.Redirects], f.ContentType, f.Length,
            fetch.Body is null ? null : Convert.ToBase64String(fetch.Body), fetch.Truncated);
    }
}

[JsonSerializable(typeof(WebCacheEntry))]
internal sealed partial class WebCacheJsonContext : JsonSerializerContext;
