using SmoLsp.Analysis.Composition;

namespace SmoLsp.Analysis.Tests.Composition;

/// <summary>Path arithmetic without System.IO: the host's separator is kept, "." and ".." resolve, a root is never climbed above.</summary>
public sealed class TemplatePathTests
{
    [Theory]
    [InlineData("/site/Views", "Shared/_Layout.cshtml", "/site/Views/Shared/_Layout.cshtml")]
    [InlineData("/site/Views", "Shared\\_Layout.cshtml", "/site/Views/Shared/_Layout.cshtml")]
    [InlineData("C:\\site\\Views", "Shared/_Layout.cshtml", "C:\\site\\Views\\Shared\\_Layout.cshtml")]
    [InlineData("/site/Views/", "_Layout.cshtml", "/site/Views/_Layout.cshtml")]
    [InlineData("/site/Views", "../Pages/./_Host.cshtml", "/site/Pages/_Host.cshtml")]
    [InlineData("/site", "../../../etc/passwd", "/etc/passwd")]
    [InlineData("/site", "/_layouts/default.html", "/site/_layouts/default.html")]
    [InlineData("/site", "a//b", "/site/a/b")]
    [InlineData("/site", ".hidden/x", "/site/.hidden/x")]
    [InlineData("/site", "..x/y", "/site/..x/y")]
    [InlineData("/site", "x/..", "/site")]
    [InlineData("/", "App.razor", "/App.razor")]
    [InlineData("/a\\b", "c", "/a/b/c")]
    public void Combine_resolves_like_a_path_and_keeps_the_hosts_separator(string directory, string relative, string expected) =>
        TemplatePath.Combine(directory, relative).ShouldBe(expected);
}
