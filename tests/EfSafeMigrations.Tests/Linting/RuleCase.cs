using EfSafeMigrations.Linting;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Linting;

/// <summary>
/// One example for a rule: a migration's Up, and whether the rule must fire on it. Every rule of the catalogue
/// has at least one positive and one negative case (checked by <see cref="RuleCaseTests"/>).
/// </summary>
public sealed class RuleCase(
    string ruleId, bool fires, string name, Action<MigrationBuilder> up, int? postgresVersion = null, bool executorSetsLockTimeout = true, bool plainEf = false,
    Action<MigrationBuilder>? down = null)
{
    public string RuleId { get; } = ruleId;

    public bool ShouldFire { get; } = fires;

    public string Name { get; } = name;

    /// <summary>Lints the case's Up; its Down is known (possibly empty) only when <c>down</c> is given.</summary>
    public LintReport Lint()
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        up(builder);
        IReadOnlyList<Microsoft.EntityFrameworkCore.Migrations.Operations.MigrationOperation>? downOperations = null;
        if (down is not null)
        {
            var downBuilder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
            down(downBuilder);
            downOperations = downBuilder.Operations;
        }

        return MigrationLinter.Lint(
            [new MigrationToLint("20260101000000_Case", builder.Operations, DownOperations: downOperations)],
            new LintSettings(new LintOptions(), postgresVersion, RewritePolicy.None, executorSetsLockTimeout, SafeSqlGenerator: !plainEf)
            {
                ExecutorSetsStatementTimeout = executorSetsLockTimeout && !plainEf,
                ExecutorResumesConcurrentBuilds = !plainEf,
            });
    }

    public override string ToString() => $"{RuleId} {(ShouldFire ? "fires" : "silent")}: {Name}";

    public static RuleCase Fires(string ruleId, string name, Action<MigrationBuilder> up, int? postgresVersion = null, bool executorSetsLockTimeout = true, bool plainEf = false,
        Action<MigrationBuilder>? down = null)
        => new(ruleId, true, name, up, postgresVersion, executorSetsLockTimeout, plainEf, down);

    public static RuleCase Silent(string ruleId, string name, Action<MigrationBuilder> up, int? postgresVersion = null, bool executorSetsLockTimeout = true, bool plainEf = false,
        Action<MigrationBuilder>? down = null)
        => new(ruleId, false, name, up, postgresVersion, executorSetsLockTimeout, plainEf, down);

    public static RuleCase FiresOnSql(string ruleId, string sql, bool suppressTransaction = false, int? postgresVersion = null)
        => Fires(ruleId, "Sql: " + sql, b => b.Sql(sql, suppressTransaction), postgresVersion);

    public static RuleCase SilentOnSql(string ruleId, string sql, bool suppressTransaction = false, int? postgresVersion = null)
        => Silent(ruleId, "Sql: " + sql, b => b.Sql(sql, suppressTransaction), postgresVersion);
}
