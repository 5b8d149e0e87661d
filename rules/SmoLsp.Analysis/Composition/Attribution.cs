using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

/// <summary>
/// Maps what the rules reported on a composed document back to files, so each finding lands in one place:
/// <list type="bullet">
/// <item>A finding on the page's own text (a tag in its section, the ViewData literal that became the title) stays on
/// the page, at the page's characters.</item>
/// <item>A finding on another file's text is that file's: dropped here, because that file reports it when analyzed
/// itself. Only when that file's own analysis does not show it (composition caused it: the page's copy of a tag came
/// first) is it reported on the page, at the page's part of it.</item>
/// <item>A missing-tag finding on the composed head is dropped when a layout reports it itself; otherwise, for rules
/// whose tag differs per page (<see cref="HeadResponsibility.Page"/>) and a layout that lets the page add head content,
/// it is reported on the page with the layout's slot as related information and its fix moved into the page's section
/// or HeadContent.</item>
/// </list>
/// </summary>
internal sealed class Attribution
{
    private readonly ComposedDocument _composed;
    private readonly HeadModel _head;
    private readonly TemplateFacts _page;
    private readonly Func<string, OwnFindings> _ownFindings;
    private readonly TextSpan? _anchor;
    private readonly FilledSlot? _pageSlot;

    public Attribution(ComposedDocument composed, HeadModel composedHead, TemplateFacts page, Func<string, OwnFindings> ownFindings)
    {
        _composed = composed;
        _head = composedHead;
        _page = page;
        // One lookup per file and analysis: each lookup asks the workspace whether the file changed.
        var memo = new Dictionary<string, OwnFindings>(StringComparer.Ordinal);
        _ownFindings = path => memo.TryGetValue(path, out var found) ? found : memo[path] = ownFindings(path);
        _anchor = composedHead.IsFragment ? null : HeadInsertion.DocumentAnchor(composedHead);
        if (composedHead.Head is { } h)
        {
            _pageSlot = composed.Slots.FirstOrDefault(s => s.FillerPath == composed.AnalyzedPath && h.Span.Contains(s.Composed.Start));
        }
    }

    /// <summary>Where this page's page-level findings sit (its head section, HeadContent, @page line...), or null when it has no head slot.</summary>
    public TextSpan? PageAnchor => _pageSlot is { } slot ? PageHeadInsertion.Anchor(_page, slot) : null;

    private string PagePath => _composed.AnalyzedPath;

    private SourceMap Map => _composed.Map;

    /// <summary>The page's diagnostics, and the ids of those that are missing-tag findings on its (composed) head.</summary>
    public (List<Diagnostic> Diagnostics, HashSet<string> DocumentLevelIds) Apply(IReadOnlyList<Diagnostic> raw)
    {
        var kept = new List<Diagnostic>(raw.Count);
        var documentLevel = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in raw)
        {
            if (d.Id == EngineRules.RuleFailure.Id)
            {
                kept.Add(d with { Span = new TextSpan(0, 0), Fixes = [], RelatedLocations = [] });
                continue;
            }

            var isDocumentLevel = _anchor is { } anchor && d.Span == anchor;
            var mapped = isDocumentLevel ? MapDocumentLevel(d) : MapLocated(d);
            if (mapped is not null)
            {
                kept.Add(mapped);
                if (isDocumentLevel)
                {
                    documentLevel.Add(d.Id);
                }
            }
        }

        return (kept, documentLevel);
    }

    private Diagnostic? MapLocated(Diagnostic d)
    {
        var segments = Map.Overlapping(d.Span).ToList();

        // What a known generator writes is the generator's business: nobody in the site can change it.
        if (segments.Count == 0 || segments.Any(s => s.Kind == SegmentKind.Generated))
        {
            return null;
        }

        if (segments.FirstOrDefault(s => s.Path == PagePath) is { } onPage)
        {
            return Keep(d, onPage.ToOrigin(Intersect(d.Span, onPage.Composed)));
        }

        var other = segments[0];
        var otherSpan = other.ToOrigin(Intersect(d.Span, other.Composed));
        if (_ownFindings(other.Path).Located.Contains((d.Id, otherSpan)))
        {
            return null;
        }

        // In an include: the file that renders it (the page, or a layout that reports it itself) answers for it.
        if (OutermostExpansion(d.Span.Start) is { } expansion)
        {
            if (expansion.CallerPath == PagePath)
            {
                var included = new List<RelatedLocation> { new(other.Path, otherSpan, "in " + TemplatePath.FileName(other.Path) + ", which this page includes here") };
                included.AddRange(MapRelated(d.RelatedLocations));
                return d with { Span = expansion.CallSpan, RelatedLocations = included, Fixes = MapFixes(d.Fixes) };
            }

            if (_ownFindings(expansion.CallerPath).Located.Contains((d.Id, expansion.CallSpan)))
            {
                return null;
            }
        }

        // Composition made it (the page's tag and the layout's collide): say so on the page, pointing at the other file.
        var pageRelated = d.RelatedLocations
            .Where(r => r.DocumentPath is null)
            .Select(r => Map.Overlapping(r.Span).FirstOrDefault(s => s.Path == PagePath) is { } s ? s.ToOrigin(Intersect(r.Span, s.Composed)) : (TextSpan?)null)
            .FirstOrDefault(s => s is not null);
        var anchor = pageRelated ?? (_pageSlot is { } slot ? PageHeadInsertion.Anchor(_page, slot) : (TextSpan?)null);
        if (anchor is null)
        {
            return null;
        }

        var related = new List<RelatedLocation> { new(other.Path, otherSpan, "reported here, in " + TemplatePath.FileName(other.Path) + ", because of this page") };
        related.AddRange(MapRelated(d.RelatedLocations).Where(r => !(r.DocumentPath is null && r.Span == anchor.Value)));
        return d with { Span = anchor.Value, RelatedLocations = related, Fixes = MapFixes(d.Fixes) };
    }

    private Diagnostic? MapDocumentLevel(Diagnostic d)
    {
        var anchorSegment = Map.SegmentAt(d.Span.Start);
        if (anchorSegment is null)
        {
            return null;
        }

        if (anchorSegment.Path == PagePath)
        {
            // The page is the document (its head partials were expanded): the finding is its own.
            return Keep(d, anchorSegment.ToOrigin(d.Span));
        }

        // The <head> is in an include the page renders itself (minima's {% include head.html %}): the page is the
        // document, so it reports it where it includes the head; fixes write into the include.
        if (OutermostExpansion(d.Span.Start) is { } expansion && expansion.CallerPath == PagePath)
        {
            var inInclude = new List<RelatedLocation> { new(anchorSegment.Path, anchorSegment.ToOrigin(d.Span), "the <head> is in " + TemplatePath.FileName(anchorSegment.Path)) };
            inInclude.AddRange(MapRelated(d.RelatedLocations));
            return d with { Span = expansion.CallSpan, RelatedLocations = inInclude, Fixes = MapFixes(d.Fixes) };
        }

        foreach (var file in _composed.Files)
        {
            if (file.Role is CompositionRole.Layout or CompositionRole.Host or CompositionRole.Partial
                && _ownFindings(file.Path).DocumentLevelIds.Contains(d.Id))
            {
                return null; // the layout reports it, once
            }
        }

        if (d.Descriptor.Responsibility != HeadResponsibility.Page || _pageSlot is not { } slot)
        {
            return null;
        }

        var span = PageHeadInsertion.Anchor(_page, slot);
        var message = slot.IsHeadOutlet
            ? "the page's <PageTitle> and <HeadContent> render here"
            : $"{TemplatePath.FileName(slot.SlotPath)} renders this page's @section {slot.Name} here";
        var related = new List<RelatedLocation> { new(slot.SlotPath, slot.SlotSpan, message) };
        related.AddRange(MapRelated(d.RelatedLocations));
        var fixes = d.Fixes.Select(f => RehomeFix(f, slot)).Where(f => f is not null).Select(f => f!).ToList();
        return d with { Span = span, RelatedLocations = related, Fixes = fixes };
    }

    /// <summary>The include expansion holding a composed offset that a layout or the page itself rendered (the outermost).</summary>
    private Expansion? OutermostExpansion(int offset)
    {
        Expansion? best = null;
        foreach (var e in _composed.Expansions)
        {
            if (e.Composed.Start <= offset && offset < e.Composed.End && (best is null || e.Composed.Length > best.Composed.Length))
            {
                best = e;
            }
        }

        return best;
    }

    private Diagnostic Keep(Diagnostic d, TextSpan span) =>
        d with { Span = span, RelatedLocations = MapRelated(d.RelatedLocations), Fixes = MapFixes(d.Fixes) };

    private static TextSpan Intersect(TextSpan a, TextSpan b)
    {
        if (a.IsEmpty)
        {
            return a;
        }

        var start = Math.Max(a.Start, b.Start);
        return TextSpan.FromBounds(start, Math.Max(start, Math.Min(a.End, b.End)));
    }

    private List<RelatedLocation> MapRelated(IReadOnlyList<RelatedLocation> related)
    {
        var list = new List<RelatedLocation>(related.Count);
        foreach (var r in related)
        {
            if (r.DocumentPath is not null)
            {
                list.Add(r);
                continue;
            }

            var segment = Map.Overlapping(r.Span).FirstOrDefault(s => s.Path == PagePath) ?? Map.Overlapping(r.Span).FirstOrDefault();
            if (segment is not null)
            {
                var span = segment.ToOrigin(Intersect(r.Span, segment.Composed));
                list.Add(r with { DocumentPath = segment.Path == PagePath ? null : segment.Path, Span = span });
            }
        }

        return list;
    }

    /// <summary>Fixes whose every edit maps to one verbatim piece of some file; an edit straddling files drops its fix.</summary>
    private List<CodeFix> MapFixes(IReadOnlyList<CodeFix> fixes)
    {
        var list = new List<CodeFix>(fixes.Count);
        foreach (var fix in fixes)
        {
            if (MapEdits(fix.Edits) is { } edits)
            {
                list.Add(fix with { Edits = edits });
            }
        }

        return list;
    }

    private List<TextEdit>? MapEdits(IReadOnlyList<TextEdit> edits)
    {
        var mapped = new List<TextEdit>(edits.Count);
        foreach (var e in edits)
        {
            if (e.DocumentPath is not null)
            {
                mapped.Add(e);
                continue;
            }

            if (!Map.TryMapExact(e.Span, out var segment, out var origin, preferPreceding: e.Span.IsEmpty && e.NewText.Length > 0 && e.NewText[0] is '\r' or '\n'))
            {
                return null;
            }

            mapped.Add(e with { Span = origin, DocumentPath = segment.Path == PagePath ? null : segment.Path });
        }

        return mapped;
    }

    /// <summary>
    /// A missing-tag fix written for the composed head (an insertion into the layout's head) moved into the page: its
    /// lines go into the page's section or HeadContent. Razor code copied from another file stays safe only when it means
    /// the same in the page (ViewData and ViewBag are shared by the page and its layouts).
    /// </summary>
    private CodeFix? RehomeFix(CodeFix fix, FilledSlot slot)
    {
        if (MapEdits(fix.Edits) is { } direct && direct.All(e => e.DocumentPath is null))
        {
            return fix with { Edits = direct };
        }

        if (fix.Edits.Any(e => !e.Span.IsEmpty || e.DocumentPath is not null))
        {
            return null;
        }

        var lines = fix.Edits
            .SelectMany(e => e.NewText.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var safety = fix.Safety;
        if (lines.Any(l => !CodeIsValidInPage(l)))
        {
            safety = FixSafety.Suggestion;
        }

        IReadOnlyList<TextEdit> edits;
        string where;
        if (slot.IsHeadOutlet)
        {
            var titles = lines.Where(l => l.StartsWith("<title", StringComparison.OrdinalIgnoreCase)).ToList();
            edits = PageHeadInsertion.IntoHeadContent(_page, lines.Except(titles).ToList(), titles);
            where = titles.Count > 0 ? "<PageTitle>" : "<HeadContent>";

            // A page's HeadContent replaces a layout's (the last rendered wins): creating one drops the layout's tags.
            if (titles.Count < lines.Count && _page.HeadContents.Count == 0 && LayoutHasHeadContent())
            {
                safety = FixSafety.Suggestion;
                where += ", which replaces the layout's <HeadContent>";
            }
        }
        else if (_composed.Kind == CompositionKind.Template)
        {
            edits = PageHeadInsertion.IntoTemplateBlock(_page, slot.Name, lines);
            where = "block " + slot.Name;
        }
        else
        {
            edits = PageHeadInsertion.IntoSection(_page, slot.Name, lines);
            where = "@section " + slot.Name;
        }

        return edits.Count == 0 ? null : new CodeFix($"{fix.Title} (in {where})", safety, edits);
    }

    private bool LayoutHasHeadContent() =>
        _composed.Files.Any(f => f.Role == CompositionRole.Layout && f.Path != PagePath
            && Map.Segments.Any(s => s.Path == f.Path && _head.HeadContents.Any(h => h.Span.Contains(s.Composed.Start))));

    private bool CodeIsValidInPage(string markup)
    {
        // A child template renders in its parent's context: {{ page.title }} means the same in both.
        if (!_page.Language.IsRazor())
        {
            return true;
        }

        var at = markup.IndexOf('@');
        while (at >= 0)
        {
            if (at + 1 < markup.Length && markup[at + 1] == '@')
            {
                at = markup.IndexOf('@', at + 2);
                continue;
            }

            var end = ExpressionEnd(markup, at + 1);
            var expression = markup[at..end];
            var shared = _composed.Kind == CompositionKind.Mvc
                && (expression.StartsWith("@ViewData", StringComparison.Ordinal) || expression.StartsWith("@ViewBag", StringComparison.Ordinal));
            if (!shared && !_page.Text.Contains(expression, StringComparison.Ordinal))
            {
                return false;
            }

            at = end < markup.Length ? markup.IndexOf('@', end) : -1;
        }

        return true;
    }

    /// <summary>The end of a Razor implicit expression: identifiers, dots, and balanced brackets (strings inside them included).</summary>
    private static int ExpressionEnd(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c is '_' or '.')
            {
                i++;
            }
            else if (c is '[' or '(')
            {
                var close = c == '[' ? ']' : ')';
                var depth = 0;
                var inString = false;
                for (; i < text.Length; i++)
                {
                    if (text[i] == '"')
                    {
                        inString = !inString;
                    }
                    else if (!inString && text[i] == c)
                    {
                        depth++;
                    }
                    else if (!inString && text[i] == close && --depth == 0)
                    {
                        i++;
                        break;
                    }
                }
            }
            else
            {
                break;
            }
        }

        return Math.Min(i, text.Length);
    }
}
