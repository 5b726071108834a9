using EfSafeMigrations.ThrowawayPostgres;
using EfSafeMigrations.ThrowawayPostgres.Pooler;

namespace EfSafeMigrations.IntegrationTests.Infrastructure;

/// <summary>A PgBouncer of its own for one test, in front of the test's database; the test is skipped, saying why, without pgbouncer.</summary>
internal static class TestPgBouncer
{
    public static async Task<LocalPgBouncer> StartAsync(ThrowawayDatabase database, PgBouncerPoolMode mode, int poolSize)
    {
        if (LocalPgBouncer.FindBinary() is null)
        {
            Assert.Ignore("pgbouncer is not installed and could not be (build/test.sh installs Debian's package when run as root): " +
                          "apt-get install pgbouncer to run the pooler tests.");
        }

        return await LocalPgBouncer.StartAsync(database.ConnectionString, mode, poolSize);
    }
}
