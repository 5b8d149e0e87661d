using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Images;
using SmoLsp.Rules.Tests.Infrastructure;

namespace SmoLsp.Rules.Tests.Images;

public sealed class SMO406ImageFileTooLargeTests
{
    private const long MiB = 1024 * 1024;

    private static readonly FakeWorkspace s_site = new FakeWorkspace()
        .Image("/img/huge.png", 4000, 2100, bytes: 9 * MiB)
        .Image("/img/big.jpg", 4000, 2100, bytes: 6 * MiB, format: Analysis.Workspace.ImageFormat.Jpeg)
        .Image("/img/ok.jpg", 1200, 630, bytes: 5 * MiB, format: Analysis.Workspace.ImageFormat.Jpeg);

    [Fact]
    public void Over_8_MB_is_an_error_and_over_5_MB_a_warning()
    {
        var diagnostics = RuleVerifier.Verify<SMO406ImageFileTooLarge>("""
            <head>
              <meta property="og:image" content="[|/img/huge.png|]">
              <meta name="twitter:image" content="[|/img/big.jpg|]">
              <meta property="og:image" content="/img/ok.jpg">
            </head>
            """, workspace: s_site);
        diagnostics[0].Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostics[0].Message.ShouldBe("og:image '/img/huge.png': wwwroot/img/huge.png is 9 MB; over 8 MB, Facebook does not show it and X neither");
        diagnostics[1].Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostics[1].Message.ShouldBe("twitter:image '/img/big.jpg': wwwroot/img/big.jpg is 6 MB; over 5 MB, X does not show it");
    }

    [Fact]
    public void Limits_are_configurable_in_bytes() => RuleVerifier.Verify<SMO406ImageFileTooLarge>("""
        <head>
          <meta property="og:image" content="[|/img/ok.jpg|]">
        </head>
        """, configuration: RuleVerifier.Config("""{ "rules": { "SMO406": { "warnBytes": 1000000 } } }"""), workspace: s_site);

    [Fact]
    public void Silent_for_missing_external_and_dynamic_images() => RuleVerifier.Verify<SMO406ImageFileTooLarge>("""
        <head>
            <meta property="og:image" content="~/img/missing.png" />
            <meta property="og:image" content="https://cdn.example.com/huge.png" />
            <meta property="og:image" content="@Model.Image" />
        </head>
        """, "Pages/Index.cshtml", workspace: s_site);
}
