using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO415ImageContentTypeTests
{
    private static readonly FakeWorkspace s_web = new FakeWorkspace()
        .Web("https://cdn.test/html.png", 200, "text/html", format: ImageFormat.Png, width: 1200, height: 630)
        .Web("https://cdn.test/none.png", 200, null, format: ImageFormat.Png, width: 1200, height: 630)
        .Web("https://cdn.test/jpeg.png", 200, "image/jpeg", format: ImageFormat.Png, width: 1200, height: 630)
        .Web("https://cdn.test/ok.png", 200, "image/png", format: ImageFormat.Png, width: 1200, height: 630)
        .Web("https://cdn.test/ok.jpg", 200, "image/jpg", format: ImageFormat.Jpeg, width: 1200, height: 630)
        .Web("https://cdn.test/page", 200, "text/html", format: ImageFormat.Unknown);

    [Fact]
    public void A_type_that_is_not_an_image_is_an_error()
    {
        var diagnostic = RuleVerifier.Verify<SMO415ImageContentType>("""
            <head><meta property="og:image" content="[|https://cdn.test/html.png|]"></head>
            """, workspace: s_web).Single();
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Message.ShouldBe("og:image 'https://cdn.test/html.png': https://cdn.test/html.png is served as text/html, not as an image: Facebook rejects it (invalid content type); serve it as image/png");
    }

    [Fact]
    public void No_type_is_an_error_and_another_image_type_a_warning()
    {
        var diagnostics = RuleVerifier.Verify<SMO415ImageContentType>("""
            <head>
              <meta property="og:image" content="[|https://cdn.test/none.png|]">
              <meta name="twitter:image" content="[|https://cdn.test/jpeg.png|]">
            </head>
            """, workspace: s_web);
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostics[0].Message.ShouldContain("is served without a Content-Type");
        diagnostics[1].Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostics[1].Message.ShouldBe("twitter:image 'https://cdn.test/jpeg.png': https://cdn.test/jpeg.png is served as image/jpeg but is a PNG image: strict consumers refuse it; serve it as image/png");
    }

    [Fact]
    public void Silent_for_the_right_type_an_alias_and_bytes_that_are_no_image() => RuleVerifier.Verify<SMO415ImageContentType>("""
        <head>
          <meta property="og:image" content="https://cdn.test/ok.png">
          <meta property="og:image" content="https://cdn.test/ok.jpg">
          <meta property="og:image" content="https://cdn.test/page">
        </head>
        """, workspace: s_web);

    [Fact]
    public void Local_files_have_no_content_type_to_judge() => RuleVerifier.Verify<SMO415ImageContentType>("""
        <head><meta property="og:image" content="/img/card.png"></head>
        """, workspace: new FakeWorkspace().Image("/img/card.png", 1200, 630));
}
