using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Syntax;

/// <summary>
/// Static text read from Razor has '@@' unescaped to '@'; fixes that copy it into an attribute (SMO001 copies the
/// title into og:title) must escape it again, or Razor reads "@acme" as code.
/// </summary>
public sealed class RazorAttributeTextTests
{
    [Theory]
    [InlineData("@acme", "@@acme")]
    [InlineData("Follow @acme", "Follow @@acme")]
    [InlineData("hello@acme.example", "hello@acme.example")]
    [InlineData("(@acme)", "(@@acme)")]
    [InlineData("no at sign", "no at sign")]
    public void Escapes_transitions_but_not_email_addresses(string text, string expected) =>
        TextNormalizer.EscapeRazorTransitions(text).ShouldBe(expected);

    [Fact]
    public void Static_razor_text_is_escaped_for_razor()
    {
        var title = TitleOf("<html><head><title>Follow @@acme &amp; mail hello@acme.example</title></head></html>", TemplateLanguage.Cshtml);
        title.IsStatic.ShouldBeTrue();
        title.Text.ShouldBe("Follow @acme & mail hello@acme.example");
        title.ToAttributeText().ShouldBe("Follow @@acme &amp; mail hello@acme.example");
    }

    [Fact]
    public void Html_text_keeps_its_at_signs()
    {
        var title = TitleOf("<html><head><title>Follow @acme</title></head></html>", TemplateLanguage.Html);
        title.ToAttributeText().ShouldBe("Follow @acme");
    }

    [Fact]
    public void Copied_text_reads_back_as_the_same_static_text()
    {
        var title = TitleOf("<html><head><title>Follow @@acme</title></head></html>", TemplateLanguage.Razor);
        var copy = HeadModel.Build(ParsedTemplate.Parse($"<meta property=\"og:title\" content=\"{title.ToAttributeText()}\" />", TemplateLanguage.Razor))
            .GetMetaContent("og:title")!;
        copy.IsStatic.ShouldBeTrue();
        copy.Text.ShouldBe("Follow @acme");
    }

    private static TemplateValue TitleOf(string text, TemplateLanguage language) =>
        HeadModel.Build(ParsedTemplate.Parse(text, language)).Title!.Value;
}
