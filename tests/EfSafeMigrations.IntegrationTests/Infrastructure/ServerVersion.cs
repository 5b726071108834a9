using System.Globalization;

namespace EfSafeMigrations.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL major of this run's server. build/test.sh runs this project on every supported major
/// (13-18); a test that needs a feature newer than that uses <see cref="RequireAsync"/>, which skips it
/// with the reason in the results instead of failing or silently passing.
/// </summary>
public static class ServerVersion
{
    /// <summary>Set by build/test.sh's version matrix to the major it asked for (the binaries' folder is in EFSAFEMIGRATIONS_PG_BIN).</summary>
    public const string ExpectedMajorVariable = "EFSAFEMIGRATIONS_TEST_PG_MAJOR";

    private static readonly Lazy<Task<int>> Major = new(async () =>
    {
        var number = await Foundation.ThrowawayDatabaseTests.ScalarAsync<string>(
            PostgresTestServer.Server.AdminConnectionString, "SELECT current_setting('server_version_num')");
        return int.Parse(number, CultureInfo.InvariantCulture) / 10000;
    });

    /// <summary>The server's major version, from <c>server_version_num</c> (e.g. 150018 is 15).</summary>
    public static Task<int> MajorAsync() => Major.Value;

    /// <summary>Skips the calling test, naming the feature, when the server is older than <paramref name="major"/>.</summary>
    public static async Task RequireAsync(int major, string feature)
    {
        var actual = await MajorAsync();
        if (actual < major)
        {
            Assert.Ignore($"Needs PostgreSQL {major}+ for {feature}; this run's server is PostgreSQL {actual}.");
        }
    }
}
