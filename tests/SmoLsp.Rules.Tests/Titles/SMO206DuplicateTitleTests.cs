using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO206DuplicateTitleTests
{
    [Fact]
    public void Reports_each_extra_title() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        <html>
          <head>
            <title>Acme Widgets</title>
            [|<title>Acme</title>|]
          </head>
          <body>[|<title>Widgets</title>|]</body>
        </html>
        """);

    [Fact]
    public void Related_location_points_at_the_first_title()
    {
        var markup = """
            <html>
              <head>
                <title>Acme Widgets</title>
                [|<title>Acme</title>|]
              </head>
            </html>
            """;
        var diagnostic = RuleVerifier.Verify<SMO206DuplicateTitle>(markup).Single();
        var related = diagnostic.RelatedLocations.Single();
        var text = markup.Replace("[|", string.Empty, StringComparison.Ordinal).Replace("|]", string.Empty, StringComparison.Ordinal);
        text.Substring(related.Span.Start, related.Span.Length).ShouldBe("<title>Acme Widgets</title>");
        diagnostic.Message.ShouldContain("line 3");
    }

    [Fact]
    public void Silent_for_one_title_and_svg_titles() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        <html>
          <head>
            <title>Acme Widgets</title>
          </head>
          <body><svg><title>Logo</title></svg></body>
        </html>
        """);

    [Fact]
    public void If_else_branches_are_alternatives() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (ViewData["Title"] is null)
            {
                <title>Acme Widgets</title>
            }
            else
            {
                <title>@ViewData["Title"] - Acme</title>
            }
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void A_title_after_the_if_else_is_a_copy() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            @if (ViewData["Title"] is null)
            {
                <title>Acme Widgets</title>
            }
            else
            {
                <title>@ViewData["Title"] - Acme</title>
            }
            [|<title>Acme</title>|]
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Title_and_page_title_in_one_document() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>Acme</title>
            [|<PageTitle>Acme Widgets</PageTitle>|]
        </head>
        </html>
        """, "Components/App.razor");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        @page "/"
        <PageTitle>Home</PageTitle>
        <PageTitle>Acme</PageTitle>
        """, "Components/Pages/Home.razor");

    [Fact]
    public void Many_titles_in_one_if_else_chain_are_alternatives()
    {
        // Only the title after the chain is a copy (of the chain's titles).
        var branches = string.Join("\n    else ", Enumerable.Range(0, 2000).Select(i => $"if (x == {i}) {{ <title>Title {i}</title> }}"));
        RuleVerifier.Verify<SMO206DuplicateTitle>($"<!DOCTYPE html>\n<html>\n<head>\n    @{branches}\n    [|<title>Acme</title>|]\n</head>\n</html>\n", "Views/Shared/_Layout.cshtml");
    }

    [Fact]
    public void Titles_in_template_branches_svg_and_code_samples_are_not_second_titles() => RuleVerifier.Verify<SMO206DuplicateTitle>("""
        <html>
        <head>
          {% if page.title %}<title>{{ page.title }}</title>{% else %}<title>{{ site.title }}</title>{% endif %}
        </head>
        <body>
          <svg class="icon"><title>Search</title></svg>
          <pre><code>&lt;title&gt;escaped&lt;/title&gt; <title>literal</title></code></pre>
          {% highlight html %}<title>sample</title>{% endhighlight %}
        </body>
        </html>
        """, "_layouts/default.html");
}
