using System.Collections.Concurrent;
using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Site;
using SmoLsp.Server.Site;

namespace SmoLsp.Server.Cli;

/// <summary>The core's findings as the command line reports them: 1-based lines, UTF-16 columns, fingerprints, related locations.</summary>
public static class ReportMessages
{
    /// <summary>
    /// One copy of each message text for a run that keeps every file's messages until the end (a check merges the
    /// cross-page findings in): tens of thousands of findings say a few thousand different things.
    /// </summary>
    public sealed class TextPool
    {
        private const int MaxTexts = 100_000;
        private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
        private int _count; // ConcurrentDictionary.Count takes every lock: counted here instead

        public string Share(string text)
        {
            if (_texts.TryGetValue(text, out var shared))
            {
                return shared;
            }

            if (Volatile.Read(ref _count) >= MaxTexts)
            {
                return text;
            }

            shared = _texts.GetOrAdd(text, text);
            if (ReferenceEquals(shared, text))
            {
                Interlocked.Increment(ref _count);
            }

            return shared;
        }
    }

    /// <summary>A file's problems and its inline-suppressed ones, in position order.</summary>
    public static (List<ReportMessage> Active, List<ReportMessage> Suppressed) Of(AnalysisResult result, string displayPath, TextPool? texts = null)
    {
        var source = result.Syntax.Source;
        var lines = source.Lines;
        var entries = new List<(Diagnostic Diagnostic, SuppressionDirective? Directive)>(result.Diagnostics.Count + result.Suppressed.Count);
        entries.AddRange(result.Diagnostics.Select(d => (d, (SuppressionDirective?)null)));
        entries.AddRange(result.Suppressed.Select(s => (s.Diagnostic, (SuppressionDirective?)s.Directive)));

        // Position order first, so the occurrence index in each fingerprint does not depend on the engine's order.
        entries.Sort(static (a, b) =>
        {
            var c = a.Diagnostic.Span.CompareTo(b.Diagnostic.Span);
            c = c != 0 ? c : string.CompareOrdinal(a.Diagnostic.Id, b.Diagnostic.Id);
            return c != 0 ? c : string.CompareOrdinal(a.Diagnostic.Message, b.Diagnostic.Message);
        });

        var occurrences = new Fingerprints.Occurrences();
        var active = new List<ReportMessage>(result.Diagnostics.Count);
        var suppressed = new List<ReportMessage>(result.Suppressed.Count);
        foreach (var (d, directive) in entries)
        {
            var start = lines.GetPosition(d.Span.Start);
            var end = lines.GetPosition(d.Span.End);
            var flagged = d.Span.End <= source.Length ? source.Text.Substring(d.Span.Start, d.Span.Length) : string.Empty;
            var message = new ReportMessage(d.Id, d.Severity, texts?.Share(d.Message) ?? d.Message, start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1)
            {
                FingerprintValue = Fingerprints.Compute(displayPath, d.Id, flagged, occurrences.Next(d.Id, flagged)),
                // Most problems have no related locations: they share the empty list (a run keeps every message).
                Related = d.RelatedLocations.Count == 0 ? [] : d.RelatedLocations.Where(r => r.DocumentPath is null && r.Span.End <= source.Length).Select(r =>
                {
                    var rs = lines.GetPosition(r.Span.Start);
                    var re = lines.GetPosition(r.Span.End);
                    return new ReportLocation(displayPath, rs.Line + 1, rs.Character + 1, re.Line + 1, re.Character + 1, texts?.Share(r.Message) ?? r.Message);
                }).ToArray(),
                SuppressedBecause = directive is null ? null : directive.Justification ?? string.Empty,
            };
            (directive is null ? active : suppressed).Add(message);
        }

        // The engine sorts by offset already; sorting here keeps the report's order a property of this file.
        active.Sort(Compare);
        suppressed.Sort(Compare);
        return (active, suppressed);
    }

    /// <summary>A cross-page finding on <paramref name="displayPath"/>, naming the other pages with their positions.</summary>
    public static ReportMessage Of(SiteDiagnostic d, string displayPath, string workingDirectory) =>
        Of(d, displayPath, path => SitePaths.Display(path, workingDirectory));

    /// <summary>
    /// The same, with the run's names for paths and its shared texts (many findings name the same pages); without its
    /// related locations when no report of the run names them (a title on a thousand pages names twenty others on each).
    /// </summary>
    public static ReportMessage Of(SiteDiagnostic d, string displayPath, Func<string, string> display, TextPool? texts = null, bool related = true) =>
        new(d.Diagnostic.Id, d.Diagnostic.Severity, d.Diagnostic.Message, d.Range.Start.Line + 1, d.Range.Start.Character + 1, d.Range.End.Line + 1, d.Range.End.Character + 1)
        {
            // The shared text is what a cross-page finding is about; which other pages share it may change.
            FingerprintValue = Fingerprints.Compute(displayPath, d.Diagnostic.Id, d.Value?.Key ?? string.Empty, 0),
            Related = !related || d.Related.Count == 0 ? [] : [.. d.Related.Select(r => new ReportLocation(display(r.Path), r.Range.Start.Line + 1, r.Range.Start.Character + 1, r.Range.End.Line + 1, r.Range.End.Character + 1, texts?.Share(r.Message) ?? r.Message))],
            SuppressedBecause = d.Suppression is null ? null : d.Suppression.Justification ?? string.Empty,
        };

    /// <summary>A configuration error as the command line prints it: <c>path:line:col: error: 'key': message</c>.</summary>
    public static string Format(ConfigurationError error, Func<string, string> display) =>
        $"{display(error.File)}:{error.Line}:{error.Column}: error: {(error.Key.Length > 0 ? $"'{error.Key}': " : string.Empty)}{error.Message}";

    public static int Compare(ReportMessage a, ReportMessage b)
    {
        var c = a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : a.EndLine.CompareTo(b.EndLine);
        c = c != 0 ? c : a.EndColumn.CompareTo(b.EndColumn);
        c = c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }
}
