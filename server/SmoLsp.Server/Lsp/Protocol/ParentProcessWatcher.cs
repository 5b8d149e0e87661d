using System.Diagnostics;

namespace SmoLsp.Server.Lsp.Protocol;

/// <summary>Whether a process is still running; an interface so tests can kill a "client" without a process.</summary>
public interface IProcessLiveness
{
    bool IsAlive(int processId);
}

public sealed class OsProcessLiveness : IProcessLiveness
{
    public bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false; // no such process, or it exited while we looked
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true; // exists but not ours to inspect: treat as alive
        }
    }
}

/// <summary>
/// Ends the server when the client process named in <c>initialize.processId</c> dies, so an editor that crashes
/// leaves no orphaned server behind (the LSP specification asks for exactly this).
/// </summary>
public sealed class ParentProcessWatcher(IProcessLiveness liveness, TimeSpan interval)
{
    public void Start(int processId, Action onExit, CancellationToken stopping) => _ = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                if (!liveness.IsAlive(processId))
                {
                    onExit();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping anyway.
        }
    }, CancellationToken.None);
}
