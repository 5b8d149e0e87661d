using System.Collections.Concurrent;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;

namespace SmoLsp.Server.Plugins;

/// <summary>
/// Runs plugin code (each rule's Initialize, each rule on each document) on dedicated threads and waits at most the
/// budget. Built-in rules take microseconds per document, so a plugin rule that needs seconds is stuck, not slow; the
/// margin covers first-call JIT and a loaded CI machine. Threads are reused while the code they run returns (a fresh
/// thread per run costs more than the analysis); one whose code overran is left to it and never used again, since
/// .NET cannot abort it. Not pool threads: a hung rule must not hold one, and the waiting worker is often one itself.
/// </summary>
public sealed class PluginWatchdog(TimeSpan budget) : IRuleWatchdog, IDisposable
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(5);

    private readonly ConcurrentBag<GuardThread> _idle = [];

    public TimeSpan BudgetTime { get; } = budget;

    public string Budget => Describe(BudgetTime);

    /// <summary>"5 s", "250 ms": a budget as messages quote it.</summary>
    public static string Describe(TimeSpan budget) => budget.TotalSeconds >= 1 ? $"{budget.TotalSeconds:0.#} s" : $"{budget.TotalMilliseconds:0} ms";

    public RuleRunOutcome Run(RuleDescriptor rule, Action action)
    {
        if (!_idle.TryTake(out var thread))
        {
            thread = new GuardThread();
        }

        var outcome = thread.Run(action, BudgetTime);
        if (!outcome.TimedOut)
        {
            _idle.Add(thread);
        }

        return outcome;
    }

    /// <summary>Ends the idle threads (a thread still running overdue plugin code ends when that code returns, or with the process).</summary>
    public void Dispose()
    {
        while (_idle.TryTake(out var thread))
        {
            thread.Dispose();
        }
    }

    /// <summary>One background thread that runs one action at a time for whoever hands it one. Dispose ends it (once idle).</summary>
    private sealed class GuardThread : IDisposable
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private Action? _work;
        private Exception? _error;
        private volatile bool _stop;

        public GuardThread() => new Thread(Loop) { IsBackground = true, Name = "smolsp plugin rule" }.Start();

        public RuleRunOutcome Run(Action work, TimeSpan budget)
        {
            _work = work;
            _error = null;
            _done.Reset();
            _start.Release();
            if (!_done.Wait(budget))
            {
                // Abandoned to the overdue code: the thread ends when (if ever) that code returns.
                Dispose();
                return new RuleRunOutcome(null, TimedOut: true);
            }

            _work = null;
            return _error is { } error ? new RuleRunOutcome(error, TimedOut: false) : default;
        }

        public void Dispose()
        {
            _stop = true;
            _start.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                if (_stop)
                {
                    break;
                }

                try
                {
                    _work!();
                }
                catch (Exception ex)
                {
                    _error = ex;
                }

                _done.Set();
            }

            // Disposed here, by the thread that waits on them, once nothing else will.
            _start.Dispose();
            _done.Dispose();
        }
    }
}
