using EfSafeMigrations.Execution;
using EfSafeMigrations.IntegrationTests.Models.Users;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Journal;

/// <summary>The users model with EfSafeMigrations on, its journal in a temporary folder, and a way to run the journal preflight check.</summary>
internal sealed class JournalTestContext : IDisposable
{
    private JournalTestContext(string connectionString)
    {
        ConnectionString = connectionString;
        Folder = Directory.CreateTempSubdirectory("esm-journal-").FullName;
    }

    public string ConnectionString { get; }

    public string Folder { get; }

    public string JournalPath => Path.Combine(Folder, MigrationJournalFile.FileName);

    public static JournalTestContext Create(string connectionString) => new(connectionString);

    public UsersDbContext NewContext(Action<SafeMigrationsOptions>? configure = null)
        => new(new DbContextOptionsBuilder<UsersDbContext>()
            .UseNpgsql(ConnectionString)
            .UseSafeMigrations(o =>
            {
                o.Journal.FilePath = JournalPath;
                configure?.Invoke(o);
            })
            .Options);

    /// <summary>Runs the journal preflight check as <c>MigrateSafelyAsync</c> would, before applying anything.</summary>
    public async Task<IReadOnlyList<PreflightProblem>> PreflightAsync(UsersDbContext context, Func<string, Migration, Migration>? replace = null)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var all = assembly.Migrations
            .Select(m => (m.Key, replace is null ? assembly.CreateMigration(m.Value, context.Database.ProviderName!) : replace(m.Key, assembly.CreateMigration(m.Value, context.Database.ProviderName!))))
            .ToList();
        var applied = (await context.Database.GetAppliedMigrationsAsync()).ToList();
        var pending = all.Where(m => !applied.Contains(m.Key)).ToList();
        var check = context.GetService<IEnumerable<IMigrationPreflightCheck>>().OfType<JournalPreflightCheck>().Single();
        var options = context.GetService<IDbContextOptions>().FindExtension<EfSafeMigrations.Infrastructure.Internal.SafeMigrationsOptionsExtension>()!.Options;
        return await check.RunAsync(new PreflightContext(context, options, all, applied, pending), CancellationToken.None);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
