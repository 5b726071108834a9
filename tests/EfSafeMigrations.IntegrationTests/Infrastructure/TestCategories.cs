namespace EfSafeMigrations.IntegrationTests.Infrastructure;

/// <summary>NUnit categories the test command filters on.</summary>
public static class TestCategories
{
    /// <summary>
    /// Tests of OS-process topologies (migrator processes started, killed, pooled) and of the test fixture itself: they
    /// exercise processes and locks, not what differs between PostgreSQL majors, so the version matrix of build/test.sh
    /// leaves them to the run on the main server (the largest part of the suite's time is starting those processes).
    /// </summary>
    public const string Processes = "Processes";
}
