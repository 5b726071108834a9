using EfSafeMigrations.Migrations.Internal;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>
/// One statement of an expansion stage. Consecutive transactional statements commit together (one plan step); a
/// non-transactional one (VALIDATE, the backfill) is a step of its own.
/// </summary>
internal sealed record ExpansionStatement(string Sql, bool Transactional, StatementKind Kind, BackfillOperation? Backfill = null)
{
    public static ExpansionStatement Ddl(string sql) => new(sql, Transactional: true, StatementKind.Ddl);

    public static ExpansionStatement Validate(string sql) => new(sql, Transactional: false, StatementKind.Validate);
}
