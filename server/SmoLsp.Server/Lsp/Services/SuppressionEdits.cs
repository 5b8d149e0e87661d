using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The edits of the "suppress" code actions. Razor files get the Razor comment form (<c>@* ... *@</c>): it is
/// stripped on the server and never ships to browsers, unlike an HTML comment.
/// </summary>
public static class SuppressionEdits
{
    /// <summary>Directives that must stay at the top of a Razor file; a file-wide suppression goes after them.</summary>
    private static readonly string[] s_razorHeaderDirectives =
        ["@page", "@model", "@using", "@inject", "@layout", "@inherits", "@namespace", "@attribute", "@implements", "@rendermode", "@typeparam", "@addTagHelper", "@removeTagHelper", "@tagHelperPrefix", "@preservewhitespace"];

    public static string Comment(TemplateLanguage language, string directive) =>
        language.IsRazor() ? $"@* {directive} *@" : $"<!-- {directive} -->";

    /// <summary>
    /// Inserts <c>smolsp-disable-next-line RULE</c> on its own line above the line of <paramref name="offset"/>, with
    /// that line's indentation; null when that line starts inside a tag (a comment there would break the markup).
    /// </summary>
    public static TextEdit? NextLine(SourceText source, TemplateLanguage language, ParsedTemplate? syntax, int offset, string ruleId)
    {
        var line = source.Lines.GetLineNumber(offset);
        var lineStart = source.Lines.GetLineStart(line);
        if (syntax is not null && syntax.Elements.Any(e => e.StartTagSpan.Start < lineStart && lineStart < e.StartTagSpan.End))
        {
            return null;
        }

        var indent = source.GetIndentation(lineStart);
        return TextEdit.Insert(lineStart, indent + Comment(language, "smolsp-disable-next-line " + ruleId) + source.Lines.NewLine);
    }

    /// <summary>Inserts <c>smolsp-disable RULE</c> at the top of the file (after a Razor file's directives).</summary>
    public static TextEdit File(SourceText source, TemplateLanguage language, string ruleId)
    {
        var offset = 0;
        if (language.IsRazor())
        {
            var lines = source.Lines;
            for (var line = 0; line < lines.LineCount; line++)
            {
                var content = source.Text.AsSpan(lines.GetLineSpan(line, source.Text).Start, lines.GetLineSpan(line, source.Text).Length).Trim();
                if (!IsHeaderDirective(content))
                {
                    break;
                }

                offset = line + 1 < lines.LineCount ? lines.GetLineStart(line + 1) : source.Length;
            }
        }

        var prefix = offset == source.Length && offset > 0 && source.Text[offset - 1] is not ('\n' or '\r') ? source.Lines.NewLine : string.Empty;
        return TextEdit.Insert(offset, prefix + Comment(language, "smolsp-disable " + ruleId) + source.Lines.NewLine);
    }

    private static bool IsHeaderDirective(ReadOnlySpan<char> line)
    {
        foreach (var directive in s_razorHeaderDirectives)
        {
            if (line.StartsWith(directive, StringComparison.Ordinal) && (line.Length == directive.Length || char.IsWhiteSpace(line[directive.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
