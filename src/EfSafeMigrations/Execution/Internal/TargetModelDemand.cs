using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>What of a migration's target model generating its SQL reads.</summary>
internal enum TargetModelNeed
{
    /// <summary>Nothing: the operations generate the same SQL without a model.</summary>
    None,

    /// <summary>Only that the migration comes from EF Core 1.1 or later (Npgsql's AlterColumn compares the old store type then).</summary>
    ProductVersion,

    /// <summary>
    /// The model's annotations, not its finalized form: Npgsql reads only the default schema for database-level
    /// objects (enums, extensions, collations, ranges), so the Designer model is built but not finalized.
    /// </summary>
    DefaultSchema,

    /// <summary>The finalized model (column mappings, the legacy rename form).</summary>
    Full,
}

/// <summary>
/// How much of a migration's target model (the Designer file's <c>BuildTargetModel</c>, built and finalized)
/// generating its SQL needs. Building it is most of EF's per-migration planning cost (tens of ms per migration
/// of a real project, seconds for a long history), yet Npgsql's and EF's generators only read it for a few
/// operations: seed data (column mappings, identity sequences), renames of tables and sequences (the legacy form
/// before EF 2.1), database-level annotations (only the default schema of enums, extensions, collations, for
/// which the model is built but not finalized, the larger half of the cost), full-text columns and indexes, computed columns changed in place (indexes to recreate), and columns without a store
/// type. A scaffolded <c>AlterColumn</c> carries both store types, so it only needs the version: its old column
/// (<c>oldType</c>) proves EF 1.1 or later wrote it. This is an allow-list: an operation it does not know keeps
/// the full model.
/// </summary>
internal static class TargetModelDemand
{
    public static TargetModelNeed Of(IEnumerable<MigrationOperation> operations)
        => operations.Aggregate(TargetModelNeed.None, (need, operation) => need == TargetModelNeed.Full ? need : Combine(need, Of(operation)));

    // The unfinalized model answers annotations only and the version-only model has no default schema: together,
    // only the full model serves both.
    private static TargetModelNeed Combine(TargetModelNeed a, TargetModelNeed b)
        => (a, b) is (TargetModelNeed.ProductVersion, TargetModelNeed.DefaultSchema) or (TargetModelNeed.DefaultSchema, TargetModelNeed.ProductVersion)
            ? TargetModelNeed.Full
            : a > b ? a : b;

    private static TargetModelNeed Of(MigrationOperation operation) => HasFullTextAnnotation(operation) ? TargetModelNeed.Full : operation switch
    {
        CreateTableOperation table => table.Columns.Any(IsUntyped) ? TargetModelNeed.Full : TargetModelNeed.None,
        AddColumnOperation column => IsUntyped(column) ? TargetModelNeed.Full : TargetModelNeed.None,
        AlterColumnOperation alter => IsScaffoldedInPlace(alter) ? TargetModelNeed.ProductVersion : TargetModelNeed.Full,
        AlterDatabaseOperation => TargetModelNeed.DefaultSchema,
        DropColumnOperation or DropTableOperation or RenameColumnOperation
            or CreateIndexOperation or DropIndexOperation or RenameIndexOperation
            or AddForeignKeyOperation or DropForeignKeyOperation or AddPrimaryKeyOperation or DropPrimaryKeyOperation
            or AddUniqueConstraintOperation or DropUniqueConstraintOperation
            or AddCheckConstraintOperation or DropCheckConstraintOperation
            or EnsureSchemaOperation or DropSchemaOperation or SqlOperation
            or CreateSequenceOperation or AlterSequenceOperation or DropSequenceOperation or RestartSequenceOperation
            or AlterTableOperation => TargetModelNeed.None,
        // This library's own operations: their SQL never reads the model.
        BackfillOperation or ExpansionOperation => TargetModelNeed.None,
        _ => TargetModelNeed.Full,
    };

    // Both store types given and no computed column changed (that path drops, re-adds and looks up the column's indexes).
    private static bool IsScaffoldedInPlace(AlterColumnOperation alter)
        => alter.ColumnType is not null && alter.OldColumn.ColumnType is not null && !HasFullTextAnnotation(alter.OldColumn)
           && alter.ComputedColumnSql == alter.OldColumn.ComputedColumnSql && alter.IsStored == alter.OldColumn.IsStored;

    private static bool IsUntyped(ColumnOperation column) => column.ColumnType is null || HasFullTextAnnotation(column);

    // Npgsql's generated tsvector columns and full-text indexes look their source columns up in the model.
    private static bool HasFullTextAnnotation(MigrationOperation operation)
        => operation.GetAnnotations().Any(a => a.Name.Contains("TsVector", StringComparison.Ordinal));
}
