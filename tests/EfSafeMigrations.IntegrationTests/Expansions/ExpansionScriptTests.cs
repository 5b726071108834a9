using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Expansions;
using EfSafeMigrations.IntegrationTests.Scripts;
using EfSafeMigrations.ThrowawayPostgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static EfSafeMigrations.IntegrationTests.Backfills.BackfillDatabase;

namespace EfSafeMigrations.IntegrationTests.Expansions;

/// <summary>
/// An expand through <c>dotnet ef migrations script --idempotent</c> (psql in a separate process): the same columns, trigger and
/// backfilled values as MigrateSafelyAsync, and a second run does nothing.
/// </summary>
public class ExpansionScriptTests
{
    [Test]
    public async Task The_idempotent_script_of_an_expand_runs_twice_in_psql_and_ends_like_MigrateSafelyAsync()
    {
        await using var scripted = await PostgresTestServer.CreateDatabaseAsync();
        string script;
        await using (var context = ExpansionContexts.Create<PeopleDbContext>(scripted.ConnectionString))
        {
            script = context.GetService<IMigrator>().GenerateScript(toMigration: ExpansionIds.Expand, options: MigrationsSqlGenerationOptions.Idempotent);
        }

        (await Psql.RunAsync(scripted.ConnectionString, script)).Should().Match<PsqlClient.Result>(r => r.ExitCode == 0, "{0}", script);
        var again = await Psql.RunAsync(scripted.ConnectionString, script);
        again.ExitCode.Should().Be(0, again.ToString());

        await using var twin = await PostgresTestServer.CreateDatabaseAsync("expandtwin");
        await using (var context = ExpansionContexts.Create<PeopleDbContext>(twin.ConnectionString))
        {
            await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = ExpansionIds.Expand });
        }

        (await CatalogSnapshot.ReadAsync(scripted.ConnectionString)).ToString().Should().Be((await CatalogSnapshot.ReadAsync(twin.ConnectionString)).ToString());
        const string values = "SELECT string_agg(concat_ws('|', id, email_address, price_cents, country), ',' ORDER BY id) FROM people";
        (await ColumnAsync(scripted.ConnectionString, values)).Should().Equal(await ColumnAsync(twin.ConnectionString, values));
        await ExecuteAsync(scripted.ConnectionString, "INSERT INTO people (email, legacy) VALUES ('old@example.org', 'l')");
        (await ColumnAsync(scripted.ConnectionString, "SELECT email_address FROM people WHERE email = 'old@example.org'")).Should().Equal("old@example.org");
    }
}
