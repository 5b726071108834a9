using EfSafeMigrations.ThrowawayPostgres;

namespace EfSafeMigrations.IntegrationTests.Scripts;

/// <summary><see cref="PsqlClient"/> for tests: ignored, saying why, where psql is not installed.</summary>
internal static class Psql
{
    public static Task<PsqlClient.Result> RunAsync(string connectionString, string script)
    {
        if (PsqlClient.Find() is null)
        {
            Assert.Ignore("psql was not found (EFSAFEMIGRATIONS_PG_BIN, PATH, /usr/lib/postgresql/N/bin): the script tests need it.");
        }

        return PsqlClient.RunAsync(connectionString, script);
    }
}
