using System.Text;
using System.Text.RegularExpressions;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

/// <summary>A place in a template that renders something another file supplies.</summary>
internal enum SlotKind
{
    /// <summary><c>@RenderBody()</c>: the inner page's markup outside its sections.</summary>
    RenderBody,

    /// <summary><c>@RenderSection("Name")</c> / <c>@await RenderSectionAsync("Name")</c>.</summary>
    RenderSection,

    /// <summary><c>@ViewData["Key"]</c> / <c>@ViewBag.Key</c> written as the whole expression.</summary>
    ViewData,

    /// <summary><c>&lt;partial name="_X" /&gt;</c>, <c>@await Html.PartialAsync("_X")</c> inside the head.</summary>
    Partial,

    /// <summary>Blazor's <c>&lt;HeadOutlet /&gt;</c>: the winning <c>&lt;PageTitle&gt;</c> and <c>&lt;HeadContent&gt;</c>.</summary>
    HeadOutlet,

    /// <summary>Blazor's <c>&lt;Routes /&gt;</c> / <c>&lt;Router&gt;</c> in the host document: the routed layout and page.</summary>
    Routes,

    /// <summary><c>@Body</c> in a Blazor layout.</summary>
    LayoutBody,
}

/// <summary>A slot: <see cref="Span"/> is the text that the composition replaces.</summary>
internal sealed record Slot(SlotKind Kind, TextSpan Span, string Name, bool InHead);

internal enum LayoutSettingKind
{
    NotSet,

    /// <summary><c>Layout = null</c>: the page renders alone.</summary>
    None,
    Named,

    /// <summary>Set from an expression or conditionally: which layout renders is unknown.</summary>
    Unknown,
}

internal sealed record LayoutSetting(LayoutSettingKind Kind, string? Name)
{
    public static readonly LayoutSetting NotSet = new(LayoutSettingKind.NotSet, null);
}

/// <summary>
/// <c>ViewData["Key"] = ...</c> or <c>ViewBag.Key = ...</c>. <see cref="Value"/> is the string a static literal assigns
/// (<see cref="ValueSpan"/> its characters between the quotes); null when the value is an expression or the assignment
/// is conditional, i.e. unknown.
/// </summary>
internal sealed record ViewDataAssignment(string Key, string? Value, TextSpan ValueSpan);

/// <summary>
/// What composition needs to know about one template, read once from its parse: which layout it asks for, what it
/// assigns to ViewData, its sections, and its slots. Pure function of the text, so it is cached by (path, text).
/// </summary>
internal sealed partial class TemplateFacts
{
    private TemplateFacts(TemplateDocument document, ParsedTemplate syntax)
    {
        Document = document;
        Syntax = syntax;
    }

    public TemplateDocument Document { get; }

    public string Path => Document.Path;

    public string Text => Document.Text;

    public ParsedTemplate Syntax { get; }

    public TemplateLanguage Language => Syntax.Language;

    public IReadOnlyList<Slot> Slots { get; private set; } = [];

    public LayoutSetting Layout { get; private set; } = LayoutSetting.NotSet;

    public IReadOnlyList<ViewDataAssignment> ViewData { get; private set; } = [];

    public IReadOnlyList<RazorSection> Sections => Syntax.Projection.Sections;

    public HtmlElement? Html { get; private set; }

    public HtmlElement? Head { get; private set; }

    public HtmlElement? BodyElement { get; private set; }

    /// <summary>A whole document of its own: an <c>&lt;html&gt;</c> or <c>&lt;head&gt;</c> element.</summary>
    public bool IsDocument => Html is not null || Head is not null;

    /// <summary>Renders an inner page: <c>@RenderBody()</c> (MVC) or <c>@Body</c> (Blazor).</summary>
    public bool IsLayout { get; private set; }

    public bool HasPageDirective { get; private set; }

    /// <summary>The type named by a Blazor <c>@layout</c> directive.</summary>
    public string? LayoutDirective { get; private set; }

    /// <summary>Blazor <c>&lt;PageTitle&gt;</c> elements, in document order.</summary>
    public IReadOnlyList<HtmlElement> PageTitles { get; private set; } = [];

    /// <summary>Blazor <c>&lt;HeadContent&gt;</c> elements, in document order.</summary>
    public IReadOnlyList<HtmlElement> HeadContents { get; private set; } = [];

    /// <summary>The type a Blazor router's <c>DefaultLayout="typeof(X)"</c> names, when this file holds the router.</summary>
    public string? DefaultLayout { get; private set; }

    /// <summary>The file's indentation unit (for fixes written into it), computed once.</summary>
    public string IndentUnit => _indentUnit ??= Fixes.HeadInsertion.IndentUnit(Text);

    private string? _indentUnit;

    /// <summary>The composition facts of a Liquid, Go, Django/Jinja or Nunjucks template, read once.</summary>
    public TemplateSlots Template => _template ??= TemplateSlots.Read(Syntax);

    private TemplateSlots? _template;

    /// <summary>
    /// True when <paramref name="offset"/> is markup inside this file's <c>&lt;head&gt;</c> (see <see cref="IsMarkup"/>), or,
    /// when it writes no <c>&lt;head&gt;</c> element, before its <c>&lt;body&gt;</c> (minima's <c>{% include head.html %}</c>).
    /// </summary>
    public bool IsHeadMarkup(int offset) =>
        (Head is { } head ? head.Span.Contains(offset) : BodyElement is { } body && offset < body.StartTagSpan.Start) && IsMarkup(offset);

    /// <summary>
    /// True when <paramref name="offset"/> is where elements go: not inside a start tag, a title, a script, a style or a
    /// textarea, where a template tag writes a value (an include there is text, not markup of the page).
    /// </summary>
    public bool IsMarkup(int offset)
    {
        var ranges = _valueRanges ??= ValueRanges();
        int lo = 0, hi = ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else if (ranges[mid].Start > offset)
            {
                hi = mid - 1;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private List<TextSpan>? _valueRanges;

    private List<TextSpan> ValueRanges()
    {
        var ranges = new List<TextSpan>();
        foreach (var e in Syntax.Elements)
        {
            ranges.Add(e.StartTagSpan);
            if (e.Name is "title" or "script" or "style" or "textarea" && !e.ContentSpan.IsEmpty)
            {
                ranges.Add(e.ContentSpan);
            }
        }

        return ranges;
    }

    /// <summary>True when the code mentions RenderSection in a form no slot recognised (a variable name, a code block).</summary>
    public bool HasUnrecognisedRenderSection { get; private set; }

    public static TemplateFacts Create(TemplateDocument document, ParsedTemplate? syntax = null)
    {
        var facts = new TemplateFacts(document, syntax ?? ParsedTemplate.Parse(document.Text, document.Language));
        facts.Read();
        return facts;
    }

    private void Read()
    {
        var pageTitles = new List<HtmlElement>();
        var headContents = new List<HtmlElement>();
        var slots = new List<Slot>();
        var isRazor = Language.IsRazor();
        foreach (var e in Syntax.Elements)
        {
            switch (e.Name)
            {
                case "html":
                    Html ??= e;
                    break;
                case "head":
                    Head ??= e;
                    break;
                case "body":
                    BodyElement ??= e;
                    break;
            }

            if (!isRazor)
            {
                continue;
            }

            switch (e.SourceName)
            {
                case "PageTitle":
                    pageTitles.Add(e);
                    break;
                case "HeadContent":
                    headContents.Add(e);
                    break;
                case "HeadOutlet":
                    slots.Add(new Slot(SlotKind.HeadOutlet, e.Span, string.Empty, InHead(e.StartTagSpan.Start)));
                    break;
                case "Routes" or "Router":
                    slots.Add(new Slot(SlotKind.Routes, e.Span, string.Empty, false));
                    break;
                case "RouteView" or "AuthorizeRouteView":
                    if (e.GetAttribute("defaultlayout") is { ValueSpan: { } v } && TypeOfPattern().Match(Syntax.Source[v]) is { Success: true } m)
                    {
                        DefaultLayout = m.Groups["t"].Value;
                    }

                    break;
            }

            if (e.Name == "component" && e.GetAttribute("type") is { ValueSpan: { } typeSpan })
            {
                // Blazor Server before .NET 8 hosts components from Razor Pages: <component type="typeof(HeadOutlet)" />.
                var type = Syntax.Source[typeSpan];
                if (type.Contains("HeadOutlet", StringComparison.Ordinal))
                {
                    slots.Add(new Slot(SlotKind.HeadOutlet, e.Span, string.Empty, InHead(e.StartTagSpan.Start)));
                }
                else if (TypeOfPattern().Match(type) is { Success: true } app && app.Groups["t"].Value.EndsWith("App", StringComparison.Ordinal))
                {
                    slots.Add(new Slot(SlotKind.Routes, e.Span, string.Empty, false));
                }
            }
            else if (e.Name == "partial" && InHead(e.StartTagSpan.Start) && e.GetAttributeValue("name") is { IsStatic: true } partialName)
            {
                slots.Add(new Slot(SlotKind.Partial, e.Span, partialName.Text.Trim(), true));
            }
        }

        PageTitles = pageTitles;
        HeadContents = headContents;
        foreach (var d in Syntax.Projection.Directives)
        {
            if (d.Name == "page")
            {
                HasPageDirective = true;
            }
            else if (d.Name == "layout" && d.Value.Length > 0)
            {
                LayoutDirective = d.Value.Trim().TrimEnd(';');
            }
        }

        if (isRazor)
        {
            ReadCode(slots);
        }

        slots.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        var disjoint = new List<Slot>(slots.Count);
        foreach (var s in slots)
        {
            // A slot inside another (a partial inside a Router's markup) is rendered, or not, by the outer one.
            if (disjoint.Count == 0 || s.Span.Start >= disjoint[^1].Span.End)
            {
                disjoint.Add(s);
            }
        }

        Slots = disjoint;
        IsLayout = disjoint.Any(s => s.Kind is SlotKind.RenderBody or SlotKind.LayoutBody);
    }

    private bool InHead(int offset) => Head is { } h && h.Span.Contains(offset);

    private void ReadCode(List<Slot> slots)
    {
        var text = Text;
        var viewData = new List<ViewDataAssignment>();
        var layout = LayoutSetting.NotSet;
        foreach (var code in Syntax.Projection.CodeSpans)
        {
            var segment = text.AsSpan(code.Start, code.Length);
            if (segment.IndexOf('@') >= 0)
            {
                ReadTransitions(code, slots);
            }

            if (Language == TemplateLanguage.Cshtml && segment.Contains("Layout", StringComparison.Ordinal))
            {
                for (var m = LayoutAssignmentPattern().Match(text, code.Start, code.Length); m.Success; m = m.NextMatch())
                {
                    layout = ReadLayoutAssignment(m.Index + m.Length, code.End, IsConditional(m.Index));
                }
            }

            if (segment.Contains("ViewData", StringComparison.Ordinal) || segment.Contains("ViewBag", StringComparison.Ordinal))
            {
                for (var m = ViewDataAssignmentPattern().Match(text, code.Start, code.Length); m.Success; m = m.NextMatch())
                {
                    var key = m.Groups["k"].Value;
                    var literal = IsConditional(m.Index) ? null : CSharpLiteral.Read(text, SkipSpaces(m.Index + m.Length, code.End), code.End);
                    var known = literal is not null && FollowedBySemicolon(literal.Value.End, code.End);
                    viewData.Add(known
                        ? new ViewDataAssignment(key, literal!.Value.Value, literal.Value.ContentSpan)
                        : new ViewDataAssignment(key, null, new TextSpan(m.Index, m.Length)));
                }
            }

            if (segment.Contains("RenderSection", StringComparison.Ordinal)
                && !slots.Any(s => s.Kind == SlotKind.RenderSection && code.Contains(s.Span)))
            {
                HasUnrecognisedRenderSection = true;
            }
        }

        Layout = layout;
        ViewData = viewData;
    }

    private bool IsConditional(int offset) => Syntax.Projection.Branches.Any(b => b.Body.Contains(offset));

    private LayoutSetting ReadLayoutAssignment(int afterEquals, int end, bool conditional)
    {
        var text = Text;
        var at = SkipSpaces(afterEquals, end);
        if (conditional)
        {
            return new LayoutSetting(LayoutSettingKind.Unknown, null);
        }

        if (string.CompareOrdinal(text, at, "null", 0, 4) == 0 && FollowedBySemicolon(at + 4, end))
        {
            return new LayoutSetting(LayoutSettingKind.None, null);
        }

        if (CSharpLiteral.Read(text, at, end) is { } literal && FollowedBySemicolon(literal.End, end))
        {
            return literal.Value.Trim().Length == 0
                ? new LayoutSetting(LayoutSettingKind.None, null)
                : new LayoutSetting(LayoutSettingKind.Named, literal.Value.Trim());
        }

        return new LayoutSetting(LayoutSettingKind.Unknown, null);
    }

    private int SkipSpaces(int i, int end)
    {
        while (i < end && char.IsWhiteSpace(Text[i]))
        {
            i++;
        }

        return i;
    }

    private bool FollowedBySemicolon(int i, int end)
    {
        i = SkipSpaces(i, end);
        return i < end && Text[i] == ';';
    }

    /// <summary>Finds RenderBody/RenderSection/partial calls, ViewData outputs and <c>@Body</c> written as transitions in one code span.</summary>
    private void ReadTransitions(TextSpan code, List<Slot> slots)
    {
        var text = Text;
        for (var i = code.Start; i < code.End; i++)
        {
            if (text[i] != '@' || (i > 0 && text[i - 1] == '@'))
            {
                continue;
            }

            var at = i;
            var j = i + 1;
            var parenthesised = j < code.End && text[j] == '(';
            if (parenthesised)
            {
                j = SkipSpaces(j + 1, code.End);
            }

            if (string.CompareOrdinal(text, j, "await", 0, 5) == 0 && j + 5 < code.End && char.IsWhiteSpace(text[j + 5]))
            {
                j = SkipSpaces(j + 5, code.End);
            }

            var call = CallPattern().Match(text, j, code.End - j);
            if (call.Success && call.Index == j)
            {
                var open = call.Index + call.Length - 1;
                var close = CSharpLiteral.SkipBalanced(text, open, code.End);
                if (close < 0)
                {
                    continue;
                }

                var end = parenthesised ? ClosingParen(close, code.End) : close;
                if (end < 0)
                {
                    continue;
                }

                var name = call.Groups["name"].Value;
                var firstArgument = CSharpLiteral.Read(text, SkipSpaces(open + 1, close), close);
                var span = TextSpan.FromBounds(at, end);
                var inHead = InHead(at);
                if (name == "RenderBody")
                {
                    slots.Add(new Slot(SlotKind.RenderBody, span, string.Empty, inHead));
                }
                else if (name.StartsWith("RenderSection", StringComparison.Ordinal) && firstArgument is { } section)
                {
                    slots.Add(new Slot(SlotKind.RenderSection, span, section.Value, inHead));
                }
                else if (name.StartsWith("Html", StringComparison.Ordinal) && inHead && firstArgument is { } partial)
                {
                    slots.Add(new Slot(SlotKind.Partial, span, partial.Value, inHead));
                }

                i = end - 1;
                continue;
            }

            var data = ViewDataUsePattern().Match(text, j, code.End - j);
            if (data.Success && data.Index == j)
            {
                var end = data.Index + data.Length;
                end = parenthesised ? ClosingParen(end, code.End) : end;

                // "@ViewData["Title"].ToString()" or "@ViewBag.Title?.Trim()" is another expression: its value is unknown.
                if (end > 0 && (parenthesised || end >= code.End || !IsContinuation(text[end])))
                {
                    slots.Add(new Slot(SlotKind.ViewData, TextSpan.FromBounds(at, end), data.Groups["k"].Value, InHead(at)));
                    i = end - 1;
                }

                continue;
            }

            if (Language == TemplateLanguage.Razor && !parenthesised && string.CompareOrdinal(text, j, "Body", 0, 4) == 0
                && (j + 4 >= code.End || !IsContinuation(text[j + 4])))
            {
                slots.Add(new Slot(SlotKind.LayoutBody, TextSpan.FromBounds(at, j + 4), string.Empty, InHead(at)));
            }
        }
    }

    private static bool IsContinuation(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '[' or '(' or '?' or '!';

    private int ClosingParen(int i, int end)
    {
        i = SkipSpaces(i, end);
        return i < end && Text[i] == ')' ? i + 1 : -1;
    }

    // Layout = ..., not ViewBag.Layout, Model.Layout or Layout == x.
    [GeneratedRegex(@"(?<![\w.])Layout\s*=(?!=)")]
    private static partial Regex LayoutAssignmentPattern();

    [GeneratedRegex(@"(?<![\w.])(?:ViewData\s*\[\s*""(?<k>[^""\\]+)""\s*\]|ViewBag\s*\.\s*(?<k>[A-Za-z_]\w*))\s*=(?!=)")]
    private static partial Regex ViewDataAssignmentPattern();

    [GeneratedRegex(@"(?:ViewData\s*\[\s*""(?<k>[^""\\]+)""\s*\]|ViewBag\s*\.\s*(?<k>[A-Za-z_]\w*))")]
    private static partial Regex ViewDataUsePattern();

    [GeneratedRegex(@"(?<name>RenderBody|RenderSectionAsync|RenderSection|Html\s*\.\s*PartialAsync|Html\s*\.\s*Partial)\s*\(")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"typeof\s*\(\s*(?<t>[\w.]+)\s*\)")]
    private static partial Regex TypeOfPattern();
}

/// <summary>Reads C# string literals and skips balanced parentheses, as far as composition needs to.</summary>
internal static class CSharpLiteral
{
    public readonly record struct Literal(string Value, TextSpan ContentSpan, int End);

    /// <summary>A regular (<c>"a\"b"</c>) or verbatim (<c>@"a""b"</c>) literal starting at <paramref name="at"/>; null for anything else.</summary>
    public static Literal? Read(string text, int at, int end)
    {
        if (at >= end)
        {
            return null;
        }

        var verbatim = text[at] == '@' && at + 1 < end && text[at + 1] == '"';
        var start = verbatim ? at + 2 : at + 1;
        if (!verbatim && text[at] != '"')
        {
            return null;
        }

        var sb = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (verbatim && i + 1 < end && text[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                    continue;
                }

                return new Literal(sb.ToString(), TextSpan.FromBounds(start, i), i + 1);
            }

            if (c == '\\' && !verbatim)
            {
                if (i + 1 >= end)
                {
                    return null;
                }

                var e = text[++i];
                switch (e)
                {
                    case 'n':
                        sb.Append('\n');
                        break;
                    case 't':
                        sb.Append('\t');
                        break;
                    case 'r':
                        sb.Append('\r');
                        break;
                    case '0':
                        sb.Append('\0');
                        break;
                    case 'u' when i + 4 < end && int.TryParse(text.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                        sb.Append((char)code);
                        i += 4;
                        break;
                    default:
                        sb.Append(e);
                        break;
                }

                continue;
            }

            if (c is '\n' or '\r' && !verbatim)
            {
                return null;
            }

            sb.Append(c);
        }

        return null;
    }

    /// <summary>From an opening parenthesis to just after its match, skipping strings; -1 when unbalanced before <paramref name="end"/>.</summary>
    public static int SkipBalanced(string text, int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            var c = text[i];
            if (c == '"' || (c == '@' && i + 1 < end && text[i + 1] == '"'))
            {
                if (Read(text, i, end) is not { } literal)
                {
                    return -1;
                }

                i = literal.End - 1;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i + 1;
            }
        }

        return -1;
    }
}
