using EfSafeMigrations.Linting;
using EfSafeMigrations.Linting.Baseline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// The danger rules over the migrations a script applies, as <c>lint</c> sees them without a database (migrations at or
/// before the adoption baseline are skipped): a script has no lint gate, so what the gate would refuse is written into
/// its header for the person who reviews it.
/// </summary>
internal static class ScriptLint
{
    public static LintReport Lint(DbContext context, SafeMigrationsOptions options, IEnumerable<(string Id, Migration Migration)> migrations)
    {
        var baseline = AssemblyBaseline.Of(context);
        var version = PostgresVersionSource.Configured(context, options.Lint);
        return MigrationLinter.Lint(
            migrations.Where(m => baseline is null || !baseline.Covers(m.Id))
                .Select(m => new MigrationToLint(m.Id, m.Migration.UpOperations, m.Migration.GetType())),
            LintSettings.For(options, version));
    }
}
