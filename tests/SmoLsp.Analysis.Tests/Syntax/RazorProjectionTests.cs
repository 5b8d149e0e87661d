using SmoLsp.Analysis.Syntax;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Tests.Syntax;

public sealed class RazorProjectionTests
{
    private static ParsedTemplate Razor(string text, TemplateLanguage language = TemplateLanguage.Cshtml) => ParsedTemplate.Parse(text, language);

    /// <summary>The text with every masked character shown as '~' (line breaks kept), for readable assertions.</summary>
    private static string Masked(string text, TemplateLanguage language = TemplateLanguage.Cshtml) => MaskedText.Of(text, Razor(text, language));

    // The mask itself, on spans that start, end or lie wholly on line breaks of every kind: each character inside a
    // span is a space unless it is \n or \r, everything outside is untouched, and the length never changes.
    [Theory]
    [InlineData("a{{ x }}b", 1, 8)]
    [InlineData("a{% if\r\n  x %}\nb", 1, 16)]
    [InlineData("\r\r\n\n", 0, 4)]
    [InlineData("ab\ncd\ref", 2, 7)]
    [InlineData("abc", 1, 1)]
    [InlineData("front\nmatter\n---\n", 0, 17)]
    public void Mask_blanks_a_span_but_its_line_breaks(string text, int start, int end)
    {
        var masked = RazorProjection.Mask(text, [TextSpan.FromBounds(start, end)], []);

        masked.Length.ShouldBe(text.Length);
        for (var k = 0; k < text.Length; k++)
        {
            var expected = k >= start && k < end && text[k] is not ('\n' or '\r') ? ' ' : text[k];
            masked[k].ShouldBe(expected, $"offset {k}");
        }
    }

    [Theory]
    [InlineData("<p>@Model.Title</p>", "@Model.Title")]
    [InlineData("<p>@Model.Items[0].Name.</p>", "@Model.Items[0].Name")]
    [InlineData("<p>@Html.Raw(x)</p>", "@Html.Raw(x)")]
    [InlineData("<p>@Html.Foo<int>(x)</p>", "@Html.Foo<int>(x)")]
    [InlineData("<p>@await Component.InvokeAsync(\"Nav\")</p>", "@await Component.InvokeAsync(\"Nav\")")]
    [InlineData("<p>@(a + \")\" + b)!</p>", "@(a + \")\" + b)")]
    [InlineData("<a href=\"mailto:me@example.com\">me@example.com</a>", "")]
    [InlineData("<p>@@handle</p>", "")]
    [InlineData("<p>@* <meta name=x> *@</p>", "@* <meta name=x> *@")]
    [InlineData("<meta content=\"@ViewData[\"Title\"]\">", "@ViewData[\"Title\"]")]
    [InlineData("<p>@item?.Name ok</p>", "@item?.Name")]
    public void Transitions_mask_exactly_the_code(string text, string code) =>
        Masked(text).ShouldBe(code.Length == 0 ? text : text.Replace(code, new string('~', code.Length), StringComparison.Ordinal));

    [Fact]
    public void Directives_are_masked_to_end_of_line()
    {
        Masked("@page \"/x\"\n@model IndexModel\n@using Foo.Bar\n<h1>x</h1>").ShouldBe("~~~~~~~~~~\n~~~~~~~~~~~~~~~~~\n~~~~~~~~~~~~~~\n<h1>x</h1>");
        var p = Razor("@page \"/about\"\n@layout MainLayout\n", TemplateLanguage.Razor);
        p.Projection.Directives.Select(d => (d.Name, d.Value)).ShouldBe([("page", "\"/about\""), ("layout", "MainLayout")]);
    }

    [Fact]
    public void Code_blocks_mask_csharp_but_keep_markup_inside()
    {
        const string text = "@{\n    var x = \"}<meta>\"; // }\n    if (a < b) { <meta name=\"a\" /> }\n    @:<b>line</b>\n    <text>t</text>\n}\n<p>after</p>";
        var p = Razor(text);
        p.Elements.Select(e => e.Name).ShouldBe(["meta", "b", "p"]);
        Masked(text).ShouldContain("<meta name=\"a\" />");
        Masked(text).ShouldContain("~~~~~~t~~~~~~~");
    }

    [Fact]
    public void If_else_chains_are_branches_of_one_group()
    {
        const string text = "@if (x) {\n<title>A</title>\n} else if (y) {\n<title>B</title>\n} else {\n<title>C</title>\n}\n<title>D</title>";
        var p = Razor(text);
        var titles = p.Elements.Where(e => e.Name == "title").ToList();
        titles.Count.ShouldBe(4);
        p.AreMutuallyExclusive(titles[0], titles[1]).ShouldBeTrue();
        p.AreMutuallyExclusive(titles[1], titles[2]).ShouldBeTrue();
        p.AreMutuallyExclusive(titles[0], titles[3]).ShouldBeFalse();
        titles[0].GetTextValue().Text.ShouldBe("A");
    }

    [Fact]
    public void Csharp_if_inside_code_block_is_tracked_too()
    {
        var p = Razor("@{ if (x) { <meta name=a> } else { <meta name=b> } }");
        var metas = p.Elements.Where(e => e.Name == "meta").ToList();
        p.AreMutuallyExclusive(metas[0], metas[1]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("@foreach (var i in items) {\n<li>@i</li>\n}")]
    [InlineData("@for (var i = 0; i < n; i++) {\n<li>@i</li>\n}")]
    [InlineData("@while (x) {\n<li>x</li>\n}")]
    [InlineData("@switch (x) {\n case 1: <li>one</li> break;\n}")]
    [InlineData("@using (Html.BeginForm()) {\n<li>x</li>\n}")]
    [InlineData("@try {\n<li>x</li>\n} catch (Exception e) {\n<p>@e</p>\n} finally {\n}")]
    [InlineData("@lock (o) {\n<li>x</li>\n}")]
    [InlineData("@do {\n<li>x</li>\n} while (x);")]
    public void Statements_keep_their_markup(string text)
    {
        var p = Razor(text);
        p.Elements.Select(e => e.Name).ShouldContain("li");
        p.Elements.ShouldAllBe(e => e.Name == "li" || e.Name == "p");
    }

    [Fact]
    public void Code_and_functions_blocks_are_masked_whole()
    {
        const string text = "<h1>x</h1>\n@code {\n    private string s = \"<meta name=x>\";\n    bool Less(int a, int b) => a < b;\n    List<string> items = new();\n}\n";
        var p = Razor(text, TemplateLanguage.Razor);
        p.Elements.Select(e => e.Name).ShouldBe(["h1"]);
    }

    [Fact]
    public void Sections_are_markup_with_masked_delimiters()
    {
        const string text = "@section Head {\n    <meta property=\"og:type\" content=\"article\" />\n    <style>.a { color: red }</style>\n}\n<p>x</p>";
        var p = Razor(text);
        p.Projection.Sections.Single().Name.ShouldBe("Head");
        p.Elements.Select(e => e.Name).ShouldBe(["meta", "style", "p"]);
        Masked(text).ShouldStartWith(new string('~', "@section Head {".Length) + "\n    <meta");
    }

    [Fact]
    public void Strings_and_comments_in_csharp_do_not_confuse_braces()
    {
        const string text = "@{ var a = \"{\"; var b = '}'; var c = @\"\"\"}\"\"\"; var d = $\"{x} }}\"; /* } */ // }\n }\n<p>ok</p>";
        Razor(text).Elements.Select(e => e.Name).ShouldBe(["p"]);
    }

    [Fact]
    public void Unterminated_constructs_run_to_the_end_without_throwing()
    {
        foreach (var text in new[] { "@{ <p>", "@(", "@if (x) {", "@* never closed", "@section S {", "@code { \"", "<p>@Model.Items[0", "@{ @{ @{" })
        {
            var p = Razor(text);
            p.Projection.ProjectedText.Length.ShouldBe(text.Length);
        }
    }

    [Fact]
    public void Razor_comments_become_comments_for_suppressions()
    {
        var p = Razor("@* smolsp-disable-next-line SMO001 *@\n<head></head>");
        p.Comments.Single().IsRazor.ShouldBeTrue();
    }

    [Fact]
    public void Attribute_values_with_code_are_dynamic()
    {
        var p = Razor("<meta property=\"og:title\" content=\"@Model.Title\" /><meta property=\"og:type\" content=\"website\" /><meta name=\"d\" content=\"  \" />");
        p.Elements[0].GetAttributeValue("content")!.Kind.ShouldBe(ValueKind.Dynamic);
        p.Elements[0].GetAttributeValue("content")!.RawText.ShouldBe("@Model.Title");
        p.Elements[1].GetAttributeValue("content")!.Kind.ShouldBe(ValueKind.Static);
        p.Elements[2].GetAttributeValue("content")!.Kind.ShouldBe(ValueKind.Empty);
    }

    [Fact]
    public void Title_with_code_is_dynamic_and_keeps_its_razor_text()
    {
        var p = Razor("<title>@ViewData[\"Title\"] - Acme</title>");
        var value = p.Elements[0].GetTextValue();
        value.IsDynamic.ShouldBeTrue();
        value.ToAttributeText().ShouldBe("@ViewData[\"Title\"] - Acme");
    }

    [Fact]
    public void Html_files_are_not_projected()
    {
        var p = ParsedTemplate.Parse("<p>@Model.Title @{ x }</p>", TemplateLanguage.Html);
        p.Projection.CodeSpans.ShouldBeEmpty();
        p.Elements[0].GetTextValue().IsStatic.ShouldBeTrue();
    }
}
