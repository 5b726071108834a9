using System.Data.Common;
using System.Globalization;

namespace EfSafeMigrations.Push.Internal.Catalog;

/// <summary>
/// Reads a database's schema from pg_catalog into a <see cref="SchemaModel"/>. Runs with
/// <c>search_path = pg_catalog</c> (set locally in a read-only transaction) so that every deparsed type,
/// default and index definition names user objects with their schema and reads the same on any database.
/// Objects that belong to extensions, temporary schemas and the excluded bookkeeping tables (by name, in any
/// schema) are left out.
/// </summary>
internal static class CatalogReader
{
    public static async Task<SchemaModel> ReadAsync(
        DbConnection connection, IReadOnlySet<string> excludedTables, CancellationToken cancellationToken)
    {
        var model = new SchemaModel();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SET TRANSACTION READ ONLY; SET LOCAL search_path TO pg_catalog", cancellationToken);

        model.ServerMajorVersion = int.Parse(
            (string)(await ScalarAsync(connection, transaction, "SELECT current_setting('server_version_num')", cancellationToken))!,
            CultureInfo.InvariantCulture) / 10000;

        await ReadRowsAsync(connection, transaction, CatalogQueries.Schemas, r => model.Schemas.Add(r.GetString(0)), cancellationToken);
        await ReadRowsAsync(connection, transaction, CatalogQueries.Extensions, r => model.Extensions.Add(r.GetString(0)), cancellationToken);
        await ReadRowsAsync(connection, transaction, CatalogQueries.Collations, r =>
        {
            var name = new QualifiedName(r.GetString(0), r.GetString(1));
            model.Collations[name] = new CollationModel(
                name, r.GetChar(2), r.GetBoolean(3), NullableString(r, 4), NullableString(r, 5), NullableString(r, 6), NullableString(r, 7));
        }, cancellationToken);
        await ReadRowsAsync(connection, transaction, CatalogQueries.Enums, r =>
        {
            var name = new QualifiedName(r.GetString(0), r.GetString(1));
            model.Enums[name] = new EnumModel(name, (string[])r.GetValue(2));
        }, cancellationToken);

        var tablesByOid = new Dictionary<uint, TableModel>();
        await ReadRowsAsync(connection, transaction, CatalogQueries.Tables, r =>
        {
            var name = new QualifiedName(r.GetString(1), r.GetString(2));
            if (excludedTables.Contains(name.Name))
            {
                return;
            }

            var table = new TableModel(name) { Unlogged = r.GetChar(3) == 'u', Comment = NullableString(r, 4) };
            tablesByOid[(uint)r.GetValue(0)] = table;
            model.Tables[name] = table;
        }, cancellationToken);

        var identityOptions = new Dictionary<(uint, short), SequenceOptions>();
        var ownedSequences = new Dictionary<(uint, short), string>();
        await ReadRowsAsync(connection, transaction, CatalogQueries.Sequences, r =>
        {
            var name = new QualifiedName(r.GetString(0), r.GetString(1));
            var options = new SequenceOptions(
                r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetBoolean(8));
            var dependency = r.IsDBNull(9) ? (char?)null : r.GetChar(9);
            var owner = r.IsDBNull(10) ? 0u : (uint)r.GetValue(10);
            var ownerColumn = r.IsDBNull(11) ? (short)0 : r.GetInt16(11);
            if (dependency == 'i')
            {
                identityOptions[(owner, ownerColumn)] = options;
                return;
            }

            ColumnRef? ownedBy = null;
            if (dependency == 'a' && tablesByOid.TryGetValue(owner, out var ownerTable))
            {
                ownedSequences[(owner, ownerColumn)] = r.GetString(13);
                ownedBy = new ColumnRef(ownerTable.Name, r.GetString(12));
            }

            model.Sequences[name] = new SequenceModel(name, options, ownedBy);
        }, cancellationToken);

        var oids = tablesByOid.Keys.Select(o => (long)o).ToArray();
        await ReadRowsAsync(connection, transaction, CatalogQueries.Columns, r =>
        {
            var table = tablesByOid[(uint)r.GetValue(0)];
            var attnum = r.GetInt16(1);
            var generated = r.GetChar(6);
            var expression = NullableString(r, 7);
            var identity = r.GetChar(5);
            string? defaultSql = generated == 's' ? null : expression;
            if (defaultSql is not null && ownedSequences.TryGetValue(((uint)r.GetValue(0), attnum), out var sequenceCall))
            {
                defaultSql = defaultSql.Replace(sequenceCall, ColumnModel.OwnedSequenceToken, StringComparison.Ordinal);
            }

            table.Columns.Add(new ColumnModel(
                r.GetString(2),
                r.GetString(3),
                r.GetBoolean(4),
                defaultSql,
                identity == '\0' ? ' ' : identity,
                identityOptions.GetValueOrDefault(((uint)r.GetValue(0), attnum)),
                generated == 's' ? expression : null,
                NullableString(r, 8),
                NullableString(r, 9)));
        }, cancellationToken, ("oids", oids));

        await ReadRowsAsync(connection, transaction, CatalogQueries.Constraints, r =>
        {
            var table = tablesByOid[(uint)r.GetValue(0)];
            var kind = r.GetChar(2) switch
            {
                'p' => ConstraintKind.PrimaryKey,
                'u' => ConstraintKind.Unique,
                'c' => ConstraintKind.Check,
                'f' => ConstraintKind.ForeignKey,
                _ => ConstraintKind.Exclusion,
            };
            var validated = r.GetBoolean(4);
            var definition = r.GetString(3);
            if (!validated && definition.EndsWith(" NOT VALID", StringComparison.Ordinal))
            {
                definition = definition[..^" NOT VALID".Length];
            }

            ForeignKeyModel? foreignKey = kind != ConstraintKind.ForeignKey ? null : new ForeignKeyModel(
                (string[])r.GetValue(5),
                new QualifiedName(r.GetString(6), r.GetString(7)),
                (string[])r.GetValue(8),
                r.GetChar(9),
                r.GetChar(10),
                r.GetChar(11),
                r.GetBoolean(12),
                r.GetBoolean(13));
            var name = r.GetString(1);
            table.Constraints[name] = new ConstraintModel(name, kind, definition, validated, foreignKey) { Columns = (string[])r.GetValue(5) };
        }, cancellationToken, ("oids", oids));

        await ReadRowsAsync(connection, transaction, CatalogQueries.Indexes, r =>
        {
            var table = tablesByOid[(uint)r.GetValue(0)];
            var name = r.GetString(1);
            var definition = r.GetString(2);
            var on = " ON " + r.GetString(5) + " ";
            var at = definition.IndexOf(on, StringComparison.Ordinal);
            var tail = at < 0 ? definition : definition[(at + on.Length)..];
            table.Indexes[name] = new IndexModel(name, r.GetBoolean(3), tail, r.GetBoolean(4)) { Columns = (string[])r.GetValue(6) };
        }, cancellationToken, ("oids", oids));

        await transaction.CommitAsync(cancellationToken);
        return model;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task ReadRowsAsync(
        DbConnection connection, DbTransaction transaction, string sql, Action<DbDataReader> row, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
