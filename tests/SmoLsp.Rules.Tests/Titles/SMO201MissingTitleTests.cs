using SmoLsp.Analysis.Rules;
using SmoLsp.Rules.Tests.Infrastructure;
using SmoLsp.Rules.Titles;

namespace SmoLsp.Rules.Tests.Titles;

public sealed class SMO201MissingTitleTests
{
    [Fact]
    public void Reports_on_head_when_no_title() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <!doctype html>
        <html>
          <head>
            <meta charset="utf-8">
          [|</head>|]
          <body><h1>Acme Widgets</h1></body>
        </html>
        """);

    [Fact]
    public void Silent_with_title() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <html>
          <head>
            <title>Acme Widgets</title>
          </head>
        </html>
        """);

    [Fact]
    public void Empty_title_is_present_for_this_rule() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <html>
          <head>
            <title></title>
          </head>
        </html>
        """);

    [Fact]
    public void Silent_with_dynamic_razor_title() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <title>@ViewData["Title"] - Acme</title>
        </head>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_with_blazor_page_title() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <PageTitle>Acme Widgets</PageTitle>
        </head>
        </html>
        """, "Components/App.razor");

    [Fact]
    public void Silent_on_blazor_app_with_head_outlet() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <base href="/" />
            <HeadOutlet @rendermode="InteractiveServer" />
        </head>
        <body>
            <Routes @rendermode="InteractiveServer" />
        </body>
        </html>
        """, "Components/App.razor");

    [Fact]
    public void Silent_on_layout_whose_head_renders_a_section() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
            @await RenderSectionAsync("Head", required: false)
        </head>
        <body>@RenderBody()</body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_layout_whose_head_renders_a_partial() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <partial name="_HeadMeta" />
        </head>
        <body>@RenderBody()</body>
        </html>
        """, "Views/Shared/_Layout.cshtml");

    [Fact]
    public void Silent_on_fragments() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <div class="card"><h1>Widgets</h1></div>
        """, "Views/Shared/_Card.cshtml");

    [Fact]
    public void Svg_title_is_not_a_page_title() => RuleVerifier.Verify<SMO201MissingTitle>("""
        <html>
          <head>
          [|</head>|]
          <body><svg><title>Logo</title></svg></body>
        </html>
        """);

    [Fact]
    public void Message_names_the_source_of_the_fix()
    {
        var diagnostic = RuleVerifier.Verify<SMO201MissingTitle>("""
            <html>
              <head>
                <meta property="og:title" content="Acme Widgets">
              [|</head>|]
            </html>
            """).Single();
        diagnostic.Message.ShouldContain("<title>");
        diagnostic.Message.ShouldContain("og:title");
    }

    [Fact]
    public void Fix_copies_static_og_title_after_charset_and_viewport() => RuleVerifier.VerifyFix<SMO201MissingTitle>("""
        <html>
          <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width">
            <link rel="stylesheet" href="site.css">
            <meta property="og:title" content="Acme &amp; Sons <Widgets>">
          </head>
        </html>
        """, """
        <html>
          <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width">
            <title>Acme &amp; Sons &lt;Widgets></title>
            <link rel="stylesheet" href="site.css">
            <meta property="og:title" content="Acme &amp; Sons <Widgets>">
          </head>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_copies_static_h1() => RuleVerifier.VerifyFix<SMO201MissingTitle>("""
        <!doctype html>
        <html>
        <head>
        	<meta charset="utf-8">
        </head>
        <body>
        	<h1>Hand-made <em>widgets</em></h1>
        </body>
        </html>
        """, """
        <!doctype html>
        <html>
        <head>
        	<meta charset="utf-8">
        	<title>Hand-made widgets</title>
        </head>
        <body>
        	<h1>Hand-made <em>widgets</em></h1>
        </body>
        </html>
        """, safety: FixSafety.Safe);

    [Fact]
    public void Fix_escapes_at_signs_in_razor() => RuleVerifier.VerifyFix<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
        </head>
        <body>
            <h1>Follow @@acme, mail hello@acme.example</h1>
        </body>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8" />
            <title>Follow @@acme, mail hello@acme.example</title>
        </head>
        <body>
            <h1>Follow @@acme, mail hello@acme.example</h1>
        </body>
        </html>
        """, "Views/Home/Landing.cshtml", safety: FixSafety.Safe);

    [Fact]
    public void Fix_from_dynamic_og_title_is_a_suggestion() => RuleVerifier.VerifyFix<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:title" content="@Model.Title - Acme" />
        </head>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <meta property="og:title" content="@Model.Title - Acme" />
            <title>@Model.Title - Acme</title>
        </head>
        </html>
        """, "Views/Products/Details.cshtml", safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_from_dynamic_h1_is_a_suggestion() => RuleVerifier.VerifyFix<SMO201MissingTitle>("""
        <!DOCTYPE html>
        <html>
        <head>
        </head>
        <body>
            <h1>@Model.Name</h1>
        </body>
        </html>
        """, """
        <!DOCTYPE html>
        <html>
        <head>
            <title>@Model.Name</title>
        </head>
        <body>
            <h1>@Model.Name</h1>
        </body>
        </html>
        """, "Views/Products/Details.cshtml", safety: FixSafety.Suggestion);

    [Fact]
    public void Fix_without_source_inserts_a_placeholder() => RuleVerifier.VerifyFix<SMO201MissingTitle>("""
        <html>
          <head>
            <link rel="icon" href="favicon.ico">
          </head>
          <body><h1><span>@Model.Name</span></h1></body>
        </html>
        """, """
        <html>
          <head>
            <title>TODO: page title</title>
            <link rel="icon" href="favicon.ico">
          </head>
          <body><h1><span>@Model.Name</span></h1></body>
        </html>
        """, "Views/Products/Details.cshtml", safety: FixSafety.Suggestion);
}
