using EfSafeMigrations.Text;

namespace EfSafeMigrations.Check;

/// <summary>
/// Differences from the model that the migrations themselves leave (a database built by replaying them has them
/// too), reported as information with the reason, never as drift.
/// </summary>
internal static class MigrationLeftovers
{
    public const string Code = "DRIFT_LEFT_BY_MIGRATIONS";

    public const string Fix =
        "Nothing to fix: the migrations built it this way. To make the database match the model exactly, add a migration that makes the change";

    /// <param name="target">The object.</param>
    /// <param name="steps">The plan's steps for it that the replayed migrations need too.</param>
    public static CheckFinding Explain(string target, IReadOnlyList<PushStep> steps)
        => new(CheckOutcome.DatabaseDrift, Code, CheckSeverity.Info, target,
            $"left by the migrations, not changed outside them: {Why(steps[0])} " +
            $"To match the model: {string.Join("; ", steps.Select(s => SqlSummary.OneLine(s.Sql, 160)))}",
            Fix);

    private static string Why(PushStep step) => step.Kind switch
    {
        PushStepKind.AlterColumn when step.Sql.Contains("DROP DEFAULT", StringComparison.Ordinal) =>
            "EF scaffolds defaultValue: for a required column added to an existing table (AddColumn) or a column made required " +
            "(AlterColumn with oldNullable: true), and the column keeps that DEFAULT while the model has none.",
        PushStepKind.AlterColumn when step.Sql.Contains("SET DEFAULT", StringComparison.Ordinal) =>
            "the migrations give this column another default than the model's.",
        PushStepKind.DropForeignKey or PushStepKind.AddForeignKey =>
            "the migrations created this foreign key with other ON DELETE / ON UPDATE actions than the model's create script gives it " +
            "(for example EF Core 2 scaffolded Restrict for what later versions map to NO ACTION).",
        _ => "the migrations build this differently from the model's create script.",
    };
}
