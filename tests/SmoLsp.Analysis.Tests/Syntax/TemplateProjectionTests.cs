using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Syntax;

/// <summary>The projection of Liquid, Go template, Django/Jinja and Nunjucks tags: masked with offsets unchanged, like Razor.</summary>
public sealed class TemplateProjectionTests
{
    private static ParsedTemplate Parse(string text, TemplateLanguage language = TemplateLanguage.Html) => ParsedTemplate.Parse(text, language);

    /// <summary>The text with every masked character shown as '~' (line breaks kept).</summary>
    private static string Masked(string text)
    {
        var p = Parse(text);
        p.Projection.ProjectedText.Length.ShouldBe(text.Length);
        return MaskedText.Of(text, p);
    }

    private static HtmlElement Meta(ParsedTemplate p, int n) => p.Elements.Where(e => e.Name == "meta").ElementAt(n);

    [Theory]
    [InlineData("<title>{{ page.title }}</title>", "{{ page.title }}")]
    [InlineData("<title>{{- .Title -}}</title>", "{{- .Title -}}")]
    [InlineData("<p>{% include head.html %}</p>", "{% include head.html %}")]
    [InlineData("<p>{%- seo -%}</p>", "{%- seo -%}")]
    [InlineData("<p>{{ \"}}\" | safe }}</p>", "{{ \"}}\" | safe }}")]
    [InlineData("<p>{{{ raw }}}</p>", "{{{ raw }}}")]
    [InlineData("<p>{{ printf `a %s\n b` .X }}</p>", "{{ printf `a %s\n b` .X }}")]
    [InlineData("<p>{ not a tag } {{ unterminated</p>", "")]
    public void Tags_mask_exactly_the_code(string text, string code) =>
        Masked(text).ShouldBe(code.Length == 0 ? text : text.Replace(code, string.Concat(code.Select(c => c is '\n' ? '\n' : '~')), StringComparison.Ordinal));

    [Theory]
    [InlineData("<meta property=\"og:title\" content=\"{{ page.title }}\">")]
    [InlineData("<meta property=\"og:title\" content=\"{{ .Title }} | Acme\">")]
    [InlineData("<meta property=\"og:title\" content=\"{% block og_title %}Acme{% endblock %}\">")]
    [InlineData("<meta property=\"og:title\" content=\"{{ title or metadata.title }}\">")]
    public void Values_with_template_code_are_dynamic(string markup)
    {
        var meta = Meta(Parse(markup), 0);
        meta.GetAttributeValue("content")!.Kind.ShouldBe(ValueKind.Dynamic);
    }

    [Fact]
    public void Template_comments_are_blanked_and_kept_as_comments()
    {
        const string text = "{# <meta name=\"a\"> #}\n{% comment %}<title>x</title>{% endcomment %}\n{{/* <title>y</title> */}}\n{{- /* z */ -}}\n<meta name=\"b\">";
        var p = Parse(text);
        p.Elements.Select(e => e.GetAttributeValue("name")?.Text ?? e.Name).ShouldBe(["b"]);
        p.Comments.Count.ShouldBe(4);
        p.Projection.CodeSpans.ShouldBeEmpty();
    }

    [Fact]
    public void Suppression_directives_work_in_template_comments()
    {
        var p = Parse("{# smolsp-disable-next-line SMO001 -- the CMS writes it #}\n<head></head>");
        var directive = SmoLsp.Analysis.Engine.Suppressions.Find(p).ShouldHaveSingleItem();
        directive.RuleIds.ShouldBe(["SMO001"]);
    }

    [Theory]
    [InlineData("{% raw %}<title>{{ x }}</title>{% endraw %}")]
    [InlineData("{% verbatim %}<title>x</title>{% endverbatim %}")]
    [InlineData("{%- highlight html -%}<head><title>x</title></head>{%- endhighlight -%}")]
    [InlineData("{{< highlight html >}}<title>x</title>{{< /highlight >}}")]
    [InlineData("{{% code lang=\"html\" %}}<title>x</title>{{% /code %}}")]
    public void Raw_and_code_sample_blocks_are_text_not_markup(string block)
    {
        var p = Parse("<html><head><title>Real</title></head><body>" + block + "</body></html>");
        p.Elements.Count(e => e.Name == "title").ShouldBe(1);
        p.Projection.Tags.ShouldContain(t => t.Kind == TemplateTagKind.Raw);
    }

    [Fact]
    public void Code_samples_are_not_the_head()
    {
        var head = HeadModel.Build(Parse("""
            <html><head><title>Docs</title></head>
            <body>
              <pre><code><title>sample</title><meta property="og:title" content="sample"></code></pre>
              <svg><title>icon</title></svg>
            </body></html>
            """));
        head.Titles.Select(t => t.Value.Text).ShouldBe(["Docs"]);
        head.HasMeta("og:title").ShouldBeFalse();
    }

    [Theory]
    [InlineData("{% if a %}<title>A</title>{% elsif b %}<title>B</title>{% else %}<title>C</title>{% endif %}")]
    [InlineData("{% if a %}<title>A</title>{% elif b %}<title>B</title>{% else %}<title>C</title>{% endif %}")]
    [InlineData("{% unless a %}<title>A</title>{% else %}<title>B</title>{% endunless %}")]
    [InlineData("{% case x %}{% when 1 %}<title>A</title>{% when 2 %}<title>B</title>{% endcase %}")]
    [InlineData("{% for p in ps %}<title>A</title>{% empty %}<title>B</title>{% endfor %}")]
    [InlineData("{{ if .IsHome }}<title>A</title>{{ else if .IsPage }}<title>B</title>{{ else }}<title>C</title>{{ end }}")]
    [InlineData("{{- with .Title -}}<title>A</title>{{- else -}}<title>B</title>{{- end -}}")]
    [InlineData("{{ range .Pages }}<title>A</title>{{ else }}<title>B</title>{{ end }}")]
    [InlineData("{% if a and not b %}<title>A</title>{% endif %}{% if b %}<title>B</title>{% endif %}")]
    [InlineData("{{ if and .A (not .B) }}<title>A</title>{{ end }}{{ if .B }}<title>B</title>{{ end }}")]
    [InlineData("{% if a %}<title>A</title>{% endif %}{% unless a %}<title>B</title>{% endunless %}")]
    public void Alternatives_are_mutually_exclusive(string text)
    {
        var p = Parse(text);
        var titles = p.Elements.Where(e => e.Name == "title").ToList();
        titles.Count.ShouldBeGreaterThanOrEqualTo(2);
        p.AreMutuallyExclusive(titles[0], titles[1]).ShouldBeTrue();
        p.AreMutuallyExclusive(titles[1], titles[0]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("{% if a %}<title>A</title>{% endif %}{% if b %}<title>B</title>{% endif %}")]
    [InlineData("{% if a %}<title>A</title><title>B</title>{% endif %}")]
    [InlineData("{% unless a and b %}<title>A</title>{% endunless %}{% if a %}<title>B</title>{% endif %}")]
    [InlineData("{{ if .A }}{{ if .B }}<title>A</title>{{ end }}<title>B</title>{{ end }}")]
    [InlineData("{% for x in xs %}<title>A</title>{% endfor %}<title>B</title>")]
    public void Tags_that_can_render_together_are_not_alternatives(string text)
    {
        var p = Parse(text);
        var titles = p.Elements.Where(e => e.Name == "title").ToList();
        p.AreMutuallyExclusive(titles[0], titles[1]).ShouldBeFalse();
    }

    [Fact]
    public void Nested_branches_are_tracked_by_their_own_group()
    {
        var p = Parse("{% if a %}{% if b %}<title>A</title>{% else %}<title>B</title>{% endif %}{% else %}<title>C</title>{% endif %}");
        var t = p.Elements.Where(e => e.Name == "title").ToList();
        p.AreMutuallyExclusive(t[0], t[1]).ShouldBeTrue();
        p.AreMutuallyExclusive(t[0], t[2]).ShouldBeTrue();
        p.AreMutuallyExclusive(t[1], t[2]).ShouldBeTrue();
    }

    [Fact]
    public void Blocks_and_defines_are_recorded_with_their_bodies()
    {
        const string text = "{% block title %}Home{% endblock %}{{ define \"main\" }}<p>x</p>{{ end }}{{ block \"head\" . }}{{ end }}";
        var p = Parse(text);
        p.Projection.Blocks.Select(b => (b.Kind, b.Name, text.Substring(b.Body.Start, b.Body.Length)))
            .ShouldBe([(TemplateBlockKind.Block, "title", "Home"), (TemplateBlockKind.Define, "main", "<p>x</p>"), (TemplateBlockKind.Block, "head", "")]);
    }

    [Fact]
    public void Front_matter_is_masked_and_read()
    {
        const string text = "---\nlayout: post\ntitle: \"Hello: world\"\ndescription: >\n  A folded\n  text.\nimage:\n  path: /img/card.png\ntags: [a, b]\n---\n<h1>{{ page.title }}</h1>";
        var p = Parse(text);
        var fm = p.Projection.FrontMatter.ShouldNotBeNull();
        fm.Get("layout")!.Text.ShouldBe("post");
        fm.Get("title")!.Text.ShouldBe("Hello: world");
        text.Substring(fm.Get("title")!.Span.Start, fm.Get("title")!.Span.Length).ShouldBe("Hello: world");
        fm.Get("description")!.Text.ShouldBe("A folded text.");
        fm.Get("image.path")!.Text.ShouldBe("/img/card.png");
        fm.Get("tags")!.Text.ShouldBe("a");
        p.Elements.Select(e => e.Name).ShouldBe(["h1"]);
        p.Projection.ProjectedText.ShouldStartWith(new string(' ', 3) + "\n");
    }

    [Fact]
    public void Toml_and_script_front_matter()
    {
        var toml = Parse("+++\ntitle = 'About'\n[params]\nimage = \"/a.png\"\n+++\n<p>x</p>").Projection.FrontMatter.ShouldNotBeNull();
        toml.Get("title")!.Text.ShouldBe("About");
        toml.Get("params.image")!.Text.ShouldBe("/a.png");

        // Eleventy's JavaScript front matter may hold "<script>" in a comment: it is code, not markup.
        var js = Parse("---js\n// <script>\nconst title = 'x';\n---\n<h1>x</h1>");
        js.Projection.FrontMatter.ShouldNotBeNull().IsScript.ShouldBeTrue();
        js.Elements.Select(e => e.Name).ShouldBe(["h1"]);
    }

    [Fact]
    public void A_document_after_front_matter_and_tags_is_still_a_document()
    {
        var head = HeadModel.Build(Parse("---\nlayout: null\n---\n{% load static %}\n<!DOCTYPE html>\n<p>x</p>"));
        head.Role.ShouldBe(DocumentRole.Document);
    }

    [Fact]
    public void Unquoted_attribute_values_that_are_code_are_the_code()
    {
        foreach (var (text, language) in new[]
        {
            ("<meta property=\"og:image\" content=@Model.Image/>", TemplateLanguage.Cshtml),
            ("<meta property=\"og:image\" content=@Model.Image />", TemplateLanguage.Cshtml),
            ("<meta property=\"og:image\" content={{ .Permalink }}/>", TemplateLanguage.Html),
        })
        {
            var p = ParsedTemplate.Parse(text, language);
            var meta = p.Elements.ShouldHaveSingleItem();
            meta.IsSelfClosing.ShouldBeTrue(text);
            var content = meta.GetAttributeValue("content").ShouldNotBeNull();
            content.Kind.ShouldBe(ValueKind.Dynamic, text);
            content.RawText.ShouldNotContain("/", Case.Sensitive, text);
        }
    }
}
