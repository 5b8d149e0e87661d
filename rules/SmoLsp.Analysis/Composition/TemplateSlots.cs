using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

internal enum TemplateSlotKind
{
    /// <summary>Jekyll/Eleventy <c>{{ content }}</c>: the page (or inner layout) the layout wraps.</summary>
    Content,

    /// <summary><c>{% include "x" %}</c> (Liquid, Django, Jinja, Nunjucks), <c>{% include_relative x %}</c>.</summary>
    Include,

    /// <summary>Go <c>{{ partial "x" . }}</c> / <c>{{ partialCached "x" . }}</c>.</summary>
    Partial,

    /// <summary>Go <c>{{ template "x" . }}</c>: a <c>define</c> of the page or its base template.</summary>
    TemplateCall,

    /// <summary><c>{% block x %}</c> or Go <c>{{ block "x" . }}</c>: the most derived definition renders here.</summary>
    Block,

    /// <summary>Go <c>{{ define "x" }}</c>: renders only where named, never in place.</summary>
    Define,

    /// <summary><c>{{ super() }}</c> (Jinja, Nunjucks) / <c>{{ block.super }}</c> (Django): the parent's block.</summary>
    Super,

    /// <summary>A front matter value of the page: <c>{{ page.title }}</c> (Jekyll), <c>{{ title }}</c> (Eleventy).</summary>
    Value,

    /// <summary>A known head generator (<c>{% seo %}</c>, Hugo's internal templates): modelled by what it writes.</summary>
    Generator,
}

/// <summary>
/// A place in a curly-brace template that renders something else. <see cref="Name"/> is the file, block, key or
/// generator; <see cref="Fallback"/> the expression after <c>or</c>/<c>default</c> for a value; <see cref="Relative"/>
/// marks Jekyll's <c>include_relative</c>.
/// </summary>
internal sealed record TemplateSlot(TemplateSlotKind Kind, TextSpan Span, string Name, TemplateBlock? Block = null, bool Relative = false, bool HasFallback = false, string Arguments = "");

/// <summary>
/// What composition needs from one Liquid, Go, Django/Jinja or Nunjucks template, read once from its parse: its slots
/// in document order (a block's slots follow the block), the template it extends, its front matter layout.
/// </summary>
internal sealed class TemplateSlots
{
    // Filters that only escape or trim: the value they print is still the front matter's text.
    private static readonly HashSet<string> s_plainFilters = new(StringComparer.Ordinal)
    {
        "escape", "e", "escape_once", "xml_escape", "safe", "strip", "trim", "strip_html", "striptags", "normalize_whitespace", "smartify",
    };

    private TemplateSlots()
    {
    }

    public IReadOnlyList<TemplateSlot> Slots { get; private set; } = [];

    /// <summary>The template named by <c>{% extends "x" %}</c>; null when none.</summary>
    public string? Extends { get; private set; }

    /// <summary>True when <c>{% extends %}</c> names its parent with an expression: which template renders is unknown.</summary>
    public bool ExtendsUnknown { get; private set; }

    /// <summary>The front matter's <c>layout:</c>; null when not set, empty for <c>layout: null/none/false</c>.</summary>
    public string? Layout { get; private set; }

    /// <summary>Go templates made only of <c>{{ define }}</c>s (Hugo's single.html, list.html): they render inside a base template.</summary>
    public bool IsDefineOnly { get; private set; }

    public bool HasExpandable { get; private set; }

    public static TemplateSlots Read(ParsedTemplate syntax)
    {
        var facts = new TemplateSlots();
        facts.ReadTags(syntax);
        return facts;
    }

    private void ReadTags(ParsedTemplate syntax)
    {
        var text = syntax.Source.Text;
        var projection = syntax.Projection;
        var slots = new List<TemplateSlot>();
        var defines = 0;
        foreach (var block in projection.Blocks)
        {
            slots.Add(new TemplateSlot(block.Kind == TemplateBlockKind.Define ? TemplateSlotKind.Define : TemplateSlotKind.Block, block.Span, block.Name, block));
            defines += block.Kind == TemplateBlockKind.Define ? 1 : 0;
        }

        foreach (var tag in projection.Tags)
        {
            var expression = text.AsSpan(tag.Expression.Start, tag.Expression.Length);
            if (Slot(tag, expression) is { } slot)
            {
                slots.Add(slot);
            }
            else if (tag.Kind == TemplateTagKind.Statement && tag.Keyword == "extends")
            {
                var name = Argument(expression["extends".Length..]);
                Extends = name.Literal;
                ExtendsUnknown = name.Literal is null;
            }
        }

        // Blocks end after the tags inside them start: order by start, the enclosing block first.
        slots.Sort(static (a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : b.Span.Length.CompareTo(a.Span.Length));
        Slots = slots;
        HasExpandable = slots.Any(s => s.Kind is not (TemplateSlotKind.Block or TemplateSlotKind.Define));
        if (projection.FrontMatter?.Get("layout") is { } layout)
        {
            Layout = layout.Text is "null" or "none" or "false" or "~" or "" ? string.Empty : layout.Text.Trim();
        }
        else if (projection.FrontMatter is { IsScript: true } && text.Contains("layout", StringComparison.Ordinal))
        {
            Layout = null; // set by code: unknown
        }

        if (defines > 0)
        {
            // Only defines and whitespace (or comments) outside them: a Hugo page template.
            var projected = projection.ProjectedText;
            var pos = 0;
            var onlyDefines = true;
            foreach (var block in projection.Blocks.Where(b => b.Kind == TemplateBlockKind.Define).OrderBy(b => b.Span.Start))
            {
                if (block.Span.Start < pos)
                {
                    continue;
                }

                if (!projected.AsSpan(pos, block.Span.Start - pos).IsWhiteSpace())
                {
                    onlyDefines = false;
                    break;
                }

                pos = block.Span.End;
            }

            IsDefineOnly = onlyDefines && projected.AsSpan(pos).IsWhiteSpace();
        }
    }

    private static TemplateSlot? Slot(TemplateTag tag, ReadOnlySpan<char> expression)
    {
        switch (tag.Kind)
        {
            case TemplateTagKind.Statement:
                switch (tag.Keyword)
                {
                    case "include" or "include_relative" or "render" or "include_cached":
                    {
                        var name = Argument(expression[tag.Keyword.Length..]);
                        return new TemplateSlot(TemplateSlotKind.Include, tag.Span, name.Literal ?? string.Empty, Relative: tag.Keyword == "include_relative", Arguments: name.Remainder);
                    }

                    case "seo" or "feed_meta":
                        return new TemplateSlot(TemplateSlotKind.Generator, tag.Span, tag.Keyword, Arguments: expression[tag.Keyword.Length..].Trim().ToString());
                }

                return null;
            case TemplateTagKind.Output:
                switch (tag.Keyword)
                {
                    case "partial" or "partialCached":
                    {
                        var name = Argument(expression[tag.Keyword.Length..]);
                        return new TemplateSlot(TemplateSlotKind.Partial, tag.Span, name.Literal ?? string.Empty);
                    }

                    case "template":
                    {
                        var name = Argument(expression["template".Length..]).Literal ?? string.Empty;
                        return name.StartsWith("_internal/", StringComparison.Ordinal)
                            ? new TemplateSlot(TemplateSlotKind.Generator, tag.Span, name)
                            : new TemplateSlot(TemplateSlotKind.TemplateCall, tag.Span, name);
                    }

                    case "":
                        break;
                    default:
                        return null;
                }

                if (IsContentExpression(expression))
                {
                    return new TemplateSlot(TemplateSlotKind.Content, tag.Span, "content");
                }

                if (expression.SequenceEqual("super()") || expression.SequenceEqual("block.super"))
                {
                    return new TemplateSlot(TemplateSlotKind.Super, tag.Span, string.Empty);
                }

                if (expression.SequenceEqual("hugo.Generator"))
                {
                    return new TemplateSlot(TemplateSlotKind.Generator, tag.Span, "hugo.Generator");
                }

                return ValueSlot(tag, expression);
            default:
                return null;
        }
    }

    /// <summary><c>content</c>, <c>content | safe</c>, <c>content | markdownify</c>: a layout's body slot.</summary>
    internal static bool IsContentExpression(ReadOnlySpan<char> expression)
    {
        if (!expression.StartsWith("content"))
        {
            return false;
        }

        var rest = expression["content".Length..].TrimStart();
        return rest.IsEmpty || rest[0] == '|';
    }

    /// <summary>
    /// <c>page.title</c> / <c>title</c> (with escaping filters, and an <c>or</c>/<c>default</c> fallback): the page's
    /// front matter value, known when the page sets it literally.
    /// </summary>
    private static TemplateSlot? ValueSlot(TemplateTag tag, ReadOnlySpan<char> expression)
    {
        var i = 0;
        while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '_' or '.'))
        {
            i++;
        }

        var name = expression[..i].ToString();
        var key = name.StartsWith("page.", StringComparison.Ordinal) ? name["page.".Length..] : name;
        if (key is not ("title" or "description" or "image" or "image.path" or "excerpt" or "subtitle"))
        {
            return null;
        }

        var rest = expression[i..].Trim();
        var fallback = false;
        if (rest.StartsWith("or "))
        {
            // "title or metadata.title": the page's title when it has one.
            fallback = true;
            var pipe = rest.IndexOf('|');
            rest = pipe < 0 ? [] : rest[pipe..];
        }

        while (!rest.IsEmpty)
        {
            if (rest[0] != '|')
            {
                return null;
            }

            rest = rest[1..].TrimStart();
            var nameEnd = 0;
            while (nameEnd < rest.Length && (char.IsLetterOrDigit(rest[nameEnd]) || rest[nameEnd] == '_'))
            {
                nameEnd++;
            }

            var filter = rest[..nameEnd].ToString();
            if (filter == "default" || filter == "d")
            {
                fallback = true;
            }
            else if (!s_plainFilters.Contains(filter))
            {
                return null;
            }

            var next = rest.IndexOf('|');
            rest = next < 0 ? [] : rest[next..];
        }

        return new TemplateSlot(TemplateSlotKind.Value, tag.Span, name, HasFallback: fallback);
    }

    /// <summary>The first argument of include/extends/partial: a quoted string, or (Jekyll) a bare file name; null for an expression.</summary>
    internal static (string? Literal, string Remainder) Argument(ReadOnlySpan<char> text)
    {
        var t = text.TrimStart();
        if (t.IsEmpty)
        {
            return (null, string.Empty);
        }

        if (t[0] is '"' or '\'' or '`')
        {
            var close = t[1..].IndexOf(t[0]);
            if (close < 0)
            {
                return (null, string.Empty);
            }

            var literal = t.Slice(1, close).ToString();
            var after = t[(close + 2)..];
            // "x" ~ y, "x" + y: a name built from an expression.
            var trimmed = after.TrimStart();
            if (!trimmed.IsEmpty && trimmed[0] is '~' or '+' or '|')
            {
                return (null, string.Empty);
            }

            return (literal, after.ToString());
        }

        var end = 0;
        while (end < t.Length && !char.IsWhiteSpace(t[end]))
        {
            end++;
        }

        var bare = t[..end];
        if (bare.Contains("{{", StringComparison.Ordinal) || bare.IndexOfAny('(', '$', '[') >= 0 || !bare.Contains('.'))
        {
            return (null, string.Empty); // a variable (Django "{% include template_name %}") or an expression
        }

        return (bare.ToString(), t[end..].ToString());
    }
}
