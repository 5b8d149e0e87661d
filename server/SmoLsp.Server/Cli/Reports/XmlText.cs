using System.Text;

namespace SmoLsp.Server.Cli;

/// <summary>An XML report (JUnit, checkstyle): the declaration and one root element around the files' parts.</summary>
public abstract class XmlReportWriter(ReportContext context, string root, string rootAttributes) : ReportWriter(context)
{
    public override void WriteStart(TextWriter output) => output.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} {rootAttributes}>\n");

    public override void WriteEnd(TextWriter output, CheckSummary summary) => output.Write($"</{root}>\n");
}

/// <summary>XML escaping for the JUnit and checkstyle reports (written by hand so each file's part can stream).</summary>
internal static class XmlText
{

    /// <summary>
    /// Escapes for an attribute or text node. Characters XML 1.0 forbids (a message may quote control characters
    /// from a broken page) become U+FFFD instead of making the whole report unreadable; line breaks and tabs in
    /// attributes are written as references so parsers keep them.
    /// </summary>
    public static string Escape(string text, bool attribute = true)
    {
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '"' when attribute:
                    sb.Append("&quot;");
                    break;
                case '\n' when attribute:
                    sb.Append("&#10;");
                    break;
                case '\r':
                    sb.Append("&#13;");
                    break;
                case '\t' when attribute:
                    sb.Append("&#9;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if ((c < 0x20 && c is not ('\n' or '\t')) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
