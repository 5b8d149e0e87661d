using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Syntax;

public sealed class HtmlScannerTests
{
    private static ParsedTemplate Html(string text) => ParsedTemplate.Parse(text, TemplateLanguage.Html);

    [Fact]
    public void Elements_and_attributes_have_exact_spans()
    {
        const string text = "<html><head><meta property=\"og:title\" content='Acme'  data-x=bare disabled></head></html>";
        var p = Html(text);
        var meta = p.Elements.Single(e => e.Name == "meta");
        text[meta.StartTagSpan.Start..meta.StartTagSpan.End].ShouldBe("<meta property=\"og:title\" content='Acme'  data-x=bare disabled>");
        var content = meta.GetAttribute("content")!;
        text[content.Span.Start..content.Span.End].ShouldBe("content='Acme'");
        text[content.ValueSpan!.Value.Start..content.ValueSpan.Value.End].ShouldBe("Acme");
        content.Quote.ShouldBe('\'');
        meta.GetAttributeValue("data-x")!.Text.ShouldBe("bare");
        meta.GetAttribute("disabled")!.ValueSpan.ShouldBeNull();
        meta.Parent!.Name.ShouldBe("head");
        var head = p.Elements.Single(e => e.Name == "head");
        text[head.EndTagSpan!.Value.Start..head.EndTagSpan.Value.End].ShouldBe("</head>");
    }

    [Fact]
    public void Names_are_case_insensitive_but_source_case_is_kept()
    {
        var p = ParsedTemplate.Parse("<META PROPERTY=\"og:title\"><PageTitle>x</PageTitle>", TemplateLanguage.Razor);
        p.Elements[0].Name.ShouldBe("meta");
        p.Elements[0].GetAttribute("property").ShouldNotBeNull();
        p.Elements[1].SourceName.ShouldBe("PageTitle");
        p.Elements[1].Name.ShouldBe("pagetitle");
    }

    [Fact]
    public void Raw_text_elements_do_not_produce_elements()
    {
        var p = Html("<script>if (a<b) { document.write('<meta name=x>'); }</script><title>a <b> c</title><style>p<q{}</style><meta name=real>");
        p.Elements.Select(e => e.Name).ShouldBe(["script", "title", "style", "meta"]);
        p.Elements[1].GetTextValue().Text.ShouldBe("a <b> c");
    }

    [Fact]
    public void Comments_are_recorded_and_hide_their_content()
    {
        var p = Html("<!-- <meta name=x> --><meta name=y><!-- unterminated <meta name=z>");
        p.Elements.Count.ShouldBe(1);
        p.Comments.Count.ShouldBe(2);
    }

    [Fact]
    public void Body_implicitly_closes_an_unclosed_head()
    {
        var p = Html("<html><head><title>x</title><body><meta name=late></body></html>");
        var meta = p.Elements.Single(e => e.Name == "meta");
        meta.HasAncestorOrSelf("head").ShouldBeFalse();
        meta.Parent!.Name.ShouldBe("body");
    }

    [Fact]
    public void Stray_less_than_and_broken_tags_are_survived()
    {
        var p = Html("a < b <<< <div <p>text</p> </ > <3 <meta content=\"unterminated");
        p.Elements.Select(e => e.Name).ShouldBe(["div", "p", "meta"]);
    }

    [Fact]
    public void Deep_nesting_does_not_recurse()
    {
        var text = string.Concat(Enumerable.Repeat("<div>", 100_000)) + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var p = Html(text);
        p.Elements.Count.ShouldBe(100_000);
        p.Elements[^1].Depth.ShouldBe(99_999);
        p.Elements[0].EndTagSpan!.Value.End.ShouldBe(text.Length);
    }

    [Fact]
    public void Unmatched_end_tags_are_ignored()
    {
        var p = Html("<div><span></div></span><p>");
        p.Elements[1].Parent!.Name.ShouldBe("div");
        p.Elements[2].Parent.ShouldBeNull();
    }

    [Fact]
    public void Values_decode_character_references()
    {
        var p = Html("<title>Caf&eacute; &amp; Bar &#x1F600;</title>");
        p.Elements[0].GetTextValue().Text.ShouldBe("Café & Bar 😀");
    }

    [Fact]
    public void Svg_self_closing_children_do_not_stay_open()
    {
        var p = Html("<svg><path d=\"M0\"/><title>icon</title></svg><p>x</p>");
        p.Elements.Single(e => e.Name == "p").Parent.ShouldBeNull();
    }
}

public sealed class HtmlTemplateSyntaxTests
{
    [Fact]
    public void Liquid_and_mustache_values_are_dynamic()
    {
        var p = ParsedTemplate.Parse("<title>{{ page.title | escape }} - {{ site.title }}</title><meta property=\"og:title\" content=\"{{ page.title }}\">{% if x %}<meta name=a>{% endif %}<p>{ not code }</p>", TemplateLanguage.Html);
        p.Elements[0].GetTextValue().IsDynamic.ShouldBeTrue();
        p.Elements[1].GetAttributeValue("content")!.IsDynamic.ShouldBeTrue();
        p.Elements.Count(e => e.Name == "meta").ShouldBe(2);
        p.Elements.Single(e => e.Name == "p").GetTextValue().IsStatic.ShouldBeTrue();
    }

    [Fact]
    public void Unterminated_braces_are_text()
    {
        var p = ParsedTemplate.Parse("<title>a {{ b</title>", TemplateLanguage.Html);
        p.Elements[0].GetTextValue().IsStatic.ShouldBeTrue();
    }
}
