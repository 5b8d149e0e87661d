using SmoLsp.Analysis.Model;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Whether pages add to this document's head: a Blazor <c>&lt;HeadOutlet&gt;</c> (pages supply <c>&lt;PageTitle&gt;</c>
/// and <c>&lt;HeadContent&gt;</c>), or a layout that renders a section or a partial inside <c>&lt;head&gt;</c>. Until
/// layout composition lands, "missing tag" rules cannot know what such a head ends up with, so they stay silent
/// rather than report every Blazor App.razor and every sectioned layout.
/// </summary>
internal static class PageSuppliedHead
{
    public static bool IsOpen(HeadModel head) => head.IsExtendedElsewhere;
}
