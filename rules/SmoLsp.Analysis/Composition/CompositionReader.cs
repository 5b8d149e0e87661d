using SmoLsp.Analysis.Text;
using SmoLsp.Analysis.Workspace;

namespace SmoLsp.Analysis.Composition;

/// <summary>
/// The other files one composition reads: each asked of the workspace once (candidate locations repeat: a page's folder
/// is searched for a layout and a partial), every path asked remembered as a dependency, found or not, and each found
/// file's text kept for mapping positions back.
/// </summary>
internal sealed class CompositionReader
{
    private readonly ITemplateWorkspace _workspace;
    private readonly CompositionCache _cache;
    private readonly Dictionary<string, TemplateFacts?> _loaded = new(StringComparer.Ordinal);

    public CompositionReader(ITemplateWorkspace workspace, CompositionCache cache, TemplateFacts page)
    {
        _workspace = workspace;
        _cache = cache;
        Sources[page.Path] = page.Syntax.Source;
    }

    public List<string> Dependencies { get; } = [];

    public Dictionary<string, SourceText> Sources { get; } = new(StringComparer.Ordinal);

    public TemplateFacts? Load(string path)
    {
        if (_loaded.TryGetValue(path, out var known))
        {
            return known;
        }

        Dependencies.Add(path);
        var facts = _cache.GetFacts(_workspace, path);
        _loaded[path] = facts;
        if (facts is not null)
        {
            Sources[facts.Path] = facts.Syntax.Source;
        }

        return facts;
    }

    /// <summary>
    /// A value written into markup the way the engine prints it, HTML-encoded; <paramref name="transition"/> (Razor's
    /// <c>@</c>, Liquid's <c>{</c>) as a character reference too, so it stays text and never starts code.
    /// </summary>
    public static string Encode(string value, char transition)
    {
        var sb = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when c == transition => "&#" + (int)c + ";",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
