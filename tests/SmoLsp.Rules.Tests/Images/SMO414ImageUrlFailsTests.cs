using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO414ImageUrlFailsTests
{
    private static readonly FakeWorkspace s_web = new FakeWorkspace()
        .Web("https://cdn.test/error.png", 500, reason: "Internal Server Error", format: ImageFormat.Png)
        .Web("https://cdn.test/slow.png", problem: "timed out after 10 s", format: ImageFormat.Png)
        .Web("https://cdn.test/loop.png", problem: "a redirect loop (https://cdn.test/loop.png -> https://cdn.test/loop2.png -> https://cdn.test/loop.png)", format: ImageFormat.Png)
        .Web("https://cdn.test/gone.png", 404, reason: "Not Found", format: ImageFormat.Png)
        .Web("https://cdn.test/card.png", 200, "image/png", format: ImageFormat.Png, width: 1200, height: 630);

    [Fact]
    public void A_server_error_is_an_error_on_the_url()
    {
        var diagnostic = RuleVerifier.Verify<SMO414ImageUrlFails>("""
            <head><meta property="og:image" content="[|https://cdn.test/error.png|]"></head>
            """, workspace: s_web).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Message.ShouldBe("og:image 'https://cdn.test/error.png': https://cdn.test/error.png answers 500 Internal Server Error; crawlers get no image, so share cards show none");
    }

    [Fact]
    public void No_answer_says_why() => RuleVerifier.Verify<SMO414ImageUrlFails>("""
        <head>
          <meta property="og:image" content="[|https://cdn.test/slow.png|]">
          <meta name="twitter:image" content="[|https://cdn.test/loop.png|]">
        </head>
        """, workspace: s_web).Select(d => d.Message).ShouldBe([
            "og:image 'https://cdn.test/slow.png': https://cdn.test/slow.png could not be fetched: timed out after 10 s; crawlers get no image, so share cards show none",
            "twitter:image 'https://cdn.test/loop.png': https://cdn.test/loop.png could not be fetched: a redirect loop (https://cdn.test/loop.png -> https://cdn.test/loop2.png -> https://cdn.test/loop.png); crawlers get no image, so share cards show none",
        ]);

    [Fact]
    public void Not_found_is_SMO408s_and_an_image_that_answers_is_fine() => RuleVerifier.Verify<SMO414ImageUrlFails>("""
        <head>
          <meta property="og:image" content="https://cdn.test/gone.png">
          <meta property="og:image" content="https://cdn.test/card.png">
          <meta property="og:image" content="https://cdn.test/not-fetched.png">
        </head>
        """, workspace: s_web);

    [Fact]
    public void A_served_page_resolves_its_images_against_its_own_url() => RuleVerifier.Verify<SMO414ImageUrlFails>("""
        <head><meta property="og:image" content="[|../img/x.png|]"></head>
        """, path: "http://127.0.0.1:5000/blog/post.html", workspace: new FakeWorkspace().Web("http://127.0.0.1:5000/img/x.png", 503, reason: "Service Unavailable", format: ImageFormat.Png));
}
