using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmoLsp.Analysis.Cards;
using SmoLsp.Analysis.Workspace;
using SmoLsp.Server.Cards;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Cli;

/// <summary>
/// One self-contained HTML page: every page's share cards (drawn by the same share-cards.js as the editor's preview)
/// and its problems, filterable by text, severity and rule, readable from a CI artifact without a server. Local images
/// up to <see cref="InlineLimit"/> bytes are inlined as data: URIs; larger ones are copied into a folder beside the
/// report (<c>report-images/</c> for <c>report.html</c>); on standard output every image is inlined.
/// </summary>
public sealed class HtmlReportWriter : ReportWriter
{
    public const int InlineLimit = 256 * 1024;

    // Nothing is loaded from elsewhere: inline style and script, images inlined or beside the file.
    private const string ContentSecurityPolicy = "default-src 'none'; img-src data: file: 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

    private readonly string? _imageFolder;
    private readonly string? _imageFolderName;

    public HtmlReportWriter(ReportContext context)
        : base(context)
    {
        if (context.OutputFile is { } file)
        {
            var full = Path.GetFullPath(file, context.WorkingDirectory);
            _imageFolderName = Path.GetFileNameWithoutExtension(full) + "-images";
            _imageFolder = Path.Combine(Path.GetDirectoryName(full) ?? context.WorkingDirectory, _imageFolderName);
        }
    }

    public override bool WantsCards => true;

    public override string FormatFile(FileReport file)
    {
        var sb = new StringBuilder(4096);
        var severities = file.Messages.Select(m => m.Severity.ToName()).Distinct();
        var rules = file.Messages.Select(m => m.RuleId).Distinct();
        sb.Append("<section class=\"page\" data-path=\"").Append(Html(file.DisplayPath))
          .Append("\" data-severities=\"").Append(Html(string.Join(' ', severities)))
          .Append("\" data-rules=\"").Append(Html(string.Join(' ', rules))).Append("\">\n");
        sb.Append("<h2><span class=\"path\">").Append(Html(file.DisplayPath)).Append("</span>");
        sb.Append(" <span class=\"counts\">").Append(Html(Counts(file.Messages))).Append("</span></h2>\n");
        if (file.Card is { } card)
        {
            if (card.IsComposed && card.ComposedFrom.Count > 0)
            {
                sb.Append("<p class=\"composed\">Composed with ").Append(Html(string.Join(", ", card.ComposedFrom.Select(Relative)))).Append("</p>\n");
            }

            var info = ShareCardJson.ToInfo(card, file.DisplayPath, 0, ShareCardJson.Count(file.Messages.Select(m => m.Severity)),
                s => new Location(Relative(s.Path!), LspRange.From(s.Range)),
                Relative, ImageSource);
            // The default encoder escapes <, > and &: the JSON cannot close the script element.
            sb.Append("<div class=\"cards\"></div><script type=\"application/json\" class=\"card-data\">")
              .Append(JsonSerializer.Serialize(info, LspJsonContext.Default.ShareCardInfo)).Append("</script>\n");
        }

        if (file.Messages.Count > 0)
        {
            sb.Append("<table class=\"problems\"><thead><tr><th>line</th><th>severity</th><th>rule</th><th>message</th></tr></thead><tbody>\n");
            foreach (var m in file.Messages)
            {
                var link = Context.HelpLink(m.RuleId);
                sb.Append("<tr data-severity=\"").Append(m.Severity.ToName()).Append("\" data-rule=\"").Append(Html(m.RuleId)).Append("\"><td>")
                  .Append(m.Line).Append(':').Append(m.Column).Append("</td><td class=\"sev ").Append(m.Severity.ToName()).Append("\">").Append(m.Severity.ToName())
                  .Append("</td><td>");
                if (link is not null)
                {
                    sb.Append("<a href=\"").Append(Html(link)).Append("\">").Append(Html(m.RuleId)).Append("</a>");
                }
                else
                {
                    sb.Append(Html(m.RuleId));
                }

                sb.Append("</td><td>").Append(Html(m.Message)).Append("</td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }
        else
        {
            sb.Append("<p class=\"clean\">No problems.</p>\n");
        }

        sb.Append("</section>\n");
        return sb.ToString();
    }

    public override void WriteStart(TextWriter output)
    {
        output.Write("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + ContentSecurityPolicy + "\">\n");
        output.Write("<title>SmoLsp report</title>\n<style>\n");
        output.Write(PageStyle);
        output.Write(ShareCardJson.Style);
        output.Write("</style>\n</head>\n<body>\n<header>\n<h1>SmoLsp report</h1>\n<div id=\"summary\"></div>\n");
        output.Write("<div class=\"filters\"><input id=\"q\" type=\"search\" placeholder=\"Filter by text: path, title, message\" aria-label=\"Filter by text\">\n");
        output.Write("<select id=\"severity\" aria-label=\"Severity\"><option value=\"\">every severity</option><option value=\"error\">errors</option><option value=\"warning\">warnings and worse</option><option value=\"info\">infos and worse</option><option value=\"hint\">hints and worse</option></select>\n");
        output.Write("<select id=\"rule\" aria-label=\"Rule\"><option value=\"\">every rule</option></select>\n<span id=\"shown\"></span></div>\n</header>\n<main>\n");
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary)
    {
        output.Write("</main>\n<footer id=\"summary-source\" hidden>");
        output.Write(Html(string.Format(CultureInfo.InvariantCulture, "{0} {1} in {2} of {3} checked ({4} errors, {5} warnings, {6} infos, {7} hints) · smolsp {8}",
            summary.Problems, summary.Problems == 1 ? "problem" : "problems", summary.FilesWithProblems, summary.FilesChecked == 1 ? "1 file" : summary.FilesChecked + " files",
            summary.Errors, summary.Warnings, summary.Infos, summary.Hints, Program.Version)));
        output.Write("</footer>\n<script>\n");
        output.Write(ShareCardJson.Script);
        output.Write(PageScript);
        output.Write("</script>\n</body>\n</html>\n");
    }

    private string Relative(string path)
    {
        if (Site.Web.WebAddresses.IsUrl(path))
        {
            return path; // a served page is named by its URL
        }

        var relative = Path.GetRelativePath(Context.WorkingDirectory, path);
        return relative.Replace('\\', '/');
    }

    /// <summary>A data: URI for a small local image, a path beside the report for a large one, or null (no file, or unreadable).</summary>
    private string? ImageSource(CardImage image)
    {
        if (image.FilePath is not { } path || image.Facts is not { } facts || Mime(facts.Format) is not { } mime)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length <= InlineLimit || _imageFolder is null)
            {
                return info.Length > 16 * 1024 * 1024 ? null : "data:" + mime + ";base64," + Convert.ToBase64String(File.ReadAllBytes(path));
            }

            // Named by content, so two pages sharing an image share one copy and a rerun overwrites in place.
            var bytes = File.ReadAllBytes(path);
            var name = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12] + "-" + Path.GetFileName(path);
            Directory.CreateDirectory(_imageFolder);
            var target = Path.Combine(_imageFolder, name);
            if (!File.Exists(target))
            {
                File.WriteAllBytes(target, bytes);
            }

            return _imageFolderName + "/" + Uri.EscapeDataString(name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Mime(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Gif => "image/gif",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Svg => "image/svg+xml",
        ImageFormat.Avif => "image/avif",
        _ => null,
    };

    private static string Counts(IReadOnlyList<ReportMessage> messages)
    {
        if (messages.Count == 0)
        {
            return "no problems";
        }

        return string.Join(", ", messages.GroupBy(m => m.Severity).OrderByDescending(g => g.Key)
            .Select(g => g.Count() + " " + g.Key.ToName() + (g.Count() == 1 ? string.Empty : "s")));
    }

    /// <summary>Escapes text and attribute values alike (quotes included).</summary>
    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private const string PageStyle = """
        :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
        body { margin: 0; background: Canvas; color: CanvasText; }
        header { position: sticky; top: 0; z-index: 1; background: Canvas; border-bottom: 1px solid #8884; padding: 10px 20px; }
        h1 { font-size: 18px; margin: 0 0 4px; }
        #summary { color: GrayText; font-size: 13px; margin-bottom: 8px; }
        .filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
        .filters input { flex: 1 1 260px; padding: 4px 8px; }
        #shown { color: GrayText; font-size: 12px; }
        main { padding: 10px 20px 40px; }
        .page { border-bottom: 1px solid #8884; padding: 14px 0 18px; }
        .page h2 { font-size: 15px; margin: 0 0 10px; }
        .page .counts, .composed, .clean { color: GrayText; font-weight: normal; font-size: 13px; }
        .tag { font-size: 11px; border: 1px solid #8886; border-radius: 8px; padding: 0 6px; font-weight: normal; }
        .cards { margin: 6px 0 12px; }
        table.problems { border-collapse: collapse; font-size: 13px; width: 100%; }
        table.problems th, table.problems td { text-align: left; padding: 3px 8px; border-top: 1px solid #8883; vertical-align: top; }
        table.problems td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
        .sev.error { color: #d1242f; } .sev.warning { color: #9a6700; } .sev.info { color: #0969da; } .sev.hint { color: GrayText; }
        @media (prefers-color-scheme: dark) { .sev.error { color: #ff7b72; } .sev.warning { color: #d29922; } .sev.info { color: #58a6ff; } }
        [hidden] { display: none !important; }

        """;

    private const string PageScript = """

        (function () {
          'use strict';
          const rank = { hint: 1, info: 2, warning: 3, error: 4 };
          const summary = document.getElementById('summary-source');
          document.getElementById('summary').textContent = summary ? summary.textContent : '';
          const label = (loc) => loc.uri + ':' + (loc.range.start.line + 1);
          for (const data of document.querySelectorAll('script.card-data')) {
            const target = data.previousElementSibling;
            try {
              SmolspCards.render(target, JSON.parse(data.textContent), { locationLabel: label });
            } catch (e) {
              target.textContent = 'could not draw the cards: ' + e;
            }
          }
          const pages = Array.from(document.querySelectorAll('section.page'));
          const rules = new Set();
          for (const row of document.querySelectorAll('tr[data-rule]')) rules.add(row.dataset.rule);
          const ruleSelect = document.getElementById('rule');
          for (const id of Array.from(rules).sort()) {
            const o = document.createElement('option');
            o.value = id; o.textContent = id;
            ruleSelect.appendChild(o);
          }
          const q = document.getElementById('q');
          const severity = document.getElementById('severity');
          function apply() {
            const text = q.value.trim().toLowerCase();
            const min = rank[severity.value] || 0;
            const rule = ruleSelect.value;
            let shown = 0;
            for (const page of pages) {
              const rows = Array.from(page.querySelectorAll('tr[data-rule]'));
              let visibleRows = 0;
              for (const row of rows) {
                const ok = (rank[row.dataset.severity] || 0) >= min && (!rule || row.dataset.rule === rule)
                  && (!text || row.textContent.toLowerCase().includes(text) || page.dataset.path.toLowerCase().includes(text) || page.querySelector('.cards')?.textContent.toLowerCase().includes(text));
                row.hidden = !ok;
                if (ok) visibleRows++;
              }
              const filtering = min > 0 || rule;
              const matchesText = !text || page.textContent.toLowerCase().includes(text);
              const visible = filtering ? visibleRows > 0 : matchesText;
              page.hidden = !visible;
              if (visible) shown++;
            }
            document.getElementById('shown').textContent = shown + ' of ' + pages.length + ' pages';
          }
          q.addEventListener('input', apply);
          severity.addEventListener('change', apply);
          ruleSelect.addEventListener('change', apply);
          apply();
        })();

        """;
}
