using Serilog.Core;
using Serilog.Events;
using SmoLsp.Server.Lsp.Protocol;

namespace SmoLsp.Server.Lsp.Services;

/// <summary>
/// The server's log as <c>window/logMessage</c>, each event with its level's message type, for clients that ask
/// (<c>initializationOptions.logMessages</c>, the VS Code extension): their log view then shows warnings as warnings
/// rather than every stderr line as an error. Once forwarding starts, forwarded events leave stderr (no double lines);
/// the protocol trace (Verbose, one line per message) stays on stderr and in the log file, and could not be forwarded
/// anyway: each forwarded line would trace a message of its own.
/// </summary>
public sealed class ClientLogForwarding : ILogEventSink
{
    private volatile Action<int, string>? _send;

    [ThreadStatic]
    private static bool t_sending;

    /// <summary>True for events that go to the client instead of stderr.</summary>
    public bool Forwards(LogEvent logEvent) => _send is not null && logEvent.Level >= LogEventLevel.Debug;

    /// <summary>Starts forwarding through <paramref name="send"/> (message type, text).</summary>
    public void Start(Action<int, string> send) => _send = send;

    public void Emit(LogEvent logEvent)
    {
        var send = _send;
        if (send is null || !Forwards(logEvent) || t_sending)
        {
            return;
        }

        t_sending = true;
        try
        {
            var text = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
            send(TypeOf(logEvent.Level), logEvent.Exception is null ? text : text + "\n" + logEvent.Exception);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A log line that cannot be sent (the connection is closing) is not worth failing the caller for.
        }
        finally
        {
            t_sending = false;
        }
    }

    /// <summary>LSP MessageType: Error 1, Warning 2, Info 3, Log 4, Debug 5 (3.18).</summary>
    public static int TypeOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal or LogEventLevel.Error => MessageType.Error,
        LogEventLevel.Warning => MessageType.Warning,
        LogEventLevel.Information => MessageType.Info,
        LogEventLevel.Debug => MessageType.Debug,
        _ => MessageType.Log,
    };
}
