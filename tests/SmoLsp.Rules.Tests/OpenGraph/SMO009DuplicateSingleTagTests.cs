using SmoLsp.Rules.OpenGraph;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.OpenGraph;

public sealed class SMO009DuplicateSingleTagTests
{
    [Fact]
    public void Reports_each_later_copy_with_the_first_as_related()
    {
        var diagnostics = RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
            <html>
              <head>
                <meta property="og:title" content="Acme">
                [|<meta property="og:title" content="Acme Widgets">|]
                [|<meta property="og:title" content="Widgets">|]
              </head>
            </html>
            """);
        diagnostics.Count.ShouldBe(2);
        foreach (var d in diagnostics)
        {
            d.Message.ShouldBe("og:title is already set on line 3: Facebook and other Open Graph consumers use the first, so this copy is ignored; keep one");
            var related = d.RelatedLocations.ShouldHaveSingleItem();
            related.Span.Start.ShouldBe("<html>\n  <head>\n    ".Length);
            related.Message.ShouldBe("first og:title, line 3");
            related.DocumentPath.ShouldBeNull();
        }
    }

    [Fact]
    public void Reports_every_single_valued_key()
    {
        var diagnostics = RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
            <html>
              <head>
                <meta property="og:description" content="a">
                <meta property="og:url" content="https://acme.example/">
                <meta property="og:type" content="website">
                <meta property="og:site_name" content="Acme">
                <meta name="twitter:card" content="summary">
                [|<meta property="og:description" content="b">|]
                [|<meta property="og:url" content="https://acme.example/a">|]
                [|<meta property="og:type" content="article">|]
                [|<meta property="og:site_name" content="Acme Inc">|]
                [|<meta name="twitter:card" content="summary_large_image">|]
              </head>
            </html>
            """);
        diagnostics[^1].Message.ShouldContain("X uses the last twitter:card");
    }

    [Fact]
    public void Name_and_property_copies_are_duplicates_too() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <html>
          <head>
            <meta property="og:title" content="Acme">
            [|<meta name="og:title" content="Acme">|]
          </head>
        </html>
        """);

    [Fact]
    public void Arrays_are_legal() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <html>
          <head>
            <meta property="og:title" content="Acme">
            <meta property="og:image" content="https://acme.example/a.png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image" content="https://acme.example/b.png">
            <meta property="og:image:width" content="600">
            <meta property="og:locale:alternate" content="fr_FR">
            <meta property="og:locale:alternate" content="de_DE">
            <meta property="og:video" content="https://acme.example/a.mp4">
            <meta property="og:video" content="https://acme.example/b.mp4">
            <meta property="og:audio" content="https://acme.example/a.mp3">
            <meta property="og:audio" content="https://acme.example/b.mp3">
            <meta property="article:tag" content="widgets">
            <meta property="article:tag" content="tools">
          </head>
        </html>
        """);

    [Fact]
    public void Copies_in_exclusive_razor_branches_are_alternatives() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (ViewData["OgTitle"] is string title)
            {
                <meta property="og:title" content="@title" />
            }
            else if (Model is not null)
            {
                <meta property="og:title" content="@Model.Title" />
            }
            else
            {
                <meta property="og:title" content="Acme" />
            }
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void A_copy_outside_the_branches_duplicates_them() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (Model.IsPost)
            {
                <meta property="og:type" content="article" />
            }
            else
            {
                <meta property="og:type" content="website" />
            }
            [|<meta property="og:type" content="@ViewData["OgType"]" />|]
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void A_conditional_copy_without_else_duplicates_the_default() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:type" content="website" />
            @if (Model.IsPost)
            {
                [|<meta property="og:type" content="article" />|]
            }
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Reports_duplicates_inside_a_fragment() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <meta property="og:title" content="@Model.Title" />
        [|<meta property="og:title" content="@Model.Headline" />|]
        """, "Views/Blog/_SocialTags.cshtml");

    [Fact]
    public void Silent_with_one_of_each() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <html>
          <head>
            <meta property="og:title" content="Acme">
            <meta name="twitter:title" content="Acme">
            <meta name="twitter:card" content="summary">
          </head>
        </html>
        """);

    [Theory]
    [InlineData("{% if page.date %}<meta property=\"og:type\" content=\"article\">{% else %}<meta property=\"og:type\" content=\"website\">{% endif %}")]
    [InlineData("{{ if .IsPage }}<meta property=\"og:type\" content=\"article\">{{ else }}<meta property=\"og:type\" content=\"website\">{{ end }}")]
    [InlineData("{% if post %}<meta property=\"og:type\" content=\"article\">{% elif page %}<meta property=\"og:type\" content=\"book\">{% endif %}")]
    [InlineData("{{- with .Params.kind -}}<meta property=\"og:type\" content=\"{{ . }}\">{{- else -}}<meta property=\"og:type\" content=\"website\">{{- end -}}")]
    public void Tags_in_alternative_template_branches_are_not_duplicates(string tags) => RuleVerifier.Verify<SMO009DuplicateSingleTag>(
        "<html>\n<head>\n" + tags + "\n</head>\n</html>", "_layouts/default.html");

    [Fact]
    public void A_template_tag_in_a_comment_or_raw_block_is_no_copy() => RuleVerifier.Verify<SMO009DuplicateSingleTag>("""
        <html>
        <head>
          <meta property="og:title" content="{{ page.title }}">
          {# <meta property="og:title" content="old"> #}
          {% raw %}<meta property="og:title" content="{{ sample }}">{% endraw %}
        </head>
        </html>
        """, "templates/base.html");
}
