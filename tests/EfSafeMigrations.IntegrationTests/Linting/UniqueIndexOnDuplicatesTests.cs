using EfSafeMigrations.IntegrationTests.Models.LintBehaviour;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Db = EfSafeMigrations.IntegrationTests.SafeApply.Journal;

namespace EfSafeMigrations.IntegrationTests.Linting;

/// <summary>
/// ESM0046 against real rows: a unique index built CONCURRENTLY over duplicates fails and leaves an INVALID index that
/// breaks the retry (plain EF); the data preflight of MigrateSafelyAsync stops the run before the build instead.
/// </summary>
public class UniqueIndexOnDuplicatesTests
{
    private const string Duplicates = "INSERT INTO members (id, email) VALUES (1, 'same@example.com'), (2, 'same@example.com'), (3, 'other@example.com'), (4, NULL), (5, NULL);";

    private const string IndexValidity =
        $"SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '{UniqueMemberEmail.IndexName}'";

    [Test]
    public async Task Under_plain_EF_the_build_fails_on_duplicates_leaves_an_INVALID_index_and_the_retry_fails_on_it()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = UniqueEmailsDbContext.Create(database.ConnectionString, safe: false);
        await context.Database.MigrateAsync(CreateMembers.Id);
        await Db.ExecuteAsync(database.ConnectionString, Duplicates);

        var finding = (await context.Database.LintPendingMigrationsAsync()).Findings.Single(f => f.RuleId == "ESM0046");
        finding.Severity.Should().Be(RuleSeverity.Warning, "plain EF runs no data preflight");
        finding.Message.Should().Contain("leaves an INVALID index behind");

        var failed = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<PostgresException>();
        failed.Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
        (await Db.ScalarAsync<string>(database.ConnectionString, IndexValidity)).Should().Be("false", "the failed concurrent build stays behind, INVALID");

        var retried = await FluentActions.Awaiting(() => context.Database.MigrateAsync()).Should().ThrowAsync<PostgresException>();
        retried.Which.SqlState.Should().Be(PostgresErrorCodes.DuplicateTable, "the INVALID index blocks the retry until someone drops it");
        (await Db.HistoryAsync(database.ConnectionString)).Should().Equal(CreateMembers.Id);
    }

    [Test]
    public async Task MigrateSafelyAsync_reports_the_duplicates_before_anything_runs_and_leaves_no_index()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = UniqueEmailsDbContext.Create(database.ConnectionString, safe: true);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = CreateMembers.Id });
        await Db.ExecuteAsync(database.ConnectionString, Duplicates);

        (await context.Database.LintPendingMigrationsAsync()).Findings.Single(f => f.RuleId == "ESM0046")
            .Severity.Should().Be(RuleSeverity.Info, "the data preflight checks the duplicates first");

        var refused = await FluentActions.Awaiting(() => context.Database.MigrateSafelyAsync()).Should().ThrowAsync<SafeMigrationException>();

        refused.Which.Report.Problems.Should().Contain(p => p.Code == "DATA_DUPLICATES" && p.Message.Contains("same@example.com x2"));
        (await Db.ScalarAsync<string>(database.ConnectionString, IndexValidity)).Should().BeNull("the build never started");
        (await Db.HistoryAsync(database.ConnectionString)).Should().Equal(CreateMembers.Id);
    }
}
