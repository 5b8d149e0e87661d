using SmoLsp.Analysis.Model;

namespace SmoLsp.Rules.Titles;

/// <summary>Facts about page titles shared by the SMO2xx title rules.</summary>
internal static class TitleText
{
    /// <summary>How a message names the element: &lt;title&gt; or &lt;PageTitle&gt;.</summary>
    public static string ElementName(TitleElement title) => title.IsPageTitleComponent ? "<PageTitle>" : "<title>";

    // Editor and framework defaults and Google's own example of a vague title ("Home"), compared case-insensitively.
    private static readonly HashSet<string> s_placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "home", "home page", "homepage", "index", "untitled", "untitled document", "untitled page", "document",
        "page title", "title", "my asp.net application",
    };

    private static readonly string[] s_separators = [" - ", " | ", " – ", " — ", " :: ", " · "];

    /// <summary>
    /// True for a placeholder title, alone or followed by a site-name suffix the way templates compose titles
    /// ("Home Page - WebApplication1").
    /// </summary>
    public static bool IsPlaceholder(string normalizedTitle)
    {
        var text = normalizedTitle.TrimEnd('.', '!', ' ');
        if (s_placeholders.Contains(text))
        {
            return true;
        }

        foreach (var separator in s_separators)
        {
            var at = text.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && s_placeholders.Contains(text[..at].Trim()))
            {
                return true;
            }
        }

        return false;
    }
}
