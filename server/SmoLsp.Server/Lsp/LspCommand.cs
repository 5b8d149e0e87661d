using System.CommandLine;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;
using SmoLsp.Server.Lsp.Services;

namespace SmoLsp.Server.Lsp;

/// <summary><c>smolsp lsp [--stdio] [--log-file PATH] [--log-level LEVEL]</c>: the language server over stdio.</summary>
public static class LspCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Use stdin/stdout (the default and only transport; accepted because LSP clients pass it)." };
        var logFile = new Option<FileInfo?>("--log-file") { Description = "Also write logs to this file (rolled daily and at 10 MB)." };
        var logLevel = new Option<LogEventLevel>("--log-level")
        {
            Description = "Minimum log level: Verbose (every message), Debug, Information, Warning, Error, Fatal.",
            DefaultValueFactory = _ => LogEventLevel.Information,
        };
        var clientProcessId = new Option<int?>("--clientProcessId") { Hidden = true, Description = "Accepted for clients that pass it; initialize.processId is what is watched." };
        var command = new Command("lsp", "Run the language server over stdio (Content-Length framed JSON-RPC).")
        {
            stdio,
            logFile,
            logLevel,
            clientProcessId,
        };

        // Editors append arguments of their own; an unknown one must not keep the server from starting.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult => Run(parseResult.GetValue(logFile), parseResult.GetValue(logLevel)));
        return command;
    }

    private static int Run(FileInfo? logFile, LogEventLevel level)
    {
        // stdout carries only framed messages: take the raw stream for the protocol, then point Console.Out at stderr so
        // nothing else (a library's Console.WriteLine) can ever corrupt the stream.
        var output = Console.OpenStandardOutput();
        var input = Console.OpenStandardInput();
        Console.SetOut(Console.Error);

        // stderr until the client asks for window/logMessage (then those events go there, with their level).
        var forwarding = new ClientLogForwarding();
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Logger(stderr => stderr
                .Filter.ByExcluding(forwarding.Forwards)
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    theme: ConsoleTheme.None))
            .WriteTo.Sink(forwarding);
        if (logFile is not null)
        {
            configuration = configuration.WriteTo.File(
                logFile.FullName,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 5,
                shared: true);
        }

        using var logger = configuration.CreateLogger();
        try
        {
            return LanguageServer.RunAsync(input, output, logger, new LanguageServerOptions { LogForwarding = forwarding }).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            logger.Fatal(ex, "The language server crashed");
            return 1;
        }
    }
}
