using System.Globalization;
using SmoLsp.Analysis.Model;

namespace SmoLsp.Rules.Images;

/// <summary>
/// An <c>og:image</c> and its structured properties. ogp.me: structured properties (<c>og:image:alt</c>,
/// <c>og:image:secure_url</c>, ...) describe the <c>og:image</c> declared before them, up to the next one.
/// </summary>
internal sealed record OgImageGroup(MetaTag Root, IReadOnlyList<MetaTag> Properties)
{
    public bool Has(string key) => Properties.Any(p => p.Key == key);

    /// <summary>
    /// The positive whole number a structured property states for this image as static text (<c>og:image:width</c>), or
    /// null. A property written before the <c>og:image</c> (SMO010's finding) describes no image, so it declares nothing.
    /// </summary>
    public int? Declared(string key) =>
        Properties.FirstOrDefault(p => p.Key == key && p.Element.Index > Root.Element.Index)?.Content is { IsStatic: true } value
        && int.TryParse(value.NormalizedText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;

    /// <summary>
    /// The groups in document order. Structured properties written before the first <c>og:image</c> (SMO010's
    /// finding) are counted with the first group, so one misplaced tag is not also reported as missing.
    /// </summary>
    public static IReadOnlyList<OgImageGroup> Of(HeadModel head)
    {
        var groups = new List<(MetaTag Root, List<MetaTag> Properties)>();
        var leading = new List<MetaTag>();
        foreach (var meta in head.Metas)
        {
            if (meta.Key == "og:image")
            {
                groups.Add((meta, groups.Count == 0 ? leading : []));
            }
            else if (meta.Key.StartsWith("og:image:", StringComparison.Ordinal))
            {
                (groups.Count == 0 ? leading : groups[^1].Properties).Add(meta);
            }
        }

        return groups.Select(g => new OgImageGroup(g.Root, g.Properties)).ToArray();
    }
}
