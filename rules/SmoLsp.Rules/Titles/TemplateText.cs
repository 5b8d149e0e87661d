using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Static text written back into a template by a fix. Razor reads an '@' as the start of code unless it follows a
/// letter or digit (the e-mail rule), so Razor files need '@@' where plain HTML has '@'.
/// </summary>
internal static class TemplateText
{
    /// <summary>Known text escaped for an attribute value in <paramref name="language"/>.</summary>
    public static string Attribute(TemplateLanguage language, string text) =>
        EscapeTransitions(language, TextNormalizer.EscapeAttribute(text));

    /// <summary>Known text escaped for element content (<c>&lt;title&gt;</c>) in <paramref name="language"/>.</summary>
    public static string Content(TemplateLanguage language, string text) =>
        EscapeTransitions(language, TextNormalizer.EscapeText(text));

    private static string EscapeTransitions(TemplateLanguage language, string text) =>
        language.IsRazor() ? TextNormalizer.EscapeRazorTransitions(text) : text;
}
