using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

/// <summary>Why a file takes part in a composition.</summary>
public enum CompositionRole
{
    /// <summary>The analyzed document.</summary>
    Page,

    /// <summary>A <c>_ViewStart.cshtml</c> that chose the layout or assigned ViewData.</summary>
    ViewStart,

    /// <summary>An MVC / Razor Pages layout or a Blazor layout component.</summary>
    Layout,

    /// <summary>A partial rendered inside a head.</summary>
    Partial,

    /// <summary>The Blazor document holding <c>&lt;HeadOutlet&gt;</c>: <c>App.razor</c>, <c>_Host.cshtml</c>/<c>_Layout.cshtml</c> or <c>wwwroot/index.html</c>.</summary>
    Host,

    /// <summary><c>_Imports.razor</c> or <c>Routes.razor</c>, read for the Blazor layout.</summary>
    Configuration,
}

public sealed record CompositionFile(string Path, CompositionRole Role);

public enum CompositionKind
{
    /// <summary>MVC views and Razor Pages: layouts, sections, ViewData.</summary>
    Mvc,

    /// <summary>
    /// Jekyll, Hugo, Django/Jinja, Eleventy: layouts and base templates, blocks, includes and partials, front matter values
    /// and known head generators (docs/engines.md).
    /// </summary>
    Template,

    /// <summary>Blazor: a routable component inside the host document's <c>&lt;HeadOutlet&gt;</c> and <c>&lt;Routes&gt;</c>.</summary>
    Blazor,
}

/// <summary>
/// A place in the composed document that another file fills: a layout's <c>RenderSection</c> call filled by a page's
/// <c>@section</c>, or a Blazor <c>&lt;HeadOutlet&gt;</c> filled by the page's <c>&lt;HeadContent&gt;</c>.
/// </summary>
/// <param name="FillerPath">The file whose content renders here (the page, or an inner layout).</param>
/// <param name="Name">The section name; empty for a HeadOutlet.</param>
/// <param name="Composed">Where the filler's content sits in the composed text (empty when the filler supplies nothing).</param>
/// <param name="SlotPath">The file holding the RenderSection call or HeadOutlet.</param>
/// <param name="SlotSpan">The call or element in that file.</param>
public sealed record FilledSlot(string FillerPath, string Name, TextSpan Composed, string SlotPath, TextSpan SlotSpan, bool IsHeadOutlet);

/// <summary>
/// An include or partial rendered into the composed text: <see cref="Path"/> rendered where <see cref="CallerPath"/>
/// names it (<see cref="CallSpan"/>), filling <see cref="Composed"/>.
/// </summary>
internal sealed record Expansion(string Path, string CallerPath, TextSpan CallSpan, TextSpan Composed);

/// <summary>
/// A page as the framework renders it: the layout's (or Blazor host's) text with RenderBody, RenderSection, ViewData
/// outputs, head partials and HeadOutlet replaced by what the page and its layouts supply, plus the source map back to
/// every file. Rules run over <see cref="Document"/> unchanged; the engine maps what they report back to the files.
/// </summary>
public sealed class ComposedDocument
{
    private readonly IReadOnlyDictionary<string, SourceText> _sources;

    internal ComposedDocument(
        string analyzedPath,
        TemplateDocument document,
        SourceMap map,
        CompositionKind kind,
        IReadOnlyList<CompositionFile> files,
        IReadOnlyList<string> dependencies,
        IReadOnlyList<FilledSlot> slots,
        TemplateFacts pageFacts,
        IReadOnlyDictionary<string, SourceText> sources)
    {
        PageFacts = pageFacts;
        _sources = sources;
        AnalyzedPath = analyzedPath;
        Document = document;
        Map = map;
        Kind = kind;
        Files = files;
        Dependencies = dependencies;
        Slots = slots;
    }

    public string AnalyzedPath { get; }

    internal TemplateFacts PageFacts { get; }

    /// <summary>The composed text, under the analyzed document's path and language.</summary>
    public TemplateDocument Document { get; }

    public SourceMap Map { get; }

    public CompositionKind Kind { get; }

    /// <summary>Every file whose text is part of the composition, the page first.</summary>
    public IReadOnlyList<CompositionFile> Files { get; }

    /// <summary>
    /// Every path the composition asked the workspace for, found or not (a <c>_ViewStart.cshtml</c> that does not exist
    /// yet counts: creating it changes the result). A host re-checks this page when any of them changes.
    /// </summary>
    public IReadOnlyList<string> Dependencies { get; }

    public IReadOnlyList<FilledSlot> Slots { get; }

    /// <summary>Includes and partials rendered into the text, innermost last (template engines only).</summary>
    internal IReadOnlyList<Expansion> Expansions { get; init; } = [];

    /// <summary>The file a composed offset came from, or null past the end.</summary>
    public string? PathAt(int composedOffset) => Map.SegmentAt(composedOffset)?.Path;

    /// <summary>The file and position a composed offset came from (for messages that name a line).</summary>
    public (string Path, LinePosition Position)? Locate(int composedOffset)
    {
        var segment = Map.SegmentAt(composedOffset);
        if (segment is null || !_sources.TryGetValue(segment.Path, out var source))
        {
            return null;
        }

        var origin = segment.ToOrigin(new TextSpan(composedOffset, 0));
        return (segment.Path, source.GetPosition(origin.Start));
    }

    /// <summary>
    /// The file, span and line positions a composed span came from (its first part when it straddles files): where a
    /// client jumps to show the tag behind a value. Null past the end.
    /// </summary>
    public (string Path, TextSpan Span, LinePositionSpan Range)? LocateSpan(TextSpan composed)
    {
        var segment = Map.SegmentAt(composed.Start);
        if (segment is null || !_sources.TryGetValue(segment.Path, out var source))
        {
            return null;
        }

        var inside = TextSpan.FromBounds(composed.Start, Math.Max(composed.Start, Math.Min(composed.End, segment.Composed.End)));
        var origin = segment.ToOrigin(inside);
        return (segment.Path, origin, source.GetPositionSpan(origin));
    }

    /// <summary>True when the composed span (or any part of it) came from the analyzed document.</summary>
    public bool IsFromAnalyzedDocument(TextSpan composed) => Map.Overlapping(composed).Any(s => s.Path == AnalyzedPath);
}

/// <summary>The composed document as the rules saw it: its parse and head model, next to the source map.</summary>
public sealed record CompositionView(ComposedDocument Composed, ParsedTemplate Syntax, Model.HeadModel Head);
