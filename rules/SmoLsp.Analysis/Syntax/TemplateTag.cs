using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Syntax;

public enum TemplateTagKind
{
    /// <summary><c>{{ expr }}</c>: Liquid/Jinja/Nunjucks output, or a Go template action (<c>{{ partial "x" . }}</c>, <c>{{ if }}</c>).</summary>
    Output,

    /// <summary><c>{% tag ... %}</c>: a Liquid or Django/Jinja/Nunjucks statement.</summary>
    Statement,

    /// <summary>
    /// A block whose content is literal text, never markup of the page: <c>{% raw %}</c>, <c>{% verbatim %}</c>,
    /// <c>{% highlight %}</c>, Hugo's <c>{{&lt; highlight &gt;}}</c>.
    /// </summary>
    Raw,
}

/// <summary>
/// One template tag as written. <see cref="Keyword"/> is the statement's name (<c>include</c>, <c>if</c>, <c>block</c>)
/// or a Go template action's keyword (<c>partial</c>, <c>template</c>, <c>if</c>, <c>end</c>); empty for a plain output
/// expression. <see cref="Expression"/> is the text inside the delimiters and trim markers, trimmed.
/// </summary>
public sealed record TemplateTag(TemplateTagKind Kind, string Keyword, TextSpan Span, TextSpan Expression);

public enum TemplateBlockKind
{
    /// <summary>Renders in place unless a child template overrides it: Jinja <c>{% block %}</c>, Go <c>{{ block "x" . }}</c>.</summary>
    Block,

    /// <summary>Go <c>{{ define "x" }}</c>: renders only where a <c>block</c> or <c>template</c> action names it.</summary>
    Define,
}

/// <summary>A named block: <see cref="Span"/> from the opening tag to the end of the closing tag, <see cref="Body"/> between them.</summary>
public sealed record TemplateBlock(TemplateBlockKind Kind, string Name, TextSpan Span, TextSpan Body);

/// <summary>One value of a template's front matter (<c>title: About us</c>): its text and where the value is written.</summary>
public sealed record FrontMatterValue(string Text, TextSpan Span);

/// <summary>
/// The YAML (<c>---</c>) or TOML (<c>+++</c>) block at the top of a Jekyll, Hugo or Eleventy file. Only what composition
/// needs is read: scalar values of top-level keys and of one level of nesting (<c>image.path</c>), and the first item
/// of a list. <see cref="Span"/> covers the whole block with its fences.
/// </summary>
public sealed class FrontMatter
{
    private readonly Dictionary<string, FrontMatterValue> _values;

    internal FrontMatter(TextSpan span, Dictionary<string, FrontMatterValue> values, bool isScript)
    {
        Span = span;
        _values = values;
        IsScript = isScript;
    }

    public TextSpan Span { get; }

    /// <summary>JavaScript or JSON front matter (<c>---js</c>, Eleventy): present, not read.</summary>
    public bool IsScript { get; }

    public IReadOnlyDictionary<string, FrontMatterValue> Values => _values;

    public FrontMatterValue? Get(string key) => _values.GetValueOrDefault(key);

    public bool Has(string key) => _values.ContainsKey(key);
}
