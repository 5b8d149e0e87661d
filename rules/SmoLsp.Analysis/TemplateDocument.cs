using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis;

/// <summary>The input of an analysis: a path (for display and language detection) and the text. No IO happens here.</summary>
public sealed record TemplateDocument(string Path, string Text, TemplateLanguage Language)
{
    public static TemplateDocument FromPath(string path, string text) =>
        new(path, text, TemplateLanguages.FromPath(path) ?? TemplateLanguage.Html);
}
