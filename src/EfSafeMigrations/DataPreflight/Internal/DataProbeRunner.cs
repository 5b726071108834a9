using System.Globalization;
using System.Text;
using EfSafeMigrations.Execution;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EfSafeMigrations.DataPreflight.Internal;

/// <summary>
/// Asks each probe's question in a read-only transaction under its own statement timeout, reading at most
/// <see cref="CountLimit"/> rows (so a count says "more than 1,000" rather than scanning on), and turns what it finds
/// into preflight problems. A probe that cannot run (timeout, too large a table, an expression the live table cannot
/// answer yet) is reported as not checked, never as a failure of the run.
/// </summary>
internal sealed class DataProbeRunner(NpgsqlConnection connection, ISqlGenerationHelper sql, DataPreflightOptions options)
{
    public const int CountLimit = 1000;

    private readonly Dictionary<string, TableFacts?> _facts = new(StringComparer.Ordinal);

    public int Checked { get; private set; }

    public async Task<PreflightProblem?> RunAsync(DataProbe probe, CancellationToken cancellationToken)
    {
        var table = sql.DelimitIdentifier(probe.Table, probe.Schema);
        if (!_facts.TryGetValue(table, out var facts))
        {
            facts = _facts[table] = await TableFacts.LoadAsync(connection, table, cancellationToken).ConfigureAwait(false);
        }

        if (facts is null || probe.Columns.Any(c => !facts.Columns.Contains(c)))
        {
            return null; // Not there before the run: nothing existing can break the step.
        }

        if (options.MaxTableRows is { } max && facts.EstimatedRows > max)
        {
            return NotChecked(probe, $"{probe.Table} holds about {facts.EstimatedRows:N0} rows, more than DataPreflight.MaxTableRows ({max:N0})");
        }

        List<string> found;
        try
        {
            if (probe.Kind == DataProbeKind.Conversion)
            {
                return await ConversionExistsAsync(probe, cancellationToken).ConfigureAwait(false) is false
                    ? new PreflightProblem(DataPreflightCodes.CheckName, PreflightSeverity.Error, probe.Code, probe.MigrationId,
                        $"{probe.Step} would fail: {probe.Failure}.", probe.Fix)
                    : null;
            }

            var query = probe.Kind == DataProbeKind.Rows ? RowsQuery(probe, table, facts) : DuplicatesQuery(probe, table);
            found = await QueryAsync(query, probe.Kind == DataProbeKind.DuplicateGroups ? probe.Columns : KeyNames(facts), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return NotChecked(probe, $"the check took longer than DataPreflight.QueryTimeout ({options.QueryTimeout.TotalSeconds:0} s)");
        }
        catch (PostgresException exception)
        {
            return NotChecked(probe, $"the live table cannot answer it ({exception.MessageText})");
        }

        Checked++;
        if (found.Count == 0)
        {
            return null;
        }

        var count = found.Count > CountLimit ? $"More than {CountLimit:N0}" : found.Count.ToString("N0", CultureInfo.InvariantCulture);
        var what = probe.Kind == DataProbeKind.DuplicateGroups ? "groups of rows" : "rows";
        var samples = string.Join(", ", found.Take(options.SampleSize));
        var certainty = probe.DataChangedEarlier ? " (an earlier step of this run changes this table's rows with SQL, so this may change by then)" : string.Empty;
        return new PreflightProblem(
            DataPreflightCodes.CheckName,
            probe.DataChangedEarlier ? PreflightSeverity.Warning : PreflightSeverity.Error,
            probe.Code,
            probe.MigrationId,
            $"{probe.Step} would fail: {count} {what} of {probe.Table} {probe.Failure} (for example {samples}){certainty}.",
            probe.Fix);
    }

    /// <summary>
    /// Whether <c>ALTER COLUMN ... TYPE</c> without <c>USING</c> can convert: the same type, a string target (I/O
    /// conversion is an assignment cast), or an implicit or assignment cast in <c>pg_cast</c>. Null: a type is unknown
    /// before the run (created by it), so nothing can be said.
    /// </summary>
    private async Task<bool?> ConversionExistsAsync(DataProbe probe, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT to_regtype(@from) = to_regtype(@to) OR target.typcategory = 'S'
                   OR EXISTS (SELECT 1 FROM pg_cast c
                              WHERE c.castsource = to_regtype(@from) AND c.casttarget = to_regtype(@to) AND c.castcontext IN ('a', 'i'))
            FROM pg_type target
            WHERE target.oid = to_regtype(@to) AND to_regtype(@from) IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("from", probe.FromType!);
        command.Parameters.AddWithValue("to", probe.ToType!);
        var convertible = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as bool?;
        Checked++;
        return convertible;
    }

    private string RowsQuery(DataProbe probe, string table, TableFacts facts)
    {
        var key = facts.KeyColumns.Count > 0
            ? string.Join(", ", facts.KeyColumns.Select(c => $"t0.{sql.DelimitIdentifier(c)}::text"))
            : "t0.ctid::text";
        return $"SELECT {key} FROM {table} AS t0 WHERE {probe.Condition} LIMIT {CountLimit + 1}";
    }

    private string DuplicatesQuery(DataProbe probe, string table)
    {
        var expressions = probe.GroupExpressions ?? [.. probe.Columns.Select(c => sql.DelimitIdentifier(c))];
        var columns = string.Join(", ", expressions);
        var texts = string.Join(", ", expressions.Select(e => $"({e})::text"));
        var where = probe.Condition.Length > 0 ? $" WHERE {probe.Condition}" : string.Empty;
        return $"SELECT {texts}, count(*)::text FROM {table} AS t0{where} GROUP BY {columns} HAVING count(*) > 1 LIMIT {CountLimit + 1}";
    }

    private static IReadOnlyList<string> KeyNames(TableFacts facts) => facts.KeyColumns.Count > 0 ? facts.KeyColumns : ["ctid"];

    private async Task<List<string>> QueryAsync(string query, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        await using (var settings = new NpgsqlCommand(
            $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = '{(long)options.QueryTimeout.TotalMilliseconds}ms'; SET LOCAL lock_timeout = '2s';",
            connection, transaction))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = new List<string>();
        await using (var command = new NpgsqlCommand(query, connection, transaction) { CommandTimeout = 0 })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(Describe(reader, names));
            }
        }

        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>"Id=3", "(TenantId, Id)=(1, 3)", or for duplicates "Email='a@x' ×3".</summary>
    private static string Describe(NpgsqlDataReader reader, IReadOnlyList<string> names)
    {
        string Value(int i) => reader.IsDBNull(i) ? "NULL" : reader.GetString(i);
        var values = Enumerable.Range(0, names.Count).Select(Value).ToList();
        var text = new StringBuilder(names.Count == 1
            ? $"{names[0]}={Shorten(values[0])}"
            : $"({string.Join(", ", names)})=({string.Join(", ", values.Select(Shorten))})");
        if (reader.FieldCount > names.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $" x{Value(names.Count)}");
        }

        return text.ToString();
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static PreflightProblem NotChecked(DataProbe probe, string why)
        => new(DataPreflightCodes.CheckName, PreflightSeverity.Info, DataPreflightCodes.NotChecked, probe.MigrationId,
            $"{probe.Step} was not checked against existing rows: {why}.",
            "Check the data yourself before applying, or raise DataPreflight.MaxTableRows / QueryTimeout.");
}
