using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Urls;

namespace SmoLsp.Rules.Tests.Urls;

public sealed class SMO310PageUrlDoesNotAnswerTests
{
    private static readonly FakeWorkspace s_web = new FakeWorkspace()
        .Web("https://acme.test/about", 200)
        .Web("https://acme.test/gone", 404, reason: "Not Found")
        .Web("https://acme.test/old", 200, redirects: [(301, "https://acme.test/new")])
        .Web("https://acme.test/slow", problem: "timed out after 10 s")
        .Web("https://acme.test/broken", 500, reason: "Internal Server Error", redirects: [(302, "https://acme.test/error")]);

    [Fact]
    public void An_error_answer_is_an_error_on_the_url()
    {
        var diagnostic = RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
            <head><meta property="og:url" content="[|https://acme.test/gone|]"></head>
            """, workspace: s_web).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Message.ShouldBe("og:url 'https://acme.test/gone' answers 404 Not Found: crawlers that follow it get the error page, so shares and search results show that page's title and image");
    }

    [Fact]
    public void A_redirect_is_a_warning_naming_the_final_url()
    {
        var diagnostic = RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
            <head><link rel="canonical" href="[|https://acme.test/old|]"></head>
            """, workspace: s_web).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostic.Message.ShouldBe("<link rel=\"canonical\"> 'https://acme.test/old' redirects (301 to https://acme.test/new): crawlers follow the chain and count the page at https://acme.test/new; name the final URL");
    }

    [Fact]
    public void No_answer_says_why() => RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
        <head><meta property="og:url" content="[|https://acme.test/slow|]"></head>
        """, workspace: s_web).Single().Message.ShouldContain("could not be fetched: timed out after 10 s");

    [Fact]
    public void An_error_after_redirects_names_the_chain() => RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
        <head><meta property="og:url" content="[|https://acme.test/broken|]"></head>
        """, workspace: s_web).Single().Message.ShouldStartWith("og:url 'https://acme.test/broken' answers 500 Internal Server Error after 302 to https://acme.test/error:");

    [Fact]
    public void Silent_for_a_url_that_answers_200_and_for_what_was_not_fetched() => RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
        <head>
          <meta property="og:url" content="https://acme.test/about">
          <link rel="canonical" href="https://acme.test/not-asked">
          <meta property="og:url" content="/gone">
        </head>
        """, workspace: s_web);

    [Fact]
    public void Nothing_is_asked_without_the_network() => RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
        <head><meta property="og:url" content="https://acme.test/gone"></head>
        """, workspace: new FakeWorkspace().Image("/img/card.png", 1200, 630));

    [Fact]
    public void Razor_values_are_not_fetched() => RuleVerifier.Verify<SMO310PageUrlDoesNotAnswer>("""
        <head><meta property="og:url" content="https://acme.test/gone@Model.Slug"></head>
        """, path: "Views/Home/Index.cshtml", workspace: s_web);
}
