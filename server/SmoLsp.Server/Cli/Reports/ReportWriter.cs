using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Cli;

/// <summary>What every report format may need besides the problems: the catalog, the tool's version, where paths start.</summary>
public sealed class ReportContext
{
    public const string ToolName = "smolsp";

    public const string InformationUri = "https://github.com/smolsp/smolsp";

    public ReportContext(IReadOnlyList<RuleDescriptor> descriptors, string workingDirectory, bool color = false)
    {
        Descriptors = [.. descriptors.OrderBy(d => d.Id, StringComparer.Ordinal)];
        RuleIndex = Descriptors.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        WorkingDirectory = workingDirectory;
        Color = color;
    }

    /// <summary>Every rule the engine can report, sorted by id (SARIF's <c>ruleIndex</c> points into this order).</summary>
    public IReadOnlyList<RuleDescriptor> Descriptors { get; }

    public IReadOnlyDictionary<string, int> RuleIndex { get; }

    public string WorkingDirectory { get; }

    public bool Color { get; }

    /// <summary>The file this report is written to (as given on the command line), or null for standard output.</summary>
    public string? OutputFile { get; init; }

    public RuleDescriptor? Descriptor(string id) => RuleIndex.TryGetValue(id, out var i) ? Descriptors[i] : null;

    /// <summary>The documentation link of a rule in the catalog, or null for an id it does not know.</summary>
    public string? HelpLink(string id) => Descriptor(id) is { } d ? RuleDocs.Link(d) : null;
}

/// <summary>
/// A report format. <see cref="FormatFile"/> runs on the worker thread that analyzed the file, so the writer only
/// copies finished text; the other members run in file order on one thread. A file's part holds all its problems,
/// cross-page findings included: a file whose part changes once every page is read is formatted again.
/// </summary>
public abstract class ReportWriter(ReportContext context)
{
    protected ReportContext Context { get; } = context;

    public static ReportWriter Create(ReportFormat format, ReportContext context) => format switch
    {
        ReportFormat.Json => new JsonReportWriter(context),
        ReportFormat.Sarif => new SarifReportWriter(context),
        ReportFormat.Github => new GithubReportWriter(context),
        ReportFormat.Junit => new JunitReportWriter(context),
        ReportFormat.Checkstyle => new CheckstyleReportWriter(context),
        ReportFormat.Gitlab => new GitlabReportWriter(context),
        ReportFormat.Html => new HtmlReportWriter(context),
        _ => new TextReportWriter(context),
    };

    /// <summary>True when <see cref="FormatFile"/> draws share cards: the run then builds each page's <see cref="FileReport.Card"/>.</summary>
    public virtual bool WantsCards => false;

    /// <summary>True when <see cref="FormatFile"/> names a problem's related locations: a run of other formats does not build them.</summary>
    public virtual bool WantsRelated => false;

    public abstract string FormatFile(FileReport file);

    public virtual void WriteStart(TextWriter output)
    {
    }

    public virtual void WriteFile(TextWriter output, string formatted) => output.Write(formatted);

    public virtual void WriteEnd(TextWriter output, CheckSummary summary)
    {
    }
}

/// <summary>
/// A report that is one JSON array of the files' parts (JSON's files, SARIF's results, GitLab's issues): a file with
/// nothing to say writes an empty part, which adds no entry.
/// </summary>
public abstract class JsonArrayReportWriter(ReportContext context) : ReportWriter(context)
{
    private bool _first = true;

    /// <summary>What goes before the closing bracket: a line break after the last entry, nothing in an empty array.</summary>
    protected string BeforeClose => _first ? string.Empty : "\n";

    public override void WriteStart(TextWriter output) => output.Write('[');

    public override void WriteFile(TextWriter output, string formatted)
    {
        if (formatted.Length == 0)
        {
            return;
        }

        output.Write(_first ? "\n" : ",\n");
        _first = false;
        output.Write(formatted);
    }

    public override void WriteEnd(TextWriter output, CheckSummary summary) => output.Write(BeforeClose + "]\n");
}
