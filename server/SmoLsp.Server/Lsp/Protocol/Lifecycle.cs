namespace SmoLsp.Server.Lsp.Protocol;

public enum LifecycleState
{
    /// <summary>Waiting for <c>initialize</c>: other requests fail with -32002, notifications are dropped.</summary>
    Uninitialized,

    /// <summary>Between the <c>initialize</c> response and <c>shutdown</c>.</summary>
    Running,

    /// <summary>After <c>shutdown</c>: requests fail with -32600; only <c>exit</c> matters.</summary>
    ShutDown,
}

/// <summary>
/// The LSP lifecycle as a state machine, and what each state allows. Kept apart from message handling so the rules
/// of the specification read in one place.
/// </summary>
public sealed class Lifecycle
{
    private int _state = (int)LifecycleState.Uninitialized;

    public LifecycleState State => (LifecycleState)Volatile.Read(ref _state);

    /// <summary>The exit code the process ends with: 0 after a shutdown request, 1 otherwise (the LSP rule for <c>exit</c>).</summary>
    public int ExitCode => State == LifecycleState.ShutDown ? 0 : 1;

    /// <summary>The error a request gets in the current state, or null when it may run.</summary>
    public (int Code, string Message)? RejectRequest(string method) => State switch
    {
        LifecycleState.Uninitialized when method != "initialize" => (ErrorCodes.ServerNotInitialized, "the server has not been initialized"),
        LifecycleState.Running when method == "initialize" => (ErrorCodes.InvalidRequest, "initialize may only be sent once"),
        LifecycleState.ShutDown => (ErrorCodes.InvalidRequest, "the server is shut down; only exit is accepted"),
        _ => null,
    };

    /// <summary>
    /// True when a notification should be handled: only while running. Before initialize they are dropped, as the
    /// specification says; <c>exit</c> and <c>$/cancelRequest</c> are handled by the connection in every state.
    /// </summary>
    public bool AcceptsNotification() => State == LifecycleState.Running;

    public void Initialized() => Interlocked.CompareExchange(ref _state, (int)LifecycleState.Running, (int)LifecycleState.Uninitialized);

    public void ShutDown() => Volatile.Write(ref _state, (int)LifecycleState.ShutDown);
}
