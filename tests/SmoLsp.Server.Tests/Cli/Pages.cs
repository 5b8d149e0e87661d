namespace SmoLsp.Server.Tests.Cli;

/// <summary>Templates the CLI tests check. The catalog grows on other branches; these lean on SMO001 (a warning with a safe fix).</summary>
public static class Pages
{
    /// <summary>No og:title: one SMO001 warning on <c>&lt;head&gt;</c> (line 3, column 1), fixable by copying the title.</summary>
    public const string MissingOgTitle = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Widgets</title>
        </head>
        <body><h1>Widgets</h1></body>
        </html>

        """;

    public const string Clean = """
        <!doctype html>
        <html>
        <head>
          <title>Acme Widgets</title>
          <meta property="og:title" content="Acme Widgets">
        </head>
        <body></body>
        </html>

        """;

    /// <summary>A partial: document-level rules do not run on it.</summary>
    public const string Fragment = "<div class=\"card\">Hello</div>\n";
}
