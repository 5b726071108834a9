using EfSafeMigrations.Execution.Internal;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>The lock timeout of each attempt: short first, growing per attempt, never above the ceiling.</summary>
public class EscalatingLockTimeoutTests
{
    private static IEnumerable<double?> Attempts(ExecutionOptions options, TimeSpan? ceiling, int count = 8)
        => Enumerable.Range(1, count).Select(a => RetryPolicy.LockTimeoutFor(a, ceiling, options)?.TotalMilliseconds);

    [Test]
    public void Defaults_start_at_100_ms_and_grow_half_again_per_attempt_within_the_2_s_ceiling()
    {
        var options = new ExecutionOptions();
        Attempts(options, options.LockTimeout).Should().Equal(100, 150, 225, 338, 506, 759, 1139, 1709);
        Attempts(options, options.LockTimeout, count: 12).Skip(8).Should().OnlyContain(ms => ms == 2000);
        options.MaxAttempts.Should().Be(8);
    }

    [Test]
    public void Setting_the_initial_timeout_to_the_ceiling_gives_the_fixed_timeout_of_earlier_versions()
    {
        var options = new ExecutionOptions { LockTimeout = TimeSpan.FromSeconds(2) };
        options.InitialLockTimeout = options.LockTimeout;
        Attempts(options, options.LockTimeout).Should().OnlyContain(ms => ms == 2000);
    }

    [Test]
    public void A_ceiling_below_the_initial_timeout_wins()
        => Attempts(new ExecutionOptions(), TimeSpan.FromMilliseconds(50)).Should().OnlyContain(ms => ms == 50);

    [Test]
    public void No_timeout_stays_no_timeout()
    {
        Attempts(new ExecutionOptions(), TimeSpan.Zero).Should().OnlyContain(ms => ms == 0);
        Attempts(new ExecutionOptions(), null).Should().OnlyContain(ms => ms == null);
    }

    [Test]
    public void Growth_1_keeps_the_initial_timeout()
        => Attempts(new ExecutionOptions { LockTimeoutGrowth = 1 }, TimeSpan.FromSeconds(2)).Should().OnlyContain(ms => ms == 100);
}
