using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Model;

/// <summary>Documents with markup that nobody shares: no document-level rule judges them.</summary>
public sealed class NotAPageTests
{
    private static HeadModel Head(string text, TemplateLanguage language = TemplateLanguage.Html) => HeadModel.Build(ParsedTemplate.Parse(text, language));

    [Theory]
    [InlineData("<html><head><meta http-equiv=\"refresh\" content=\"0; url=/new/\"></head></html>")]
    [InlineData("<html><head><meta http-equiv=\"Refresh\" content=\"0;URL='https://example.com/'\"></head></html>")]
    [InlineData("<html><head><meta http-equiv=\"refresh\" content=\"0; url={{ page.redirect.to }}\"></head></html>")]
    public void A_redirect_stub_is_not_a_page(string text)
    {
        var head = Head(text);
        head.Role.ShouldBe(DocumentRole.NotAPage);
        head.IsFragment.ShouldBeTrue();
        head.NotAPageReason.ShouldNotBeNull().ShouldContain("redirect");
    }

    [Theory]
    [InlineData("<html><head><meta http-equiv=\"refresh\" content=\"30\"></head></html>")]
    [InlineData("<html><head>{{ with .Params.redirect }}<meta http-equiv=\"refresh\" content=\"0; url={{ . }}\">{{ end }}</head></html>")]
    [InlineData("<html><head>{% if page.redirect %}<meta http-equiv=\"refresh\" content=\"0; url=/x\">{% endif %}</head></html>")]
    public void A_page_that_reloads_or_redirects_only_sometimes_is_a_page(string text) =>
        Head(text).Role.ShouldBe(DocumentRole.Document);

    [Fact]
    public void A_page_that_opts_out_of_indexing_is_not_a_page()
    {
        Head("<html><head><title>Sign in</title><meta name=\"robots\" content=\"noindex\"></head></html>").Role.ShouldBe(DocumentRole.NotAPage);
        Head("<html><head><title>Docs</title>{{ if .Prod }}<meta name=\"robots\" content=\"index\">{{ else }}<meta name=\"robots\" content=\"noindex\">{{ end }}</head></html>")
            .Role.ShouldBe(DocumentRole.Document);
    }

    [Fact]
    public void A_razor_page_with_no_markup_is_an_endpoint()
    {
        Head("@page\n@model LogoutModel\n@* Posts here sign the user out. *@\n@{\n    Layout = null;\n}\n", TemplateLanguage.Cshtml).Role.ShouldBe(DocumentRole.NotAPage);
        Head("@page\n@model IndexModel\n<h1>Hello</h1>\n", TemplateLanguage.Cshtml).Role.ShouldBe(DocumentRole.Fragment);
    }
}
