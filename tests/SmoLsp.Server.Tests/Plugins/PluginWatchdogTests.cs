using SmoLsp.Analysis.Rules;
using SmoLsp.Server.Plugins;

namespace SmoLsp.Server.Tests.Plugins;

public sealed class PluginWatchdogTests : IDisposable
{
    private static readonly RuleDescriptor s_rule = new("TEST001", "t", "m", RuleCategory.Titles, DiagnosticSeverity.Info);

    private readonly PluginWatchdog _watchdog = new(TimeSpan.FromMilliseconds(300));
    private readonly ManualResetEventSlim _release = new(false);

    public void Dispose()
    {
        _release.Set();
        _watchdog.Dispose();
    }

    [Fact]
    public void Runs_on_a_dedicated_thread_that_is_reused_while_rules_return()
    {
        var threads = new HashSet<int>();
        for (var i = 0; i < 20; i++)
        {
            _watchdog.Run(s_rule, () =>
            {
                Thread.CurrentThread.IsThreadPoolThread.ShouldBeFalse();
                lock (threads)
                {
                    threads.Add(Environment.CurrentManagedThreadId);
                }
            }).ShouldBe(default);
        }

        threads.Count.ShouldBe(1);
    }

    [Fact]
    public void Returns_what_the_rule_threw()
    {
        var outcome = _watchdog.Run(s_rule, () => throw new FormatException("bad"));

        outcome.Exception.ShouldBeOfType<FormatException>();
        outcome.TimedOut.ShouldBeFalse();
        _watchdog.Run(s_rule, () => { }).Failed.ShouldBeFalse("the thread survives a throwing rule");
    }

    [Fact]
    public void Stops_waiting_after_the_budget_and_never_reuses_that_thread()
    {
        var hungThread = 0;
        var outcome = _watchdog.Run(s_rule, () =>
        {
            hungThread = Environment.CurrentManagedThreadId;
            _release.Wait();
        });

        outcome.TimedOut.ShouldBeTrue();
        var next = 0;
        _watchdog.Run(s_rule, () => next = Environment.CurrentManagedThreadId).Failed.ShouldBeFalse();
        next.ShouldNotBe(hungThread);
        _watchdog.Budget.ShouldBe("300 ms");
    }
}
