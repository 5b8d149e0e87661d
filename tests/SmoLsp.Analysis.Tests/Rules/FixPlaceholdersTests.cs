using SmoLsp.Analysis.Fixes;

namespace SmoLsp.Analysis.Tests.Rules;

public sealed class FixPlaceholdersTests
{
    [Fact]
    public void The_placeholder_becomes_the_first_tab_stop_and_the_rest_is_escaped()
    {
        FixPlaceholders.ToSnippet("\n  <meta property=\"og:title\" content=\"TODO: page title\">")
            .ShouldBe("\n  <meta property=\"og:title\" content=\"${1:page title}\">$0");
        FixPlaceholders.ToSnippet("\n<title>TODO: page title</title>").ShouldBe("\n<title>${1:page title}</title>$0");
        // Several placeholders (one "complete the share card" block): tab stops in order.
        FixPlaceholders.ToSnippet("<meta content=\"TODO: a\">\n<meta content=\"Acme\">\n<meta content=\"TODO: b\">")
            .ShouldBe("<meta content=\"${1:a}\">\n<meta content=\"Acme\">\n<meta content=\"${2:b}\">$0");
        // $, } and \ are snippet syntax: escaped outside and inside the placeholder.
        FixPlaceholders.ToSnippet("""@{ x = "$5}\"; }<meta content="TODO: a $5 {thing}">""")
            .ShouldBe("""@{ x = "\$5\}\\"; \}<meta content="${1:a \$5 {thing\}}">$0""");
    }

    [Fact]
    public void Text_without_a_placeholder_has_no_snippet() =>
        FixPlaceholders.ToSnippet("<meta property=\"og:title\" content=\"Acme\">").ShouldBeNull();
}
