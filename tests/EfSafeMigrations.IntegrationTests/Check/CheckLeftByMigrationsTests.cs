using EfSafeMigrations.CommandLine.Internal;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.IntegrationTests.Models.Blogs;
using EfSafeMigrations.IntegrationTests.Push;
using EfSafeMigrations.ThrowawayPostgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Check;

/// <summary>
/// Check on a database only migrations touched: what EF's own scaffolded migrations leave different from the model
/// (defaults from <c>defaultValue:</c>, a foreign key's ON DELETE as first scaffolded) is explained information, not
/// drift; a change made by hand still is drift.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class CheckLeftByMigrationsTests
{
    // The fixture's migrations are hand-written in EF's shapes without a model snapshot, so the model part is left out.
    private static string[] CheckArguments() =>
        ["check", "--skip", "journal", "--skip", "model", "--shadow-connection", PostgresTestServer.Server.AdminConnectionString];

    [TestCase(false, TestName = "What EF's migrations leave behind is information and the check passes")]
    [TestCase(true, TestName = "What EF's migrations leave behind is information and the check passes, applied and replayed safely")]
    public async Task What_EFs_migrations_leave_behind_is_information_and_the_check_passes(bool safe)
    {
        Func<string, DbContextOptions<BlogsDbContext>> options = safe ? BlogsDbContext.SafeOptions : BlogsDbContext.Options;
        await using var database = await MigratedWithRowsAsync(options, safe);
        await using var context = new BlogsDbContext(options(database.ConnectionString));

        var result = await context.Database.CheckAsync(Options);

        result.Success.Should().BeTrue(because: "only migrations touched the database; findings:\n{0}", Describe(result));
        var left = result.Findings.Where(f => f.Code == "DRIFT_LEFT_BY_MIGRATIONS").ToList();
        left.Should().OnlyContain(f => f.Severity == CheckSeverity.Info);
        left.Where(f => f.Message.Contains("defaultValue:", StringComparison.Ordinal)).Select(f => f.Subject)
            .Should().BeEquivalentTo("public.blogs.Subtitle", "public.blogs.CreatedAt", "public.blogs.IsPublic", "public.blogs.Rank");
        left.Should().ContainSingle(f => f.Subject == "public.posts.FK_posts_blogs_BlogId", "the drop and the re-add are one difference")
            .Which.Message.Should().Contain("ON DELETE").And.Contain("DROP CONSTRAINT").And.Contain("ON DELETE NO ACTION");
        result.Findings.Should().NotContain(f => f.Fix.Contains("outside migrations", StringComparison.Ordinal));

        var (exitCode, output) = await RunCommandLineAsync(() => new BlogsDbContext(options(database.ConnectionString)));
        exitCode.Should().Be(0, output);
        output.Should().Contain("DRIFT_LEFT_BY_MIGRATIONS").And.Contain("defaultValue:").And.Contain("No drift").And.Contain("5 difference(s) from the model were left by the migrations");
    }

    [Test]
    public async Task A_column_added_by_hand_is_still_drift_beside_what_migrations_left()
    {
        await using var database = await MigratedWithRowsAsync();
        await PushTestSupport.ExecuteAsync(database.AdminConnectionString, """
            ALTER TABLE blogs ADD COLUMN "Notes" text;
            ALTER TABLE blogs ALTER COLUMN "Rank" DROP DEFAULT;
            """);
        await using var context = new BlogsDbContext(BlogsDbContext.Options(database.ConnectionString));

        var result = await context.Database.CheckAsync(Options);

        result.Outcome.Should().Be(CheckOutcome.DatabaseDrift);
        result.Findings.Where(f => f.Severity == CheckSeverity.Error).Should().ContainSingle().Which.Should().Match<CheckFinding>(f =>
            f.Code == "DRIFT_DROP_COLUMN" && f.Subject == "public.blogs.Notes" && f.Fix.Contains("outside migrations"));
        result.Findings.Should().Contain(f => f.Code == "DRIFT_MATCHES_MODEL" && f.Severity == CheckSeverity.Warning && f.Subject == "public.blogs.Rank",
            "the default EF left was dropped by hand: the database matches the model, but not what the migrations build");
        result.Findings.Should().Contain(f => f.Code == "DRIFT_LEFT_BY_MIGRATIONS" && f.Subject == "public.blogs.IsPublic");

        var (exitCode, output) = await RunCommandLineAsync(() => new BlogsDbContext(BlogsDbContext.Options(database.ConnectionString)));
        exitCode.Should().Be((int)SafeMigrationsExitCode.DriftDetected, output);
        output.Should().Contain("public.blogs.Notes");
    }

    [Test]
    public async Task When_the_migrations_cannot_be_replayed_the_defaults_EF_left_are_still_recognised()
    {
        await using var database = await MigratedWithRowsAsync(DataFixBlogsDbContext.Options);
        await using var context = new DataFixBlogsDbContext(DataFixBlogsDbContext.Options(database.ConnectionString));

        var result = await context.Database.CheckAsync(Options);

        result.Findings.Should().Contain(f => f.Code == "DRIFT_MIGRATIONS_NOT_REPLAYED" && f.Severity == CheckSeverity.Info
            && f.Message.Contains(BlogsMigrations.FixTitlesId) && f.Message.Contains("expects the blogs"));
        result.Findings.Where(f => f.Code == "DRIFT_LEFT_BY_MIGRATIONS").Select(f => f.Subject)
            .Should().BeEquivalentTo("public.blogs.Subtitle", "public.blogs.CreatedAt", "public.blogs.IsPublic", "public.blogs.Rank");
        result.Findings.Where(f => f.Severity == CheckSeverity.Error).Should().OnlyContain(f => f.Subject!.Contains("FK_posts_blogs_BlogId"),
            "without the replay a foreign key's actions cannot be told from a change by hand");
    }

    private static void Options(CheckOptions options)
    {
        options.Journal = false;
        options.PendingModelChanges = false;
        options.ShadowConnectionString = PostgresTestServer.Server.AdminConnectionString;
    }

    /// <summary>The first migration, rows (NULL subtitles, duplicates, posts with and without a blog), then the second.</summary>
    private static async Task<ThrowawayDatabase> MigratedWithRowsAsync() => await MigratedWithRowsAsync(BlogsDbContext.Options);

    /// <param name="options">The context's options.</param>
    /// <param name="safe">Apply the second migration with <c>MigrateSafelyAsync</c> (batched fill of the NULLs) rather than plain EF.</param>
    private static async Task<ThrowawayDatabase> MigratedWithRowsAsync<TContext>(Func<string, DbContextOptions<TContext>> options, bool safe = false)
        where TContext : BlogsDbContext
    {
        var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = (TContext)Activator.CreateInstance(typeof(TContext), options(database.ConnectionString))!;
        await context.GetService<IMigrator>().MigrateAsync(BlogsMigrations.CreateBlogsId);
        await PushTestSupport.ExecuteAsync(database.ConnectionString, """
            INSERT INTO blogs ("Title", "Subtitle") VALUES ('one', NULL), ('two', 'second'), ('two', NULL);
            INSERT INTO posts ("BlogId", "Body") VALUES (1, 'hello'), (NULL, 'orphan'), (3, 'again');
            """);
        if (safe)
        {
            await context.Database.MigrateSafelyAsync();
        }
        else
        {
            await context.Database.MigrateAsync();
        }

        (await PushTestSupport.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM blogs WHERE \"Subtitle\" = ''")).Should().Be(2);
        return database;
    }

    private static async Task<(int ExitCode, string Output)> RunCommandLineAsync(Func<BlogsDbContext> createContext)
    {
        await using var output = new StringWriter();
        var terminal = new TerminalSettings(output, output, OutIsTerminal: false, ErrorIsTerminal: false, NoColorRequested: true);
        using var interruption = Interruption.Listen(CancellationToken.None);
        var exitCode = await new CommandHost(CommandCatalog.Create(), terminal).RunAsync(CheckArguments(), createContext, interruption);
        return (exitCode, output.ToString());
    }

    private static string Describe(CheckResult result)
        => string.Join('\n', result.Findings.Select(f => $"{f.Severity} {f.Code} {f.Subject}: {f.Message}"));
}
