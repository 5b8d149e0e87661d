using System.Text;
using SmoLsp.Analysis.Fixes;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Composition;

/// <summary>
/// Writes head tags into the page that must supply them: inside its <c>@section Name { }</c> (created after the page's
/// leading directives and code block when missing), or its Blazor <c>&lt;HeadContent&gt;</c> (created when missing) with
/// titles as <c>&lt;PageTitle&gt;</c>. Uses the page's own indentation and line endings. An edit that creates a
/// container replaces the line break it follows rather than inserting at it, so two such fixes conflict and fix-all
/// applies one per pass instead of creating the section twice.
/// </summary>
internal static class PageHeadInsertion
{
    public static IReadOnlyList<TextEdit> IntoSection(TemplateFacts page, string sectionName, IReadOnlyList<string> lines)
    {
        var source = page.Syntax.Source;
        var newLine = source.Lines.NewLine;
        var unit = page.IndentUnit;
        var section = page.Sections.LastOrDefault(s => s.Name.Equals(sectionName, StringComparison.OrdinalIgnoreCase));
        if (section is not null)
        {
            var close = section.Body.End;
            if (close >= page.Text.Length || page.Text[close] != '}')
            {
                return [];
            }

            var indent = FirstContentIndent(source, section.Body) ?? source.GetIndentation(section.Span.Start) + unit;
            return [BeforeClosing(source, close, indent, lines)];
        }

        var sb = new StringBuilder();
        sb.Append("@section ").Append(sectionName).Append(" {").Append(newLine);
        foreach (var line in lines)
        {
            sb.Append(unit).Append(line).Append(newLine);
        }

        sb.Append('}');
        return [AfterPreamble(page, sb.ToString())];
    }

    /// <summary>
    /// A child template (Django/Jinja/Nunjucks <c>{% block %}</c>, Hugo <c>{{ define }}</c>): the lines go before the end
    /// of the page's block of that name; when it has none, the block is added at the end of the page.
    /// </summary>
    public static IReadOnlyList<TextEdit> IntoTemplateBlock(TemplateFacts page, string blockName, IReadOnlyList<string> lines)
    {
        var source = page.Syntax.Source;
        var newLine = source.Lines.NewLine;
        var unit = page.IndentUnit;
        var block = page.Syntax.Projection.Blocks.FirstOrDefault(b => b.Name == blockName);
        if (block is not null)
        {
            var indent = FirstContentIndent(source, block.Body) ?? source.GetIndentation(block.Span.Start) + unit;
            return [BeforeClosing(source, block.Body.End, indent, lines)];
        }

        var go = page.Syntax.Projection.Blocks.Any(b => b.Kind == TemplateBlockKind.Define);
        var sb = new StringBuilder();
        var text = page.Text;
        sb.Append(text.Length == 0 || text[^1] is '\n' or '\r' ? newLine : newLine + newLine);
        sb.Append(go ? $"{{{{ define \"{blockName}\" }}}}" : $"{{% block {blockName} %}}").Append(newLine);
        foreach (var line in lines)
        {
            sb.Append(unit).Append(line).Append(newLine);
        }

        sb.Append(go ? "{{ end }}" : "{% endblock %}").Append(newLine);
        return [TextEdit.Insert(text.Length, sb.ToString())];
    }

    /// <summary>
    /// Blazor: <paramref name="titleLines"/> (<c>&lt;title&gt;</c>s) become <c>&lt;PageTitle&gt;</c> lines after the
    /// preamble; <paramref name="headLines"/> go into the page's last <c>&lt;HeadContent&gt;</c>, created when missing.
    /// </summary>
    public static IReadOnlyList<TextEdit> IntoHeadContent(TemplateFacts page, IReadOnlyList<string> headLines, IReadOnlyList<string> titleLines)
    {
        var source = page.Syntax.Source;
        var newLine = source.Lines.NewLine;
        var unit = page.IndentUnit;
        var edits = new List<TextEdit>();
        if (titleLines.Count > 0)
        {
            if (page.PageTitles.Count > 0)
            {
                return [];
            }

            edits.Add(AfterPreamble(page, string.Join(newLine, titleLines.Select(ToPageTitle))));
        }

        if (headLines.Count == 0)
        {
            return edits;
        }

        if (page.HeadContents.Count > 0)
        {
            var head = page.HeadContents[^1];
            if (head.EndTagSpan is not { } endTag)
            {
                return [];
            }

            var indent = FirstContentIndent(source, head.ContentSpan) ?? source.GetIndentation(head.StartTagSpan.Start) + unit;
            edits.Add(BeforeClosing(source, endTag.Start, indent, headLines));
            return edits;
        }

        var sb = new StringBuilder("<HeadContent>").Append(newLine);
        foreach (var line in headLines)
        {
            sb.Append(unit).Append(line).Append(newLine);
        }

        sb.Append("</HeadContent>");

        // Next to the page's title when it has one on a line of its own, else after the directives.
        if (titleLines.Count == 0 && page.PageTitles.Count > 0 && LineBreakAfter(source, page.PageTitles[^1].Span.End) is { } afterTitle)
        {
            edits.Add(new TextEdit(afterTitle, afterTitle.Length == 0 ? newLine + newLine + sb + newLine : source[afterTitle] + newLine + sb + source[afterTitle]));
        }
        else
        {
            edits.Add(AfterPreamble(page, sb.ToString()));
        }

        return edits;
    }

    private static string ToPageTitle(string titleMarkup)
    {
        var open = titleMarkup.IndexOf('>');
        var close = titleMarkup.LastIndexOf("</", StringComparison.Ordinal);
        var inner = open >= 0 && close > open ? titleMarkup[(open + 1)..close] : titleMarkup;
        return "<PageTitle>" + inner + "</PageTitle>";
    }

    /// <summary>
    /// Where a diagnostic about the page's head is shown: the page's section header, its <c>&lt;HeadContent&gt;</c> or
    /// <c>&lt;PageTitle&gt;</c>, else its first line (the <c>@page</c> directive or the code block that sets the title).
    /// </summary>
    public static TextSpan Anchor(TemplateFacts page, FilledSlot slot)
    {
        if (!slot.IsHeadOutlet && page.Sections.LastOrDefault(s => s.Name.Equals(slot.Name, StringComparison.OrdinalIgnoreCase)) is { } section)
        {
            return TextSpan.FromBounds(section.Span.Start, TrimEnd(page.Text, section.Span.Start, section.Body.Start - 1));
        }

        if (!slot.IsHeadOutlet && page.Syntax.Projection.Blocks.FirstOrDefault(b => b.Name == slot.Name) is { } block)
        {
            return TextSpan.FromBounds(block.Span.Start, block.Body.Start);
        }

        if (slot.IsHeadOutlet && page.HeadContents.Count > 0)
        {
            return page.HeadContents[^1].StartTagSpan;
        }

        if (page.PageTitles.Count > 0)
        {
            return page.PageTitles[^1].StartTagSpan;
        }

        if (page.Syntax.Projection.Directives.FirstOrDefault(d => d.Name == "page") is { } directive)
        {
            return directive.Span;
        }

        // The first line with something on it other than comments (a suppression comment must stay above the anchor),
        // after any front matter.
        var text = page.Text;
        var start = page.Syntax.Projection.FrontMatter?.Span.End ?? 0;
        while (start < text.Length)
        {
            if (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF')
            {
                start++;
            }
            else if (page.Syntax.Comments.FirstOrDefault(c => c.Span.Start == start) is { } comment)
            {
                start = comment.Span.End;
            }
            else
            {
                break;
            }
        }

        var end = start;
        while (end < text.Length && text[end] is not ('\r' or '\n'))
        {
            end++;
        }

        return TextSpan.FromBounds(start, TrimEnd(text, start, end));
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>Lines before a closing brace or end tag: above it when it starts its line, else broken onto new lines.</summary>
    private static TextEdit BeforeClosing(SourceText source, int close, string indent, IReadOnlyList<string> lines)
    {
        var newLine = source.Lines.NewLine;
        var text = source.Text;
        var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(close));
        if (text.AsSpan(lineStart, close - lineStart).IsWhiteSpace())
        {
            return TextEdit.Insert(lineStart, string.Concat(lines.Select(l => indent + l + newLine)));
        }

        var closeIndent = source.GetIndentation(close);
        return TextEdit.Insert(close, string.Concat(lines.Select(l => newLine + indent + l)) + newLine + closeIndent);
    }

    private static string? FirstContentIndent(SourceText source, TextSpan body)
    {
        var text = source.Text;
        for (var i = body.Start; i < body.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                var lineStart = source.Lines.GetLineStart(source.Lines.GetLineNumber(i));
                return lineStart < body.Start ? null : source.GetIndentation(i);
            }
        }

        return null;
    }

    /// <summary>
    /// Inserts <paramref name="block"/> on lines of its own after the page's leading directives and code blocks (where
    /// templates declare sections and titles), separated by a blank line.
    /// </summary>
    private static TextEdit AfterPreamble(TemplateFacts page, string block)
    {
        var source = page.Syntax.Source;
        var newLine = source.Lines.NewLine;
        var preambleEnd = PreambleEnd(page);
        if (preambleEnd > 0 && LineBreakAfter(source, preambleEnd) is { } lineBreak)
        {
            var original = source[lineBreak];
            return lineBreak.Length == 0
                ? TextEdit.Insert(lineBreak.Start, newLine + newLine + block + newLine)
                : new TextEdit(lineBreak, original + newLine + block + original);
        }

        // No preamble: before the first line, which the edit rewrites so two such edits conflict.
        var firstLineEnd = source.Text.IndexOfAny(['\r', '\n']);
        var firstLine = firstLineEnd < 0 ? TextSpan.FromBounds(0, source.Length) : new TextSpan(0, firstLineEnd);
        return new TextEdit(firstLine, block + newLine + newLine + source[firstLine]);
    }

    /// <summary>The span of the line break ending the line that holds <paramref name="offset"/> (empty at the end of the text); null when code follows on that line.</summary>
    private static TextSpan? LineBreakAfter(SourceText source, int offset)
    {
        var text = source.Text;
        var i = offset;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return new TextSpan(text.Length, 0);
        }

        if (text[i] == '\r')
        {
            return new TextSpan(i, i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1);
        }

        return text[i] == '\n' ? new TextSpan(i, 1) : null;
    }

    /// <summary>The end of the leading directives, code blocks and Razor comments: where markup starts, minus trailing whitespace.</summary>
    private static int PreambleEnd(TemplateFacts page)
    {
        var text = page.Text;
        var code = page.Syntax.Projection.CodeSpans;
        var comments = page.Syntax.Projection.Comments;
        var end = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')
            {
                i++;
                continue;
            }

            var block = code.FirstOrDefault(c => c.Start == i) is { Length: > 0 } c0 ? c0
                : comments.FirstOrDefault(c => c.Span.Start == i) is { } comment ? comment.Span
                : default;
            if (block.IsEmpty || page.Sections.Any(s => s.Span.Start == i))
            {
                break;
            }

            end = block.End;
            i = block.End;
        }

        return end;
    }
}
