using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// A table rename (<see cref="ExpandTableRenameOperation"/>). Expand, in one transaction: the rename, and a view under the old
/// name. A <c>SELECT *</c> view over one table is automatically updatable (inserts take the table's defaults, RETURNING works), so
/// the old version keeps reading and writing through it; it gets the table's grants, or an application role that may write the
/// table could not write the view. Contract: the view dropped. Undo: the view dropped and the table renamed back.
/// </summary>
internal static class TableRenameExpansionSql
{
    public static IReadOnlyList<ExpansionStatement> For(ExpandTableRenameOperation operation, ISqlGenerationHelper sql)
    {
        var old = sql.DelimitIdentifier(operation.Table, operation.Schema);
        var renamed = sql.DelimitIdentifier(operation.NewName, operation.Schema);
        return operation.Stage switch
        {
            ExpansionStage.Expand =>
            [
                ExpansionStatement.Ddl($"ALTER TABLE {old} RENAME TO {sql.DelimitIdentifier(operation.NewName)};"),
                ExpansionStatement.Ddl($"CREATE VIEW {old} AS SELECT * FROM {renamed};"),
                ExpansionStatement.Ddl(CopyGrants(SafeSql.Literal(renamed), SafeSql.Literal(old))),
            ],
            ExpansionStage.Contract => [ExpansionStatement.Ddl($"DROP VIEW IF EXISTS {old};")],
            _ =>
            [
                ExpansionStatement.Ddl($"DROP VIEW IF EXISTS {old};"),
                ExpansionStatement.Ddl($"ALTER TABLE {renamed} RENAME TO {sql.DelimitIdentifier(operation.Table)};"),
            ],
        };
    }

    /// <summary>Grants every privilege held on the table (by roles and PUBLIC) on the view too.</summary>
    private static string CopyGrants(string tableLiteral, string viewLiteral)
        => $"""
            DO $esm_grants$
            DECLARE g record;
            BEGIN
                FOR g IN
                    SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee
                    FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
                    WHERE c.oid = {tableLiteral}::regclass AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE')
                LOOP
                    EXECUTE format('GRANT %s ON %s TO %s', g.privilege_type, {viewLiteral}::regclass, g.grantee);
                END LOOP;
            END $esm_grants$;
            """;
}
