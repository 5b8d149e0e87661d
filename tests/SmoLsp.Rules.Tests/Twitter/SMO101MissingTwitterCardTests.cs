using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Twitter;

namespace SmoLsp.Rules.Tests.Twitter;

public sealed class SMO101MissingTwitterCardTests
{
    [Fact]
    public void Reports_on_head_when_og_image_but_no_card() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <!doctype html>
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:image" content="https://acme.example/card.png">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Reports_when_only_twitter_image() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <meta name="twitter:image" content="https://acme.example/card.png">
          [|</head>|]
        </html>
        """);

    [Fact]
    public void Message_names_the_image_tag()
    {
        var diagnostic = RuleVerifier.Verify<SMO101MissingTwitterCard>("""
            <html>
              <head>
                <meta property="og:image" content="https://acme.example/card.png">
              [|</head>|]
            </html>
            """).Single();
        diagnostic.Message.ShouldContain("og:image");
        diagnostic.Message.ShouldContain("summary_large_image");
    }

    [Fact]
    public void Silent_when_card_present() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.example/card.png">
            <meta name="twitter:card" content="summary">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_card_written_with_property() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <meta property="og:image" content="https://acme.example/card.png">
            <meta property="twitter:card" content="summary_large_image">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_without_any_image() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:title" content="Acme Widgets">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_when_image_content_is_empty() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <meta property="og:image" content="">
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_image_counts() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
            <meta property="og:image" content="@Model.ImageUrl" />
        [|</head>|]
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <meta property="og:image" content="@Model.ImageUrl" />
        """, "Views/Shared/_SocialMeta.cshtml");

    [Fact]
    public void Reports_on_a_layout_with_the_image_even_when_pages_add_to_its_head() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="https://acme.example/card.png" />
            @await RenderSectionAsync("Head", required: false)
        [|</head>|]
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_a_layout_whose_pages_may_add_the_image() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"]</title>
            @await RenderSectionAsync("Head", required: false)
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_when_a_partial_may_hold_the_card() => RuleVerifier.Verify<SMO101MissingTwitterCard>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:image" content="https://acme.example/card.png" />
            <partial name="_SocialMeta" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Fix_inserts_summary_large_image_after_social_tags() => RuleVerifier.VerifyFix<SMO101MissingTwitterCard>("""
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:image" content="https://acme.example/card.png">
          </head>
        </html>
        """, """
        <html>
          <head>
            <title>Acme Widgets</title>
            <meta property="og:image" content="https://acme.example/card.png">
            <meta name="twitter:card" content="summary_large_image">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_keeps_razor_void_style() => RuleVerifier.VerifyFix<SMO101MissingTwitterCard>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
            <meta property="og:image" content="@Model.ImageUrl" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
            <meta property="og:image" content="@Model.ImageUrl" />
            <meta name="twitter:card" content="summary_large_image" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml", safety: FixSafety.Safe);
}
