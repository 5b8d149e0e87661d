using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO412ImageTooLargeForWhatsAppTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/heavy.png", 1200, 630, bytes: 900 * 1024)
        .Image("/img/light.jpg", 1200, 630, bytes: 180 * 1024, format: Analysis.Workspace.ImageFormat.Jpeg);

    [Fact]
    public void Reports_the_first_og_image_over_300_KB()
    {
        var diagnostics = RuleVerifier.Verify<SMO412ImageTooLargeForWhatsApp>("""
            <head>
              <meta property="og:image" content="[|/img/heavy.png|]">
              <meta property="og:image" content="/img/heavy.png">
            </head>
            """, workspace: s_site);
        diagnostics[0].Message.ShouldStartWith("og:image '/img/heavy.png': wwwroot/img/heavy.png is 900 KB; WhatsApp shows no preview image for files over about 300 KB");
    }

    [Fact]
    public void Judges_twitter_image_only_without_og_image() => RuleVerifier.Verify<SMO412ImageTooLargeForWhatsApp>("""
        <head>
          <meta name="twitter:image" content="[|/img/heavy.png|]">
        </head>
        """, workspace: s_site);

    [Fact]
    public void Silent_for_small_later_remote_and_dynamic_images() => RuleVerifier.Verify<SMO412ImageTooLargeForWhatsApp>("""
        <head>
            <meta property="og:image" content="~/img/light.jpg" />
            <meta property="og:image" content="~/img/heavy.png" />
            <meta name="twitter:image" content="~/img/heavy.png" />
        </head>
        """, "Pages/Index.cshtml", workspace: s_site);

    [Fact]
    public void The_limit_is_configurable() => RuleVerifier.Verify<SMO412ImageTooLargeForWhatsApp>("""
        <head>
          <meta property="og:image" content="[|/img/light.jpg|]">
        </head>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO412": { "maxBytes": 100000 } } }"""), workspace: s_site);
}
