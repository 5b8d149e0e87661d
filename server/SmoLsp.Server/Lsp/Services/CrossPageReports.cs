using System.Collections.Concurrent;
using System.Text.Json;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The cross-page diagnostics of each page (SMO210/SMO211: computed over the whole site, see
/// <see cref="WorkspaceDiagnostics"/>), already in LSP form, and a revision per page that changes whenever something
/// outside the page's own text changed its report: its cross-page diagnostics, or a file it depends on. The revision is
/// part of every result id, so a client that pulls never gets "unchanged" for a report that did change.
/// </summary>
public sealed class CrossPageReports
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextRevision;

    public long RevisionOf(string? path) => path is not null && _entries.TryGetValue(path, out var e) ? e.Revision : 0;

    public IReadOnlyList<LspDiagnostic> CrossPageDiagnostics(string? path) => path is not null && _entries.TryGetValue(path, out var e) ? e.Items : [];

    /// <summary>The page's own diagnostics followed by its site-wide ones.</summary>
    public IReadOnlyList<LspDiagnostic> Merge(string? path, IReadOnlyList<LspDiagnostic> own)
    {
        var site = CrossPageDiagnostics(path);
        return site.Count == 0 ? own : [.. own, .. site];
    }

    /// <summary>Stores a page's site diagnostics; true (and a new revision) when they differ from what was there.</summary>
    public bool Set(string path, IReadOnlyList<LspDiagnostic> items)
    {
        var current = CrossPageDiagnostics(path);
        if (SameDiagnostics(current, items))
        {
            return false;
        }

        _entries[path] = new Entry(items, NextRevision());
        return true;
    }

    /// <summary>Something the page depends on changed: its report must not be answered as unchanged.</summary>
    public void Touch(string path) => _entries.AddOrUpdate(path, _ => new Entry([], NextRevision()), (_, e) => e with { Revision = NextRevision() });

    public long NextRevision() => Interlocked.Increment(ref _nextRevision);

    /// <summary>Structural equality through the JSON the client would receive: what it sees is what matters.</summary>
    public static bool SameDiagnostics(IReadOnlyList<LspDiagnostic> a, IReadOnlyList<LspDiagnostic> b)
    {
        if (ReferenceEquals(a, b) || (a.Count == 0 && b.Count == 0))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        var x = JsonSerializer.SerializeToUtf8Bytes(a, LspJsonContext.Default.IReadOnlyListLspDiagnostic);
        var y = JsonSerializer.SerializeToUtf8Bytes(b, LspJsonContext.Default.IReadOnlyListLspDiagnostic);
        return x.AsSpan().SequenceEqual(y);
    }

    private sealed record Entry(IReadOnlyList<LspDiagnostic> Items, long Revision);
}
