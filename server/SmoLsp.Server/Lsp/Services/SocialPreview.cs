using System.Globalization;
using System.Text;
using SmoLsp.Analysis.Cards;
using SmoLsp.Analysis.Model;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The hover over <c>&lt;head&gt;</c>, the page's anchor, <c>&lt;title&gt;</c>, social and description meta tags and the
/// canonical link: a compact share card (title, description, host, image) drawn from the same <see cref="ShareCard"/>
/// the editor's preview and the HTML report use, then what is cut, where each value comes from and what is missing.
/// Findings are not repeated: editors show them beside the hover, and the page-level ones sit on the page anchor
/// (the head's end tag), not on <c>&lt;head&gt;</c>.
/// </summary>
public static class SocialPreview
{
    /// <summary>The hover for <paramref name="offset"/>, or null when it is on none of the elements above. <paramref name="span"/> is the element hovered.</summary>
    public static string? Render(DocumentAnalysis analysis, ShareCard? card, int offset, bool markdown, out TextSpan span)
    {
        span = default;
        if (analysis.Result is not { } result || card is null || FindTarget(result.Head, result.PageAnchor, offset) is not { } target)
        {
            return null;
        }

        span = target;
        return new Writer(card, markdown, analysis.Diagnostics.Count, analysis.Document.Path).Write();
    }

    private static TextSpan? FindTarget(HeadModel head, TextSpan? pageAnchor, int offset)
    {
        static bool On(TextSpan s, int offset) => offset >= s.Start && offset < s.End;

        // <head> itself: only its start tag, or the preview would shadow every hover inside the head.
        if (head.Head is { } h && On(h.StartTagSpan, offset))
        {
            return h.StartTagSpan;
        }

        if (pageAnchor is { IsEmpty: false } anchor && On(anchor, offset))
        {
            return anchor;
        }

        var social = head.Metas.Where(m => m.Key.StartsWith("og:", StringComparison.Ordinal) || m.Key.StartsWith("twitter:", StringComparison.Ordinal) || m.Key == "description");
        return head.Titles.Select(t => t.Element).Concat(social.Select(m => m.Element)).Concat(head.Canonicals.Select(c => c.Element))
            .FirstOrDefault(e => On(e.Span, offset))?.Span;
    }

    private sealed class Writer(ShareCard card, bool markdown, int problems, string documentPath)
    {
        private readonly StringBuilder _sb = new();

        public string Write()
        {
            var facebook = card.Platform("facebook")!;
            var x = card.Platform(card.XCardType == "summary_large_image" ? "x-large" : "x-summary")!;
            // The name Slack, Discord and Google show (og:site_name, the configured name), then the host cards print.
            var siteName = card.Platform("discord")!.Site.Value?.Text;
            Bold("Share card");
            foreach (var part in new[] { siteName, card.DisplayHost ?? "(no site URL)" }.Where(p => !string.IsNullOrEmpty(p)).Distinct())
            {
                _sb.Append(" · ").Append(Text(part!));
            }
            if (card.IsComposed && card.ComposedFrom.Count > 0)
            {
                _sb.Append(" · with ").Append(Text(string.Join(", ", card.ComposedFrom.Select(Path.GetFileName))));
            }

            Line();
            Line();
            Quote(Field(facebook.Title, bold: true));
            Quote(Field(facebook.Description, bold: false));
            Quote(ImageLine(facebook.Image));
            Line();

            if (x.Title.Shown != facebook.Title.Shown || x.Description.Shown != facebook.Description.Shown)
            {
                Bold("X").Append(": ").Append(Field(x.Title, bold: false)).Append(" — ").Append(Field(x.Description, bold: false));
                Line();
            }

            var cut = card.Platforms.SelectMany(p => new[] { ("title", p, p.Title), ("description", p, p.Description) })
                .Where(f => f.Item3.IsTruncated)
                .Select(f => $"{Family(f.p.Name)} {f.Item1} at {(f.Item3.LimitDocumented ? string.Empty : "≈")}{f.Item3.Limit}")
                .Distinct().ToList();
            _sb.Append("Cut: ").Append(cut.Count == 0 ? "nothing" : string.Join(" · ", cut));
            Line();

            _sb.Append("From: title ").Append(Origin(facebook.Title)).Append(" · description ").Append(Origin(facebook.Description))
               .Append(" · X title ").Append(Origin(x.Title)).Append(" · image ").Append(facebook.Image is null ? "missing" : Origin(facebook.Image.Source, false));
            Line();

            // The Open Graph tags every platform reads first: absent ones are what "Complete the share card" writes.
            var missing = new[] { facebook.Title, facebook.Description }.Where(f => f.Value is null || f.IsFallback).Select(f => f.Chain[0]).ToList();
            if (facebook.Image is null || facebook.Image.Source.Tag != "og:image")
            {
                missing.Add("og:image");
            }

            if (missing.Count > 0)
            {
                _sb.Append("Not set: ").Append(string.Join(", ", missing.Select(Code)));
                Line();
            }

            if (problems > 0)
            {
                _sb.Append(problems == 1 ? "1 problem" : $"{problems} problems").Append(" on this page; the full preview: *SmoLsp: Show share preview*");
                Line();
            }

            return _sb.ToString().TrimEnd() + "\n";
        }

        private string Field(CardField field, bool bold)
        {
            if (field.Value is null)
            {
                return markdown ? "*(no " + field.Chain[0] + ")*" : "(no " + field.Chain[0] + ")";
            }

            var text = field.Value.IsDynamic ? Code(field.Shown!) + (markdown ? " *(set at runtime)*" : " (set at runtime)") : Text(field.Shown!);
            return bold && markdown && !field.Value.IsDynamic ? "**" + text + "**" : text;
        }

        private string ImageLine(CardImage? image)
        {
            if (image is null)
            {
                return markdown ? "*no image: cards show none, or one the platform guesses*" : "no image: cards show none, or one the platform guesses";
            }

            var sb = new StringBuilder(markdown ? "Image " : "Image: ").Append(Code(image.Url));
            if (image.Facts is { } facts)
            {
                sb.Append(" · ");
                if (facts.Width is { } w && facts.Height is { } h)
                {
                    sb.Append(w.ToString(CultureInfo.InvariantCulture)).Append('×').Append(h.ToString(CultureInfo.InvariantCulture)).Append(' ');
                }

                sb.Append(facts.Format.ToString().ToUpperInvariant()).Append(' ').Append(Size(facts.Bytes));
            }
            else if (image.IsLocal)
            {
                sb.Append(" · no such file");
            }
            else if (image.DeclaredWidth is { } dw && image.DeclaredHeight is { } dh)
            {
                sb.Append(" · declared ").Append(dw).Append('×').Append(dh);
            }

            return sb.ToString();
        }

        /// <summary>"X" for both X cards: a cut is the same on each.</summary>
        private static string Family(string name) => name.Split(" · ")[0];

        private string Origin(CardField field) => field.Value is null ? "missing" : Origin(field.Value.Source, field.IsFallback);

        private string Origin(CardSource source, bool fallback)
        {
            var where = source.IsConfiguration || source.Path is null
                ? string.Empty
                : (source.Path == documentPath ? " line " : " " + Path.GetFileName(source.Path) + ":") + (source.Range.Start.Line + 1).ToString(CultureInfo.InvariantCulture);
            return Code(source.Tag) + where + (fallback ? " (fallback)" : string.Empty);
        }

        private static string Size(long bytes) =>
            bytes >= 1024 * 1024 ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : (bytes / 1024d).ToString("0", CultureInfo.InvariantCulture) + " KB";

        private StringBuilder Bold(string text) => _sb.Append(markdown ? "**" + text + "**" : text);

        private void Quote(string text)
        {
            _sb.Append(markdown ? "> " : "  ").Append(text);
            _sb.Append(markdown ? "  \n" : "\n");
        }

        private void Line() => _sb.Append(markdown ? "  \n" : "\n");

        private string Code(string text) => markdown ? "`" + text.Replace("`", "'", StringComparison.Ordinal) + "`" : text;

        private string Text(string text) => markdown ? Escape(text) : text;

        private static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }

            return sb.ToString();
        }
    }
}
