using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Text;
using SmoLsp.Server.Cli;
using SmoLsp.Server.Lsp;

namespace SmoLsp.Server;

public static class Program
{
    /// <summary>
    /// smolsp's version, the one every surface shows: <c>smolsp --version</c>, the language server's <c>serverInfo</c>,
    /// the reports (SARIF <c>tool.driver</c>, the HTML report) and site-facts files. The project's <c>Version</c>,
    /// prerelease label included; the project file keeps the build from appending a <c>+commit</c> suffix.
    /// </summary>
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static int Main(string[] args)
    {
        // Our own buffered UTF-8 (no BOM) writers: Console.Out flushes on every write, which costs more than the
        // analysis on a big tree, and its encoding depends on the locale. Flushed before exit in every path.
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        using var stderr = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), 1 << 12) { AutoFlush = true };

        // Read lazily: only `check --stdin` touches it. UTF-8 unless a byte-order mark says otherwise.
        using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        try
        {
            var code = Run(args, stdout, stderr, stdin, TerminalInfo.FromConsole());
            stdout.Flush();
            return code;
        }
        catch (IOException) when (OutputClosed(stdout))
        {
            // The reader went away (`smolsp check | head`): nothing left to say to anyone, so no "internal error".
            return ExitCodes.Error;
        }
    }

    /// <summary>Parses and runs a command line with the given writers: what <see cref="Main"/> does, callable in-process by tests.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null, TerminalInfo? terminal = null)
    {
        try
        {
            var root = CreateRootCommand(terminal, stdin);
            var parseResult = root.Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                // System.CommandLine exits 1 on parse errors; 1 means "findings" here, so usage errors are ours to report as 2.
                foreach (var error in parseResult.Errors)
                {
                    stderr.WriteLine("smolsp: error: " + error.Message);
                }

                stderr.WriteLine("Run 'smolsp --help' for usage.");
                return ExitCodes.Error;
            }

            return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (IOException) when (OutputClosed(stdout))
        {
            throw; // handled in Main: a closed stdout is not an internal error
        }
        catch (Exception ex)
        {
            // The last line of defence: one clear line, never a stack trace.
            stderr.WriteLine($"smolsp: internal error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Error;
        }
    }

    private static bool OutputClosed(TextWriter stdout)
    {
        try
        {
            stdout.Flush();
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public static RootCommand CreateRootCommand(TerminalInfo? terminal = null, TextReader? stdin = null)
    {
        var root = new RootCommand("SmoLsp: finds social-media-optimization problems (Open Graph, X cards, titles, social links) in HTML, Razor and Blazor templates.");
        root.Subcommands.Add(CheckCommand.Create(terminal, stdin));
        root.Subcommands.Add(RulesCommand.Create());
        root.Subcommands.Add(RuleCommand.Create());
        root.Subcommands.Add(LspCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        // System.CommandLine's own prints the entry assembly's version: another program's when smolsp runs in-process.
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        return root;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        // As the action it replaces: `smolsp --version anything` prints the version.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Clean;
        }
    }
}
