using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO212DuplicateShareDescriptionAcrossPagesTests
{
    [Fact]
    public void Reports_pages_sharing_an_og_description()
    {
        var found = SiteVerifier.Verify<SMO212DuplicateShareDescriptionAcrossPages>(
            ("index.html", """<html><head><meta property="og:description" content="[|Acme makes widgets.|]"></head></html>"""),
            ("about.html", """<html><head><meta property="og:description" content="[|ACME makes   widgets.|]"></head></html>"""),
            ("contact.html", """<html><head><meta property="og:description" content="Write to us."></head></html>"""));
        found[0].Diagnostic.Message.ShouldBe("The share description \"ACME makes widgets.\" is also on index.html: the share cards of these pages all say the same. Describe this page");
    }

    [Fact]
    public void Twitter_description_counts_when_og_description_is_unknown_or_the_meta_description() => SiteVerifier.Verify<SMO212DuplicateShareDescriptionAcrossPages>(
        ("Views/Home/A.cshtml", """<html><head><meta property="og:description" content="@Model.Summary" /><meta name="twitter:description" content="[|Acme|]" /></head></html>"""),
        ("b.html", """<html><head><meta name="description" content="Acme, the site"><meta property="og:description" content="Acme, the site"><meta name="twitter:description" content="[|Acme|]"></head></html>"""));

    [Fact]
    public void A_copy_of_the_meta_description_is_left_to_SMO211() => SiteVerifier.Verify<SMO212DuplicateShareDescriptionAcrossPages>(
        ("a.html", """<html><head><meta name="description" content="Acme makes widgets."><meta property="og:description" content="Acme makes widgets."></head></html>"""),
        ("b.html", """<html><head><meta name="description" content="Acme makes widgets."><meta property="og:description" content="Acme makes widgets."></head></html>"""));

    [Fact]
    public void Razor_expressions_and_partials_take_no_part() => SiteVerifier.Verify<SMO212DuplicateShareDescriptionAcrossPages>(
        ("Views/Home/Index.cshtml", """<html><head><meta property="og:description" content="@ViewData["Description"]" /></head></html>"""),
        ("Views/Home/About.cshtml", """<html><head><meta property="og:description" content="@ViewData["Description"]" /></head></html>"""),
        ("Views/Shared/_Meta.cshtml", """<meta property="og:description" content="Acme" />"""),
        ("Views/Shared/_Other.cshtml", """<meta property="og:description" content="Acme" />"""));

    [Fact]
    public void Blazor_head_content_takes_part() => SiteVerifier.Verify<SMO212DuplicateShareDescriptionAcrossPages>(
        ("Components/Pages/Home.razor", "@page \"/\"\n<HeadContent><meta property=\"og:description\" content=\"[|Acme|]\" /></HeadContent>"),
        ("Components/Pages/About.razor", "@page \"/about\"\n<HeadContent><meta property=\"og:description\" content=\"[|Acme|]\" /></HeadContent>"));
}
