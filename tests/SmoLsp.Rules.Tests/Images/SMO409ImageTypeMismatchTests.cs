using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO409ImageTypeMismatchTests
{
    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/card.png", 1200, 630)
        .Image("/img/photo.jpg", 1200, 630, format: ImageFormat.Jpeg)
        .Image("/img/broken.png", null, null, format: ImageFormat.Unknown, problem: "not an image");

    [Fact]
    public void Reports_a_type_the_file_contradicts()
    {
        var diagnostics = RuleVerifier.Verify<SMO409ImageTypeMismatch>("""
            <head>
              <meta property="og:image" content="/img/card.png">
              <meta property="og:image:type" content="[|image/jpeg|]">
              <meta property="og:image" content="/img/photo.jpg">
              <meta property="og:image:type" content="[|png|]">
            </head>
            """, workspace: s_site);
        diagnostics[0].Message.ShouldBe("og:image:type says 'image/jpeg', but wwwroot/img/card.png is a PNG image (image/png): write the file's real type");
    }

    [Fact]
    public void Accepts_aliases_parameters_and_case() => RuleVerifier.Verify<SMO409ImageTypeMismatch>("""
        <head>
          <meta property="og:image" content="/img/photo.jpg">
          <meta property="og:image:type" content="image/jpg">
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:type" content="Image/PNG; q=1">
        </head>
        """, workspace: s_site);

    [Fact]
    public void Silent_for_remote_unknown_unreadable_and_dynamic() => RuleVerifier.Verify<SMO409ImageTypeMismatch>("""
        <head>
            <meta property="og:image" content="https://cdn.example.com/card.png" />
            <meta property="og:image:type" content="image/jpeg" />
            <meta property="og:image" content="~/img/broken.png" />
            <meta property="og:image:type" content="image/jpeg" />
            <meta property="og:image" content="~/img/card.png" />
            <meta property="og:image:type" content="@Model.ImageType" />
        </head>
        """, "Pages/Index.cshtml", workspace: s_site);

    [Fact]
    public void The_type_belongs_to_the_image_before_it() => RuleVerifier.Verify<SMO409ImageTypeMismatch>("""
        <head>
          <meta property="og:image" content="/img/photo.jpg">
          <meta property="og:image:type" content="image/jpeg">
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:type" content="[|image/jpeg|]">
        </head>
        """, workspace: s_site);

    [Fact]
    public void Fix_writes_the_real_type() => RuleVerifier.VerifyFix<SMO409ImageTypeMismatch>("""
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:type" content="image/jpeg">
        </head>
        """, """
        <head>
          <meta property="og:image" content="/img/card.png">
          <meta property="og:image:type" content="image/png">
        </head>
        """, safety: FixSafety.Safe, workspace: s_site);
}
