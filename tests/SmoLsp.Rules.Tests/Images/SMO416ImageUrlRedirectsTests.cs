using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO416ImageUrlRedirectsTests
{
    private static readonly FakeWorkspace s_web = new FakeWorkspace()
        .Web("https://cdn.test/old.png", 200, "image/png", redirects: [(301, "https://cdn.test/new.png")], format: ImageFormat.Png, width: 1200, height: 630)
        .Web("https://cdn.test/down.png", 200, "image/png", redirects: [(302, "http://cdn.test/down.png")], format: ImageFormat.Png, width: 1200, height: 630)
        .Web("https://cdn.test/gone.png", 404, redirects: [(301, "https://cdn.test/nothing.png")], format: ImageFormat.Png)
        .Web("https://cdn.test/card.png", 200, "image/png", format: ImageFormat.Png, width: 1200, height: 630);

    [Fact]
    public void A_redirect_is_information_naming_the_final_url()
    {
        var diagnostic = RuleVerifier.Verify<SMO416ImageUrlRedirects>("""
            <head><meta property="og:image" content="[|https://cdn.test/old.png|]"></head>
            """, workspace: s_web).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Info);
        diagnostic.Message.ShouldBe("og:image 'https://cdn.test/old.png' redirects (301 to https://cdn.test/new.png): every crawler makes 1 extra request(s) before the image; point og:image at https://cdn.test/new.png");
    }

    [Fact]
    public void A_redirect_to_http_is_a_warning() => RuleVerifier.Verify<SMO416ImageUrlRedirects>("""
        <head><meta property="og:image" content="[|https://cdn.test/down.png|]"></head>
        """, workspace: s_web).Single().Severity.ShouldBe(DiagnosticSeverity.Warning);

    [Fact]
    public void Silent_without_a_redirect_or_when_the_end_is_an_error() => RuleVerifier.Verify<SMO416ImageUrlRedirects>("""
        <head>
          <meta property="og:image" content="https://cdn.test/card.png">
          <meta property="og:image" content="https://cdn.test/gone.png">
        </head>
        """, workspace: s_web);
}
