using Microsoft.Extensions.DependencyInjection;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Lsp.Handlers;
using SmoLsp.Server.Lsp.Protocol;
using SmoLsp.Server.Lsp.Services;
using SmoLsp.Server.Site;
using Serilog;

namespace SmoLsp.Server.Lsp;

/// <summary>Settings of the server process itself (not of the checks).</summary>
public sealed record LanguageServerOptions
{
    /// <summary>How often the client process named in <c>initialize.processId</c> is checked.</summary>
    public TimeSpan ParentProcessCheckInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where the log goes as <c>window/logMessage</c> when the client asks for it; null: never.</summary>
    public ClientLogForwarding? LogForwarding { get; init; }
}

/// <summary>
/// Composes the language server from its services (Microsoft.Extensions.DependencyInjection) and runs it over a
/// pair of streams: stdin/stdout in production, in-memory pipes in tests.
/// </summary>
public static class LanguageServer
{
    public static ServiceProvider BuildServices(Stream input, Stream output, ILogger logger, LanguageServerOptions? options = null, Action<IServiceCollection>? configure = null)
    {
        options ??= new LanguageServerOptions();
        var services = new ServiceCollection();
        services.AddSingleton(logger);
        services.AddSingleton(options);
        services.AddSingleton(_ => new JsonRpcConnection(input, output, logger));
        services.AddSingleton<IProcessLiveness, OsProcessLiveness>();
        services.AddSingleton(sp => new ParentProcessWatcher(sp.GetRequiredService<IProcessLiveness>(), options.ParentProcessCheckInterval));
        services.AddSingleton(_ => BuiltInRules.CreateEngine());
        // The one site session: the workspace folders are its folders (set at initialize), exactly as `check` sees them.
        services.AddSingleton(sp => new SiteSession(sp.GetRequiredService<AnalysisEngine>(), new SiteOptions()));
        services.AddSingleton<ClientSession>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<DocumentAnalyzer>();
        services.AddSingleton<PluginRules>();
        services.AddSingleton<LspConverter>();
        services.AddSingleton<CrossPageReports>();
        services.AddSingleton<ClientRequests>();
        services.AddSingleton<DiagnosticPublisher>();
        services.AddSingleton<ConfigurationSync>();
        services.AddSingleton<WorkspaceDiagnostics>();
        services.AddSingleton<ServerFileWatcher>();
        services.AddSingleton<CodeActionBuilder>();
        services.AddSingleton<ShareCardService>();
        services.AddSingleton<ILspHandler, LifecycleHandler>();
        services.AddSingleton<ILspHandler, TextDocumentSyncHandler>();
        services.AddSingleton<ILspHandler, DiagnosticHandler>();
        services.AddSingleton<ILspHandler, CodeActionHandler>();
        services.AddSingleton<ILspHandler, HoverHandler>();
        services.AddSingleton<ILspHandler, ShareCardHandler>();
        services.AddSingleton<ILspHandler, WorkspaceHandler>();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Registers every handler and serves until exit; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var connection = services.GetRequiredService<JsonRpcConnection>();
        var documents = services.GetRequiredService<DocumentStore>();
        foreach (var handler in services.GetServices<ILspHandler>())
        {
            handler.Register(connection);
        }

        // Each request sees the documents as they were when it arrived.
        connection.CaptureRequestState = () => documents.Current;
        var logger = services.GetRequiredService<ILogger>();
        logger.Information("smolsp {Version} language server started (pid {Pid})", Program.Version, Environment.ProcessId);
        var exitCode = await connection.RunAsync().ConfigureAwait(false);
        logger.Information("Language server stopped with exit code {Code}", exitCode);
        return exitCode;
    }

    public static async Task<int> RunAsync(Stream input, Stream output, ILogger logger, LanguageServerOptions? options = null)
    {
        await using var services = BuildServices(input, output, logger, options);
        return await RunAsync(services).ConfigureAwait(false);
    }
}
