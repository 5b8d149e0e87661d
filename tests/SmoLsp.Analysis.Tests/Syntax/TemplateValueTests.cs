using SmoLsp.Analysis.Syntax;

namespace SmoLsp.Analysis.Tests.Syntax;

public sealed class TemplateValueTests
{
    [Fact]
    public void Static_razor_text_written_back_keeps_at_signs_escaped()
    {
        // "@@acme" is the literal text "@acme"; copied into an attribute unescaped it would become the C# expression acme.
        var parsed = ParsedTemplate.Parse("<title>Follow @@acme &amp; mail info@acme.test</title>", TemplateLanguage.Cshtml);
        var value = parsed.Elements[0].GetTextValue();
        value.IsStatic.ShouldBeTrue();
        value.Text.ShouldBe("Follow @acme & mail info@acme.test");
        value.ToAttributeText().ShouldBe("Follow @@acme &amp; mail info@acme.test");
    }

    [Fact]
    public void Html_text_has_no_razor_escapes()
    {
        var parsed = ParsedTemplate.Parse("<title>Follow @acme</title>", TemplateLanguage.Html);
        parsed.Elements[0].GetTextValue().ToAttributeText().ShouldBe("Follow @acme");
    }
}
