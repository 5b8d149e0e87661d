using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO010StructuredPropertyBeforeRootTests
{
    [Fact]
    public void Reports_structured_properties_before_the_first_og_image()
    {
        var diagnostics = RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
            <html>
              <head>
                [|<meta property="og:image:width" content="1200">|]
                [|<meta property="og:image:height" content="630">|]
                [|<meta property="og:image:alt" content="A red widget">|]
                [|<meta property="og:image:type" content="image/png">|]
                [|<meta property="og:image:secure_url" content="https://acme.example/card.png">|]
                [|<meta property="og:image:url" content="https://acme.example/card.png">|]
                <meta property="og:image" content="https://acme.example/card.png">
                <meta property="og:image:width" content="1200">
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("og:image:width comes before any og:image: ogp.me attaches structured properties to the og:image above them, so this one describes no image; move it after its og:image");
    }

    [Fact]
    public void Reports_video_and_audio_structured_properties_too() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        <html>
          <head>
            [|<meta property="og:video:type" content="video/mp4">|]
            <meta property="og:video" content="https://acme.example/a.mp4">
            [|<meta property="og:audio:type" content="audio/mpeg">|]
            <meta property="og:audio" content="https://acme.example/a.mp3">
          </head>
        </html>
        """);

    [Fact]
    public void Reports_structured_properties_with_no_root_at_all_in_a_document() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        <!DOCTYPE html>
        <html>
        <head>
            [|<meta property="og:image:alt" content="@Model.ImageAlt" />|]
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_when_properties_follow_their_root() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.example/rock.jpg">
            <meta property="og:image:width" content="300">
            <meta property="og:image:height" content="300">
            <meta property="og:image" content="https://acme.example/rock2.jpg">
            <meta property="og:image" content="https://acme.example/rock3.jpg">
            <meta property="og:image:height" content="1000">
            <meta property="og:locale" content="en_US">
            <meta property="og:locale:alternate" content="fr_FR">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_with_dynamic_values() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="@Model.Image.Url" />
            <meta property="og:image:width" content="@Model.Image.Width" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void A_root_in_another_branch_does_not_count() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (Model.Image is not null)
            {
                <meta property="og:image" content="@Model.Image.Url" />
            }
            else
            {
                [|<meta property="og:image:alt" content="Acme logo" />|]
                <meta property="og:image" content="https://acme.example/logo.png" />
            }
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Fragment_without_its_own_root_is_not_judged() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        <meta property="og:image:width" content="1200" />
        <meta property="og:image:height" content="630" />
        """, "Views/Shared/_ImageSize.cshtml");

    [Fact]
    public void Fragment_with_a_later_root_is_reported() => RuleVerifier.Verify<SMO010StructuredPropertyBeforeRoot>("""
        [|<meta property="og:image:alt" content="@Model.Alt" />|]
        <meta property="og:image" content="@Model.Url" />
        """, "Views/Blog/_SocialTags.cshtml");
}
