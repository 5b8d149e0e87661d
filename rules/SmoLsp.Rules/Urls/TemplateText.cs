using System.Text;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Rules.Urls;

/// <summary>Text that a fix writes into a template: escaped for HTML, and for Razor where '@' starts code.</summary>
internal static class TemplateText
{
    /// <summary>Attribute text: HTML-escaped, then Razor-escaped.</summary>
    public static string Attribute(string text, TemplateLanguage language) => Markup(TextNormalizer.EscapeAttribute(text), language);

    /// <summary>
    /// Markup the fix wrote itself. In Razor an '@' starts code (<c>https://mastodon.social/@acme</c> would call
    /// <c>acme</c>), so it is doubled, except after a letter or digit where Razor reads an e-mail address.
    /// </summary>
    public static string Markup(string markup, TemplateLanguage language)
    {
        if (!language.IsRazor() || !markup.Contains('@', StringComparison.Ordinal))
        {
            return markup;
        }

        var sb = new StringBuilder(markup.Length + 4);
        for (var i = 0; i < markup.Length; i++)
        {
            var c = markup[i];
            sb.Append(c);
            if (c == '@' && (i == 0 || !char.IsLetterOrDigit(markup[i - 1])))
            {
                sb.Append('@');
            }
        }

        return sb.ToString();
    }
}
