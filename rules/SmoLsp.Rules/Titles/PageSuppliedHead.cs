using SmoLsp.Analysis.Model;

namespace SmoLsp.Rules.Titles;

/// <summary>
/// Whether pages still add to this document's head: a Blazor <c>&lt;HeadOutlet&gt;</c> or a layout's
/// <c>RenderSection</c> in <c>&lt;head&gt;</c> (or content the analysis could not see). Rules about tags that differ per
/// page stay silent on such a head; when a page is composed with its layout the slots are filled, so the composed head
/// decides and the page is told what it lacks (docs/composition.md).
/// </summary>
internal static class PageSuppliedHead
{
    public static bool IsOpen(HeadModel head) => head.IsExtendedElsewhere;
}
