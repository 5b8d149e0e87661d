using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO305CanonicalLinkTests
{
    [Fact]
    public void Missing_canonical_is_information_on_the_head()
    {
        var diagnostic = RuleVerifier.Verify<SMO305CanonicalLink>("""
            <!doctype html>
            <html>
              <head>
                <title>Acme</title>
              [|</head>|]
            </html>
            """).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostic.Message.ShouldStartWith("The canonical link is missing");
    }

    [Fact]
    public void Silent_with_one_absolute_canonical() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <html>
          <head>
            <link rel="canonical" href="https://acme.test/widgets">
          </head>
        </html>
        """);

    [Fact]
    public void Missing_is_not_reported_on_fragments() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <div class="card">@Model.Name</div>
        """, "Views/Shared/_Card.cshtml");

    [Fact]
    public void Extra_copies_are_warnings_pointing_at_the_first()
    {
        var diagnostics = RuleVerifier.Verify<SMO305CanonicalLink>("""
            <html>
              <head>
                <link rel="canonical" href="https://acme.test/widgets">
                [|<link rel="canonical" href="https://acme.test/widgets?page=2">|]
                [|<link rel="Canonical" href="https://acme.test/widgets">|]
              </head>
            </html>
            """);
        diagnostics.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning);
        diagnostics.ShouldAllBe(d => d.RelatedLocations.Count == 1);
        diagnostics.ShouldContain(d => d.Message.Contains("different URLs ('https://acme.test/widgets' and 'https://acme.test/widgets?page=2')"));
    }

    [Fact]
    public void Canonicals_in_if_else_branches_are_alternatives() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (Model.Page > 1)
            {
                <link rel="canonical" href="@Model.PageUrl" />
            }
            else
            {
                <link rel="canonical" href="https://acme.test/widgets" />
            }
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Canonical_after_an_if_without_else_is_a_duplicate() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (Model.Page > 1)
            {
                <link rel="canonical" href="@Model.PageUrl" />
            }
            [|<link rel="canonical" href="https://acme.test/widgets" />|]
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Relative_hrefs_are_warnings_on_the_href()
    {
        var diagnostics = RuleVerifier.Verify<SMO305CanonicalLink>("""
            <html>
              <head>
                <link rel="canonical" href="[|/widgets|]">
              </head>
            </html>
            """);
        diagnostics.Single().Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostics.Single().Message.ShouldBe("The canonical link has a relative href ('/widgets'): Google and Lighthouse ask for an absolute URL such as https://example.com/page");
    }

    [Theory]
    [InlineData("//acme.test/widgets")]
    [InlineData("widgets")]
    [InlineData("~/widgets")]
    public void Other_relative_forms_are_reported(string href) => RuleVerifier.Verify<SMO305CanonicalLink>($"""
        <html><head><link rel="canonical" href="[|{href}|]"></head></html>
        """);

    [Fact]
    public void Missing_href_is_reported_on_the_link() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <html><head>[|<link rel="canonical">|]</head></html>
        """);

    [Fact]
    public void Empty_href_is_reported_on_the_attribute() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <html><head><link rel="canonical" [|href=" "|]></head></html>
        """);

    [Fact]
    public void Razor_expressions_are_not_judged_unless_their_literal_start_is_relative() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <!DOCTYPE html>
        <html>
        <head>
            <link rel="canonical" href="@Context.Request.GetEncodedUrl()" />
        </head>
        <body>
            <partial name="_Pager" />
        </body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Razor_value_with_a_relative_literal_start_is_reported() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <html><head>
            <link rel="canonical" href="[|/blog/@Model.Slug|]" />
        </head></html>
        """, "Views/Blog/Post.cshtml");

    [Fact]
    public void Relative_href_in_a_fragment_is_reported() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <link rel="canonical" href="[|/widgets|]" />
        """, "Views/Shared/_HeadTags.cshtml");

    [Fact]
    public void Canonicals_under_contradicting_template_conditions_are_alternatives() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <html>
        <head>
          {%- if theme_canonical_url and not pageurl %}
            <link rel="canonical" href="{{ theme_canonical_url }}{{ pagename }}.html"/>
          {%- endif -%}
          {%- if pageurl %}
            <link rel="canonical" href="{{ pageurl|e }}" />
          {%- endif -%}
        </head>
        </html>
        """, "theme/layout.html");

    [Fact]
    public void Canonicals_in_go_template_branches_are_alternatives() => RuleVerifier.Verify<SMO305CanonicalLink>("""
        <html>
        <head>
          {{ if .IsHome }}<link rel="canonical" href="{{ .Site.BaseURL }}">{{ else }}<link rel="canonical" href="{{ .Permalink }}">{{ end }}
        </head>
        </html>
        """, "layouts/baseof.html");
}
