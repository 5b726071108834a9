using EfSafeMigrations.Execution;
using EfSafeMigrations.Journal.Database;
using EfSafeMigrations.Journal.File;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Journal.Verification;

/// <summary>The verification steps, shared by the preflight check and <c>CheckAsync</c>.</summary>
internal static class JournalVerification
{
    public static IReadOnlyList<CompiledMigration> Compile(IEnumerable<(string Id, Migration Migration)> migrations)
        => [.. migrations.Select(m => CompiledMigration.From(m.Id, m.Migration))];

    public static IReadOnlyList<JournalProblem> VerifyFile(DbContext context, JournalOptions options, IReadOnlyList<CompiledMigration> compiled)
    {
        var contextName = context.GetType().FullName ?? context.GetType().Name;
        var assembly = context.GetService<IMigrationsAssembly>().Assembly;
        var (journal, source, problem) = JournalSource.Load(options, assembly, contextName);
        if (problem is not null)
        {
            return [problem];
        }

        if (journal is null)
        {
            return compiled.Count == 0
                ? []
                :
                [
                    new JournalProblem(JournalProblemCodes.FileNotFound, options.RequireFile ? Execution.PreflightSeverity.Error : Execution.PreflightSeverity.Warning, null,
                        $"no journal file ({MigrationJournalFile.FileName}) is embedded in {assembly.GetName().Name} for context '{contextName}', so edits, deletions and re-orderings of migrations cannot be detected",
                        "Run 'dotnet ef migrations add' once with EfSafeMigrations installed (it creates the file with every earlier migration), or create it with RepairJournalFile; keep the package's build targets on so it is embedded"),
                ];
        }

        return JournalFileVerifier.Verify(source, journal, contextName, compiled);
    }

    public static async Task<IReadOnlyList<JournalProblem>> RunAsync(
        DbContext context, JournalOptions options, IEnumerable<(string Id, Migration Migration)> allMigrations, IReadOnlyList<string> appliedIds,
        bool adopt, string? applicationName, CancellationToken cancellationToken)
    {
        var compiled = Compile(allMigrations);
        var problems = new List<JournalProblem>(VerifyFile(context, options, compiled));

        var store = new DatabaseJournalStore(context);
        var rows = await store.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var (databaseProblems, toAdopt) = DatabaseJournalVerifier.Verify(appliedIds, rows, compiled);
        problems.AddRange(databaseProblems);

        var clean = problems.All(p => p.Severity != Execution.PreflightSeverity.Error);
        if (toAdopt.Count > 0 && adopt && clean)
        {
            await store.RecordBaselineAsync(
                toAdopt, applicationName ?? System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown", cancellationToken).ConfigureAwait(false);
        }
        else if (toAdopt.Count > 0)
        {
            problems.RemoveAll(p => p.Code == JournalProblemCodes.Adopted);
            problems.Add(new JournalProblem(JournalProblemCodes.Adopted, Execution.PreflightSeverity.Info, null,
                $"{toAdopt.Count} migration(s) applied without EfSafeMigrations will be adopted as a baseline by the next MigrateSafelyAsync: {string.Join(", ", toAdopt.Select(a => a.Id))}",
                "Nothing to do"));
        }

        return problems;
    }
}
