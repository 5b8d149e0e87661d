using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO411SameImageAcrossPagesTests
{
    [Fact]
    public void Reports_every_page_sharing_one_image()
    {
        var found = SiteVerifier.Verify<SMO411SameImageAcrossPages>(
            ("index.html", """<html><head><meta property="og:image" content="[|https://acme.test/img/share.png|]"></head></html>"""),
            ("about.html", """<html><head><meta property="og:image" content=" [|http://ACME.test/img/share.png|] "></head></html>"""),
            ("blog/post.html", """<html><head><meta property="og:image" content="[|/img/share.png|]"></head></html>"""),
            ("blog/other.html", """<html><head><meta property="og:image" content="[|/img/share.png|]"></head></html>"""),
            ("contact.html", """<html><head><meta property="og:image" content="https://acme.test/img/contact.png"></head></html>"""));
        found.First(d => d.Path == "index.html").Diagnostic.Message.ShouldStartWith("og:image \"https://acme.test/img/share.png\" is also the share image of about.html:");
    }

    [Fact]
    public void Path_relative_dynamic_and_partial_images_take_no_part() => SiteVerifier.Verify<SMO411SameImageAcrossPages>(
        ("a/index.html", """<html><head><meta property="og:image" content="img/share.png"></head></html>"""),
        ("b/index.html", """<html><head><meta property="og:image" content="img/share.png"></head></html>"""),
        ("Views/Home/Index.cshtml", """<html><head><meta property="og:image" content="@Model.Image" /></head></html>"""),
        ("Views/Home/About.cshtml", """<html><head><meta property="og:image" content="@Model.Image" /></head></html>"""),
        ("Views/Shared/_Meta.cshtml", """<meta property="og:image" content="/img/share.png" />"""),
        ("Views/Shared/_Other.cshtml", """<meta property="og:image" content="/img/share.png" />"""));

    [Fact]
    public void Blazor_head_content_takes_part() => SiteVerifier.Verify<SMO411SameImageAcrossPages>(
        ("Components/Pages/Home.razor", "@page \"/\"\n<HeadContent><meta property=\"og:image\" content=\"[|/img/share.png|]\" /></HeadContent>"),
        ("Components/Pages/About.razor", "@page \"/about\"\n<HeadContent><meta property=\"og:image\" content=\"[|/img/share.png|]\" /></HeadContent>"));
}
