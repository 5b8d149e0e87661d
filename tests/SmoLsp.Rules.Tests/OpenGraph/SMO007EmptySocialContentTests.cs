using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO007EmptySocialContentTests
{
    [Fact]
    public void Reports_empty_and_whitespace_content_on_the_attribute() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        <html>
          <head>
            <meta property="og:title" [|content=""|]>
            <meta property="og:description" [|content="   "|]>
            <meta name="twitter:card" [|content=''|]>
            <meta property="og:image" [|content|]>
          </head>
        </html>
        """);

    [Fact]
    public void Reports_missing_content_on_the_tag()
    {
        var diagnostics = RuleVerifier.Verify<SMO007EmptySocialContent>("""
            <html>
              <head>
                [|<meta property="og:image">|]
                [|<meta name="twitter:title" value="Acme" />|]
              </head>
            </html>
            """);
        diagnostics[0].Message.ShouldBe("<meta property=\"og:image\"> has no content attribute: platforms ignore it or show a blank; give it a value or remove the tag");
        diagnostics[1].Message.ShouldContain("rename it to content=");
    }

    [Fact]
    public void Reports_og_tags_written_with_name_too() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        <html>
          <head>
            <meta name="og:url" [|content=""|]>
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_tags_with_text() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        <html>
          <head>
            <meta property="og:title" content="Acme">
            <meta name="twitter:card" content="summary_large_image">
          </head>
        </html>
        """);

    [Fact]
    public void Silent_for_other_meta_tags() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        <html>
          <head>
            <meta name="description" content="">
            <meta name="robots">
            <meta charset="utf-8">
          </head>
        </html>
        """);

    [Fact]
    public void Dynamic_content_is_not_empty() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:title" content="@ViewData["Title"]" />
            <meta property="og:image" content="@Model.ImageUrl" />
            <meta name="twitter:description" content="@(Model.Summary ?? string.Empty)" />
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_in_fragments_too() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        @model Post
        <meta property="og:title" content="@Model.Title" />
        <meta property="og:image" [|content=""|] />
        """, "Views/Blog/_SocialTags.cshtml");

    [Fact]
    public void Reports_in_blazor_head_content() => RuleVerifier.Verify<SMO007EmptySocialContent>("""
        @page "/posts/{slug}"
        <HeadContent>
            <meta property="og:title" content="@post.Title" />
            <meta property="og:description" [|content=""|] />
        </HeadContent>
        """, "Pages/Post.razor");
}
