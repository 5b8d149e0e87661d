using System.Diagnostics;

namespace SmoLsp.Server.Site;

/// <summary>
/// Runs analyses on threads of its own and gives up on one that runs past its limit. The engine stops itself when its
/// time budget is up, but only where it looks (between rules, every few hundred elements, at each report): a rule that
/// loops without reporting (a quadratic scan of a page of 200,000 tags took minutes) would hold its thread, and the
/// run, for as long as it likes. Past the limit the item's result comes from <c>overrun</c>, a fresh thread takes the
/// stuck one's place, and whatever the stuck thread returns later is dropped. .NET cannot stop a thread: the stuck one
/// is a background thread that runs on until it returns or the process ends.
/// </summary>
internal static class OverrunGuard
{
    // Item states: claimed by exactly one of the thread that ran it (Done) and the watchdog (GivenUp).
    private const int Running = 1, Done = 2, GivenUp = 3;

    private sealed class Worker
    {
        public int Item = -1;
        public long Started;
        public bool Waiting;
    }

    [ThreadStatic]
    private static Worker? t_current;

    /// <summary>
    /// Runs <paramref name="wait"/> off the clock: the web answers on timeouts of its own, so a slow image must not make a
    /// page look stuck. The item's time starts again after it.
    /// </summary>
    public static void OffTheClock(Action wait)
    {
        if (t_current is not { } worker)
        {
            wait();
            return;
        }

        Volatile.Write(ref worker.Waiting, true);
        try
        {
            wait();
        }
        finally
        {
            Volatile.Write(ref worker.Started, Stopwatch.GetTimestamp());
            Volatile.Write(ref worker.Waiting, false);
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> for items 0..<paramref name="count"/>-1 on <paramref name="threads"/> threads, whoever is
    /// free taking the next, and hands each answer to <paramref name="finish"/> on the thread that ran it. An item still
    /// running after <paramref name="limit"/> is finished with <paramref name="overrun"/> instead, on the caller's thread.
    /// Returns when every item is finished or <paramref name="cancellation"/> is cancelled.
    /// </summary>
    public static void Run<T>(int count, int threads, TimeSpan limit, Func<int, T> run, Action<int, T> finish, Func<int, T> overrun, CancellationToken cancellation = default)
    {
        var states = new int[count];
        var next = -1;
        var live = new List<Worker>();
        var exited = new SemaphoreSlim(0);
        Exception? failure = null;

        void Start()
        {
            var worker = new Worker();
            live.Add(worker);
            new Thread(() =>
            {
                t_current = worker;
                try
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count && !cancellation.IsCancellationRequested)
                    {
                        Volatile.Write(ref worker.Started, Stopwatch.GetTimestamp());
                        Volatile.Write(ref worker.Item, i);
                        states[i] = Running;
                        var answer = run(i);
                        if (Interlocked.CompareExchange(ref states[i], Done, Running) != Running)
                        {
                            return; // given up: another thread has taken this one's place
                        }

                        finish(i, answer);
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }

                Volatile.Write(ref worker.Item, -1); // gone: never to be given up (and replaced) after it has exited
                exited.Release();
            })
            { IsBackground = true, Name = "smolsp analysis" }.Start();
        }

        for (var t = 0; t < Math.Clamp(threads, 1, Math.Max(1, count)); t++)
        {
            Start();
        }

        var running = live.Count;
        var check = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 4, 10, 250));
        while (running > 0)
        {
            if (exited.Wait(check, CancellationToken.None))
            {
                running--;
                continue;
            }

            foreach (var worker in live.ToArray())
            {
                var item = Volatile.Read(ref worker.Item);
                var started = Volatile.Read(ref worker.Started);
                if (item < 0 || Volatile.Read(ref worker.Waiting) || item != Volatile.Read(ref worker.Item) || Stopwatch.GetElapsedTime(started) <= limit
                    || Interlocked.CompareExchange(ref states[item], GivenUp, Running) != Running)
                {
                    continue;
                }

                finish(item, overrun(item));
                live.Remove(worker);
                Start();
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        cancellation.ThrowIfCancellationRequested();
    }
}
