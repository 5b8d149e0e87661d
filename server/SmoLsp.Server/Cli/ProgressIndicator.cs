using System.Globalization;

namespace SmoLsp.Server.Cli;

/// <summary>
/// "smolsp: 1200/5000 files" on standard error, redrawn in place, once a run has taken longer than
/// <see cref="Delay"/>: short runs (most) print nothing, and nothing is ever drawn when standard error is not a
/// terminal (the command only creates one then). Every write happens under the runner's output lock, so a note
/// printed mid-run first clears the line.
/// </summary>
public sealed class ProgressIndicator : IDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _stderr;
    private readonly object _gate;
    private readonly int _total;
    private readonly Timer _timer;
    private int _done;
    private bool _shown;
    private bool _disposed;

    public ProgressIndicator(TextWriter stderr, object gate, int total)
        : this(stderr, gate, total, Delay)
    {
    }

    /// <summary>Tests pass <see cref="Timeout.InfiniteTimeSpan"/> and call <see cref="Draw"/> themselves: no sleeping, no flakiness.</summary>
    internal ProgressIndicator(TextWriter stderr, object gate, int total, TimeSpan delay)
    {
        _stderr = stderr;
        _gate = gate;
        _total = total;
        _timer = new Timer(_ => Draw(), null, delay, delay == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : s_interval);
    }

    /// <summary>Called under the gate as each file's report is written.</summary>
    public void Advance() => _done++;

    /// <summary>Clears the line before something else goes to standard error (call under the gate).</summary>
    public void Clear()
    {
        if (_shown)
        {
            _stderr.Write("\r\u001b[2K");
            _stderr.Flush();
            _shown = false;
        }
    }

    internal void Draw()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[2Ksmolsp: {_done}/{_total} files"));
            _stderr.Flush();
            _shown = true;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            _disposed = true;
            Clear();
        }
    }
}
