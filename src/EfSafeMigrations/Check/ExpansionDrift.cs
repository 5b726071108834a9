using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Check;

/// <summary>
/// Differences from the model that the post-deployment phase explains, turned from drift into information: what an open expansion
/// keeps while the old application version may still run (the old column, the column not yet NOT NULL, the sync trigger's function
/// and counter, the compatibility view), and what a post-deployment migration that waits will drop.
/// </summary>
internal static class ExpansionDrift
{
    public const string OpenCode = "DRIFT_OPEN_EXPANSION";
    public const string WaitingCode = "DRIFT_AWAITING_POST_DEPLOYMENT";

    private const string Fix =
        "Nothing to fix while the rollout runs. Once no old application version runs, apply the post-deployment migrations: " +
        "migrate --post-deployment (scaffold the contract first if there is none)";

    public static IReadOnlyList<CheckFinding> Explain(
        IReadOnlyList<CheckFinding> findings, IReadOnlyList<OpenExpansion> open, IReadOnlyList<(string Id, Migration Migration)> waiting,
        string unqualifiedSchema)
    {
        if (open.Count == 0 && waiting.Count == 0)
        {
            return findings;
        }

        var owners = open.SelectMany(o => SubjectsOf(o.Operation, unqualifiedSchema).Select(s => (Subject: s, Why: Owned(o))))
            .Concat(waiting.SelectMany(w => DroppedBy(w.Migration, unqualifiedSchema).Select(s => (Subject: s, Why: Waits(w.Id)))))
            .ToList();
        return [.. findings.Select(f => f.Kind == CheckOutcome.DatabaseDrift && f.Subject is { } subject
                                        && (WhyExpected(subject, owners, open) ?? OldColumnObject(f, open, unqualifiedSchema)) is { } why
            ? new CheckFinding(CheckOutcome.DatabaseDrift, why.Code, CheckSeverity.Info, subject, why.Message, Fix)
            : f)];
    }

    private static (string Code, string Message)? WhyExpected(
        string subject, IReadOnlyList<(string Subject, (string Code, string Message) Why)> owners, IReadOnlyList<OpenExpansion> open)
    {
        foreach (var owner in owners)
        {
            if (Covers(owner.Subject, subject))
            {
                return owner.Why;
            }
        }

        return SyncObject(subject, open);
    }

    /// <summary>
    /// What an expand keeps apart from the model, as check names it (<c>schema.table[.column]</c>, <c>schema.name</c>): its columns,
    /// its trigger function and old-writes counter (<see cref="ExpansionNames"/>), the NOT VALID helper check a contract stopped
    /// half-way leaves, the renamed table's old name.
    /// </summary>
    private static IEnumerable<string> SubjectsOf(ExpansionOperation operation, string unqualifiedSchema)
    {
        var schema = operation.Schema ?? unqualifiedSchema;
        var table = $"{schema}.{operation.Table}";
        var names = ExpansionNames.Of(operation);
        IEnumerable<string> objects = [$"{schema}.{names.Function}", $"{schema}.{names.Counter}", $"{table}.{names.Function}"];
        return objects.Concat(operation switch
        {
            ExpandColumnOperation column =>
                [$"{table}.{column.Name}", $"{table}.{column.NewName}", $"{table}.{SafeSql.NotNullCheckName(operation.Schema, operation.Table, column.NewName)}"],
            ExpandRequiredOperation required =>
                [$"{table}.{required.Name}", $"{table}.{SafeSql.NotNullCheckName(operation.Schema, operation.Table, required.Name)}"],
            RetireColumnOperation retired => [$"{table}.{retired.Name}"],
            ExpandTableRenameOperation => [table],
            _ => [],
        });
    }

    private static IEnumerable<string> DroppedBy(Migration migration, string unqualifiedSchema)
        => migration.UpOperations.Select(o => o switch
        {
            DropColumnOperation column => $"{column.Schema ?? unqualifiedSchema}.{column.Table}.{column.Name}",
            DropTableOperation table => $"{table.Schema ?? unqualifiedSchema}.{table.Name}",
            ExpansionOperation { Stage: ExpansionStage.Contract } contract => $"{contract.Schema ?? unqualifiedSchema}.{contract.Table}",
            _ => null,
        }).OfType<string>();

    // A table's subject covers its columns, constraints and indexes (schema.table.x).
    private static bool Covers(string owned, string subject)
        => subject == owned || subject.StartsWith(owned + ".", StringComparison.Ordinal);

    /// <summary>An object with the expansions' prefix that no open expansion names exactly (one in another schema, say).</summary>
    private static (string Code, string Message)? SyncObject(string subject, IReadOnlyList<OpenExpansion> open)
    {
        var name = subject[(subject.LastIndexOf('.') + 1)..];
        return open.Count > 0 && ExpansionNames.IsExpansionObject(name)
            ? (OpenCode, "an object of an open expansion (" + string.Join("; ", open.Select(o => $"{o.Description}, expanded by {o.MigrationId}")) +
                "); its contract removes it")
            : null;
    }

    /// <summary>
    /// An index or constraint of an expanded column's old column (the model only knows the new column's copy): the old version may
    /// still rely on it (a unique index above all), and it goes with the old column at the contract. Recognised by name, as EF names
    /// them (IX_Table_Column, FK_Table_Other_Column): named under the table with the old column's name in it, or, for an index
    /// (check names it schema.index), with the table's and the old column's names in it.
    /// </summary>
    private static (string Code, string Message)? OldColumnObject(CheckFinding finding, IReadOnlyList<OpenExpansion> open, string unqualifiedSchema)
    {
        var subject = finding.Subject!;
        var name = subject[(subject.LastIndexOf('.') + 1)..];
        foreach (var expansion in open)
        {
            if (expansion.Operation is not ExpandColumnOperation column || !name.Contains(column.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var schema = column.Schema ?? unqualifiedSchema;
            if (subject.StartsWith($"{schema}.{column.Table}.", StringComparison.Ordinal)
                || (subject == $"{schema}.{name}" && name.Contains(column.Table, StringComparison.OrdinalIgnoreCase)))
            {
                return Owned(expansion);
            }
        }

        return null;
    }

    private static (string Code, string Message) Owned(OpenExpansion open)
        => (OpenCode, $"belongs to the open expansion '{open.Description}' (expanded by {open.MigrationId}): the old application version may " +
                      "still use it, and the contract, a post-deployment migration, removes or finishes it");

    private static (string Code, string Message) Waits(string id)
        => (WaitingCode, $"the post-deployment migration {id} changes it once the rollout has finished (migrate --post-deployment)");
}
