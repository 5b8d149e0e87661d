namespace SmoLsp.Analysis.Syntax;

public enum TemplateLanguage
{
    Html,

    /// <summary>MVC views and Razor Pages (<c>.cshtml</c>).</summary>
    Cshtml,

    /// <summary>Blazor components (<c>.razor</c>).</summary>
    Razor,
}

public static class TemplateLanguages
{
    public static readonly IReadOnlyList<string> Extensions = [".html", ".htm", ".cshtml", ".razor"];

    /// <summary>The language of a path by its extension, or null when SmoLsp does not read that kind of file.</summary>
    public static TemplateLanguage? FromPath(string path)
    {
        var dot = path.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        var ext = path[dot..];
        return ext.ToLowerInvariant() switch
        {
            ".html" or ".htm" => TemplateLanguage.Html,
            ".cshtml" => TemplateLanguage.Cshtml,
            ".razor" => TemplateLanguage.Razor,
            _ => null,
        };
    }

    public static bool IsRazor(this TemplateLanguage language) => language != TemplateLanguage.Html;
}
