using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Engine;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Text;

namespace SmoLsp.Analysis.Tests.Engine;

/// <summary>Plugin rules run guarded: a budget from the host's watchdog, a thread of their own, disabled when they hang.</summary>
public sealed class GuardedRuleTests : IDisposable
{
    private const string Page = "<html><head><meta name=a><meta name=b></head></html>";

    // Released on dispose so the abandoned threads of hanging rules finish with the test.
    private readonly ManualResetEventSlim _release = new(false);

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }

    /// <summary>A watchdog as a host writes one (tests may read the clock; the core may not).</summary>
    private sealed class TestWatchdog(TimeSpan budget) : IRuleWatchdog
    {
        public int Started;

        public string Budget => "test budget";

        public RuleRunOutcome Run(RuleDescriptor rule, Action action)
        {
            Interlocked.Increment(ref Started);
            var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                if (!task.Wait(budget))
                {
                    return new RuleRunOutcome(null, TimedOut: true);
                }
            }
            catch (AggregateException ex)
            {
                return new RuleRunOutcome(ex.InnerExceptions[0], TimedOut: false);
            }

            return default;
        }
    }

    private sealed class PluginMetaRule : Rule
    {
        public static readonly RuleDescriptor Rule = new("ACME990", "Every meta", "meta {0}", RuleCategory.OpenGraph, DiagnosticSeverity.Warning) { HelpLinkUri = "https://acme.example/ACME990" };

        public override RuleDescriptor Descriptor => Rule;

        public override void Initialize(RuleRegistration registration)
        {
            registration.RegisterElementAction((context, e) => context.Report(e.StartTagSpan, args: [e.GetAttributeValue("name")?.Text]), "meta");
            registration.RegisterDocumentAction(context => context.Report(new TextSpan(0, 0), args: ["document"]));
        }
    }

    private sealed class HangingRule(ManualResetEventSlim release) : Rule
    {
        public static readonly RuleDescriptor Rule = new("ACME991", "Hangs", "never", RuleCategory.OpenGraph, DiagnosticSeverity.Warning);

        public int Runs;

        public override RuleDescriptor Descriptor => Rule;

        public override void Initialize(RuleRegistration registration) => registration.RegisterDocumentAction(context =>
        {
            Interlocked.Increment(ref Runs);
            context.Report(new TextSpan(0, 1));
            release.Wait();
            context.Report(new TextSpan(0, 1)); // after the budget: must never reach the results
        });
    }

    private sealed class ThrowingInitializeRule : Rule
    {
        public override RuleDescriptor Descriptor { get; } = new("ACME992", "Init throws", "never", RuleCategory.OpenGraph, DiagnosticSeverity.Warning);

        public override void Initialize(RuleRegistration registration) => throw new InvalidOperationException("no init");
    }

    private sealed class ThrowingAnalyzeRule : Rule
    {
        public override RuleDescriptor Descriptor { get; } = new("ACME993", "Analyze throws", "never", RuleCategory.OpenGraph, DiagnosticSeverity.Warning);

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterElementAction((context, _) => throw new FormatException("bad meta"), "meta");
    }

    private static AnalysisResult Analyze(AnalysisEngine engine, string text = Page, string path = "index.html", SmoLspConfiguration? config = null) =>
        engine.Analyze(TemplateDocument.FromPath(path, text), config);

    [Fact]
    public void Guarded_rules_report_like_built_in_rules()
    {
        var watchdog = new TestWatchdog(TimeSpan.FromMinutes(1));
        var engine = new AnalysisEngine([new HeadRule()], [new PluginMetaRule()], watchdog);

        var result = Analyze(engine);

        result.Diagnostics.Where(d => d.Id == "ACME990").Select(d => d.Message).ShouldBe(["meta document", "meta a", "meta b"]);
        result.Diagnostics.ShouldContain(d => d.Id == "SMO992");
        engine.Descriptors.ShouldContain(PluginMetaRule.Rule);
        engine.GuardedRules.ShouldHaveSingleItem().ShouldBeOfType<PluginMetaRule>();
        engine.Rules.ShouldHaveSingleItem().ShouldBeOfType<HeadRule>();
        watchdog.Started.ShouldBe(2, "one budget for Initialize, one for the document");
    }

    [Fact]
    public void Severity_configuration_and_suppressions_apply_to_guarded_rules()
    {
        var engine = new AnalysisEngine([], [new PluginMetaRule()], new TestWatchdog(TimeSpan.FromMinutes(1)));
        var config = SmoLspConfiguration.Default.WithRuleSeverity("ACME990", RuleSeverity.Error);

        var result = Analyze(engine, "<html><head><!-- smolsp-disable-next-line acme990 -->\n<meta name=a></head></html>", config: config);

        result.Diagnostics.Where(d => d.Id == "ACME990").ShouldAllBe(d => d.Severity == DiagnosticSeverity.Error);
        result.Suppressed.ShouldHaveSingleItem().Diagnostic.Message.ShouldBe("meta a");
        Analyze(engine, config: SmoLspConfiguration.Default.WithRuleSeverity("ACME990", RuleSeverity.Off)).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_rule_over_its_budget_becomes_SMO900_once_and_is_disabled_for_the_rest_of_the_run()
    {
        var hanging = new HangingRule(_release);
        var engine = new AnalysisEngine([], [hanging, new PluginMetaRule()], new TestWatchdog(TimeSpan.FromMilliseconds(100)));

        var first = Analyze(engine);

        var failure = first.Diagnostics.Single(d => d.Id == "SMO900");
        failure.Message.ShouldContain("ACME991");
        failure.Message.ShouldContain("exceeded its time budget (test budget)");
        first.Diagnostics.ShouldNotContain(d => d.Id == "ACME991");
        first.Diagnostics.Count(d => d.Id == "ACME990").ShouldBe(3, "the other plugin rule still ran");
        var disabled = engine.DisabledRules.ShouldHaveSingleItem();
        disabled.Descriptor.ShouldBe(HangingRule.Rule);
        disabled.DocumentPath.ShouldBe("index.html");

        var second = Analyze(engine, path: "other.html");

        second.Diagnostics.ShouldNotContain(d => d.Id == "SMO900");
        hanging.Runs.ShouldBe(1);
    }

    [Fact]
    public void A_rule_that_throws_in_Initialize_is_disabled_and_the_engine_still_works()
    {
        var engine = new AnalysisEngine([new HeadRule()], [new ThrowingInitializeRule(), new PluginMetaRule()], new TestWatchdog(TimeSpan.FromMinutes(1)));

        var disabled = engine.DisabledRules.ShouldHaveSingleItem();
        disabled.Descriptor.Id.ShouldBe("ACME992");
        disabled.Reason.ShouldContain("InvalidOperationException: no init");
        disabled.DocumentPath.ShouldBeNull();
        var result = Analyze(engine);
        result.Diagnostics.ShouldContain(d => d.Id == "ACME990");
        result.Diagnostics.ShouldNotContain(d => d.Id == "SMO900");
    }

    [Fact]
    public void A_guarded_rule_that_throws_becomes_SMO900_on_that_document_and_still_runs_on_the_next()
    {
        var engine = new AnalysisEngine([], [new ThrowingAnalyzeRule()], new TestWatchdog(TimeSpan.FromMinutes(1)));

        Analyze(engine).Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("FormatException: bad meta");
        Analyze(engine).Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("SMO900");
        engine.DisabledRules.ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_watchdog_guarded_rules_run_inline_and_still_isolated()
    {
        var engine = new AnalysisEngine([], [new ThrowingInitializeRule(), new ThrowingAnalyzeRule()], null);

        engine.DisabledRules.ShouldHaveSingleItem().Descriptor.Id.ShouldBe("ACME992");
        Analyze(engine).Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("SMO900");
    }

    [Fact]
    public void Guarded_ids_may_not_repeat_built_in_ones()
    {
        Should.Throw<ArgumentException>(() => new AnalysisEngine([new HeadRule()], [new HeadRule()], null));
    }
}
