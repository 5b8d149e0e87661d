using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SmoLsp.Server.Cli;

/// <summary>
/// A report format. <see cref="FormatFile"/> runs on the worker thread that analyzed the file, so the ordered writer
/// only copies finished text; the other members run in file order on one thread at a time.
/// </summary>
public abstract class ReportWriter
{
    public static ReportWriter For(ReportFormat format) => format switch
    {
        ReportFormat.Json => new JsonReportWriter(),
        _ => new TextReportWriter(),
    };

    public abstract string FormatFile(string displayPath, IReadOnlyList<ReportMessage> messages);

    public virtual void WriteStart(TextWriter output)
    {
    }

    public abstract void WriteFile(TextWriter output, string formatted);

    public abstract void WriteEnd(TextWriter output, CheckSummary summary);
}

/// <summary><c>path:line:col: severity SMOxxx message</c>, one problem per line, then a summary line.</summary>
public sealed class TextReportWriter : ReportWriter
{
    public override string FormatFile(string displayPath, IReadOnlyList<ReportMessage> messages)
    {
        if (messages.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(messages.Count * 120);
        foreach (var m in messages)
        {
            sb.Append(displayPath).Append(':').Append(m.Line.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append(m.Column.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(m.Severity.ToName()).Append(' ')
                .Append(m.RuleId).Append(' ');
            AppendOneLine(sb, m.Message);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    public override void WriteFile(TextWriter output, string formatted) => output.Write(formatted);

    public override void WriteEnd(TextWriter output, CheckSummary summary) => output.Write(Summary(summary) + "\n");

    public static string Summary(CheckSummary s)
    {
        var sb = new StringBuilder();
        if (s.FilesFixed > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Fixed {Plural(s.FixesApplied, "problem")} in {Plural(s.FilesFixed, "file")}.\n");
        }

        if (s.Problems == 0)
        {
            sb.Append(s.Quiet ? "No errors" : "No problems");
        }
        else
        {
            var parts = new List<string>(4);
            if (s.Errors > 0)
            {
                parts.Add(Plural(s.Errors, "error"));
            }

            if (s.Warnings > 0)
            {
                parts.Add(Plural(s.Warnings, "warning"));
            }

            if (s.Infos > 0)
            {
                parts.Add(Plural(s.Infos, "info"));
            }

            if (s.Hints > 0)
            {
                parts.Add(Plural(s.Hints, "hint"));
            }

            sb.Append(CultureInfo.InvariantCulture, $"{Plural(s.Problems, "problem")} ({string.Join(", ", parts)}) in {Plural(s.FilesWithProblems, "file")}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"; {Plural(s.FilesChecked, "file")} checked");
        if (s.FilesSkipped > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $", {s.FilesSkipped} skipped");
        }

        sb.Append(CultureInfo.InvariantCulture, $" in {s.Elapsed.TotalSeconds:0.00}s");
        return sb.ToString();
    }

    private static string Plural(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    private static void AppendOneLine(StringBuilder sb, string message)
    {
        // One problem per line, whatever a message quotes from the page (a title may span lines).
        foreach (var c in message)
        {
            sb.Append(c is '\r' or '\n' ? ' ' : c);
        }
    }
}

/// <summary>
/// A JSON array with one object per checked file (ESLint's shape): <c>{"filePath", "messages": [{"ruleId", "severity",
/// "message", "line", "column", "endLine", "endColumn"}]}</c>. One file per line, so diffs of two runs stay readable.
/// </summary>
public sealed class JsonReportWriter : ReportWriter
{
    // Relaxed escaping: messages quote markup ("<title>"), which the default encoder would turn into \u003C.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private bool _first = true;

    public override string FormatFile(string displayPath, IReadOnlyList<ReportMessage> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + messages.Count * 200);
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteString("filePath", displayPath);
            json.WriteStartArray("messages");
            foreach (var m in messages)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", m.RuleId);
                json.WriteString("severity", m.Severity.ToName());
                json.WriteString("message", m.Message);
                json.WriteNumber("line", m.Line);
                json.WriteNumber("column", m.Column);
                json.WriteNumber("endLine", m.EndLine);
                json.WriteNumber("endColumn", m.EndColumn);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public override void WriteStart(TextWriter output) => output.Write('[');

    public override void WriteFile(TextWriter output, string formatted)
    {
        output.Write(_first ? "\n" : ",\n");
        _first = false;
        output.Write(formatted);
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary) => output.Write(_first ? "]\n" : "\n]\n");
}
