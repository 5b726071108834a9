using EfSafeMigrations;
using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

// Public entry points live in EF's namespace so that they show up where users already look.
namespace Microsoft.EntityFrameworkCore;

/// <summary>
/// Zero-downtime changes in two halves (docs/expand-contract.md). <c>Expand...</c> goes in the migration deployed with the new
/// version (its Down: <c>UndoExpand...</c>, which loses nothing either version wrote); <c>Contract...</c> with the same arguments
/// goes in a later migration, which is post-deployment: it runs once no old version of the application runs.
/// </summary>
public static class ExpandContractMigrationBuilderExtensions
{
    /// <summary>Adds <paramref name="newName"/> beside <paramref name="name"/>, kept in sync both ways by a trigger, and backfills it.</summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="table">The table.</param>
    /// <param name="name">The column's current name.</param>
    /// <param name="newName">Its new name.</param>
    /// <param name="type">Its store type, for example <c>text</c>.</param>
    /// <param name="nullable">Whether it stays nullable; <see langword="false"/>: the contract sets NOT NULL.</param>
    /// <param name="defaultValueSql">The new column's default, set by the contract.</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    /// <param name="batchSize">Rows per backfill batch.</param>
    public static OperationBuilder<ExpandColumnOperation> ExpandRenameColumn(
        this MigrationBuilder migrationBuilder, string table, string name, string newName, string type, bool nullable,
        string? defaultValueSql = null, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, Column(table, name, newName, type, nullable, defaultValueSql, schema, batchSize), ExpansionStage.Expand);

    /// <summary>The contract of <see cref="ExpandRenameColumn"/> (same arguments): drops the trigger and the old column, finishes the new one.</summary>
    public static OperationBuilder<ExpandColumnOperation> ContractRenameColumn(
        this MigrationBuilder migrationBuilder, string table, string name, string newName, string type, bool nullable,
        string? defaultValueSql = null, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, Column(table, name, newName, type, nullable, defaultValueSql, schema, batchSize), ExpansionStage.Contract);

    /// <summary>The Down of <see cref="ExpandRenameColumn"/> (same arguments): drops the trigger and the new column.</summary>
    public static OperationBuilder<ExpandColumnOperation> UndoExpandRenameColumn(
        this MigrationBuilder migrationBuilder, string table, string name, string newName, string type, bool nullable,
        string? defaultValueSql = null, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, Column(table, name, newName, type, nullable, defaultValueSql, schema, batchSize), ExpansionStage.UndoExpand);

    /// <summary>
    /// Adds <paramref name="newName"/> of type <paramref name="type"/> beside <paramref name="name"/> (of <paramref name="oldType"/>),
    /// kept in sync both ways by a trigger through <paramref name="up"/> and <paramref name="down"/>, and backfills it.
    /// </summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="table">The table.</param>
    /// <param name="name">The old column.</param>
    /// <param name="newName">The new column (a type change gets a new column: the two versions map different types).</param>
    /// <param name="type">The new store type.</param>
    /// <param name="oldType">The old store type.</param>
    /// <param name="nullable">Whether the new column stays nullable; <see langword="false"/>: the contract sets NOT NULL.</param>
    /// <param name="up">The new value from the old column, for example <c>round(price * 100)::bigint</c>; null: a cast.</param>
    /// <param name="down">The old value from the new column, for example <c>price_cents / 100.0</c>; null: a cast.</param>
    /// <param name="defaultValueSql">The new column's default, set by the contract.</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    /// <param name="batchSize">Rows per backfill batch.</param>
    public static OperationBuilder<ExpandColumnOperation> ExpandColumnType(
        this MigrationBuilder migrationBuilder, string table, string name, string newName, string type, string oldType, bool nullable,
        string? up = null, string? down = null, string? defaultValueSql = null, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, TypeChange(table, name, newName, type, oldType, nullable, up, down, defaultValueSql, schema, batchSize), ExpansionStage.Expand);

    /// <summary>The contract of <see cref="ExpandColumnType"/> (same arguments).</summary>
    public static OperationBuilder<ExpandColumnOperation> ContractColumnType(
        this MigrationBuilder migrationBuilder, string table, string name, string newName, string type, string oldType, bool nullable,
        string? up = null, string? down = null, string? defaultValueSql = null, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, TypeChange(table, name, newName, type, oldType, nullable, up, down, defaultValueSql, schema, batchSize), ExpansionStage.Contract);

    /// <summary>The Down of <see cref="ExpandColumnType"/> (same arguments).</summary>
    public static OperationBuilder<ExpandColumnOperation> UndoExpandColumnType(
        this MigrationBuilder migrationBuilder, string table, string name, string newName, string type, string oldType, bool nullable,
        string? up = null, string? down = null, string? defaultValueSql = null, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, TypeChange(table, name, newName, type, oldType, nullable, up, down, defaultValueSql, schema, batchSize), ExpansionStage.UndoExpand);

    /// <summary>Makes <paramref name="name"/> required: a trigger writes <paramref name="fill"/> for NULLs, and the NULL rows are backfilled.</summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="table">The table.</param>
    /// <param name="name">The column.</param>
    /// <param name="fill">The value for NULLs: a SQL expression without column references, for example <c>'unknown'</c>.</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    /// <param name="batchSize">Rows per backfill batch.</param>
    public static OperationBuilder<ExpandRequiredOperation> ExpandRequired(
        this MigrationBuilder migrationBuilder, string table, string name, string fill, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, Required(table, name, fill, schema, batchSize), ExpansionStage.Expand);

    /// <summary>The contract of <see cref="ExpandRequired"/> (same arguments): validates, sets NOT NULL, drops the trigger.</summary>
    public static OperationBuilder<ExpandRequiredOperation> ContractRequired(
        this MigrationBuilder migrationBuilder, string table, string name, string fill, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, Required(table, name, fill, schema, batchSize), ExpansionStage.Contract);

    /// <summary>The Down of <see cref="ExpandRequired"/> (same arguments): drops the trigger (filled rows keep their value).</summary>
    public static OperationBuilder<ExpandRequiredOperation> UndoExpandRequired(
        this MigrationBuilder migrationBuilder, string table, string name, string fill, string? schema = null, int batchSize = BackfillDefaults.BatchSize)
        => Add(migrationBuilder, Required(table, name, fill, schema, batchSize), ExpansionStage.UndoExpand);

    /// <summary>Renames table <paramref name="name"/> to <paramref name="newName"/> and leaves an updatable view under the old name.</summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="name">The table's current name.</param>
    /// <param name="newName">Its new name.</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    public static OperationBuilder<ExpandTableRenameOperation> ExpandRenameTable(
        this MigrationBuilder migrationBuilder, string name, string newName, string? schema = null)
        => Add(migrationBuilder, new ExpandTableRenameOperation { Table = name, NewName = newName, Schema = schema }, ExpansionStage.Expand);

    /// <summary>The contract of <see cref="ExpandRenameTable"/> (same arguments): drops the view.</summary>
    public static OperationBuilder<ExpandTableRenameOperation> ContractRenameTable(
        this MigrationBuilder migrationBuilder, string name, string newName, string? schema = null)
        => Add(migrationBuilder, new ExpandTableRenameOperation { Table = name, NewName = newName, Schema = schema }, ExpansionStage.Contract);

    /// <summary>The Down of <see cref="ExpandRenameTable"/> (same arguments): drops the view, renames the table back.</summary>
    public static OperationBuilder<ExpandTableRenameOperation> UndoExpandRenameTable(
        this MigrationBuilder migrationBuilder, string name, string newName, string? schema = null)
        => Add(migrationBuilder, new ExpandTableRenameOperation { Table = name, NewName = newName, Schema = schema }, ExpansionStage.UndoExpand);

    /// <summary>Keeps column <paramref name="name"/> in the database while the new version no longer maps it; dropped by <see cref="DropRetiredColumn"/>.</summary>
    /// <param name="migrationBuilder">The migration's builder.</param>
    /// <param name="table">The table.</param>
    /// <param name="name">The column.</param>
    /// <param name="defaultValueSql">A default to set while retired (needed when it is NOT NULL without one: the new version no longer writes it).</param>
    /// <param name="oldDefaultValueSql">The default it has now, put back by <see cref="UndoRetireColumn"/>.</param>
    /// <param name="schema">The table's schema; null: the search path's.</param>
    public static OperationBuilder<RetireColumnOperation> RetireColumn(
        this MigrationBuilder migrationBuilder, string table, string name, string? defaultValueSql = null, string? oldDefaultValueSql = null, string? schema = null)
        => Add(migrationBuilder, Retire(table, name, defaultValueSql, oldDefaultValueSql, schema), ExpansionStage.Expand);

    /// <summary>The contract of <see cref="RetireColumn"/> (same arguments): drops the column, as planned.</summary>
    public static OperationBuilder<RetireColumnOperation> DropRetiredColumn(
        this MigrationBuilder migrationBuilder, string table, string name, string? defaultValueSql = null, string? oldDefaultValueSql = null, string? schema = null)
        => Add(migrationBuilder, Retire(table, name, defaultValueSql, oldDefaultValueSql, schema), ExpansionStage.Contract);

    /// <summary>The Down of <see cref="RetireColumn"/> (same arguments): puts the old default back.</summary>
    public static OperationBuilder<RetireColumnOperation> UndoRetireColumn(
        this MigrationBuilder migrationBuilder, string table, string name, string? defaultValueSql = null, string? oldDefaultValueSql = null, string? schema = null)
        => Add(migrationBuilder, Retire(table, name, defaultValueSql, oldDefaultValueSql, schema), ExpansionStage.UndoExpand);

    private static ExpandColumnOperation Column(
        string table, string name, string newName, string type, bool nullable, string? defaultValueSql, string? schema, int batchSize)
        => new()
        {
            Table = table, Name = name, NewName = newName, StoreType = type, IsNullable = nullable, DefaultValueSql = defaultValueSql,
            Schema = schema, BatchSize = batchSize,
        };

    private static ExpandColumnOperation TypeChange(
        string table, string name, string newName, string type, string oldType, bool nullable, string? up, string? down,
        string? defaultValueSql, string? schema, int batchSize)
    {
        var operation = Column(table, name, newName, type, nullable, defaultValueSql, schema, batchSize);
        operation.OldStoreType = oldType;
        operation.Up = up;
        operation.Down = down;
        return operation;
    }

    private static ExpandRequiredOperation Required(string table, string name, string fill, string? schema, int batchSize)
        => new() { Table = table, Name = name, Fill = fill, Schema = schema, BatchSize = batchSize };

    private static RetireColumnOperation Retire(string table, string name, string? defaultValueSql, string? oldDefaultValueSql, string? schema)
        => new() { Table = table, Name = name, DefaultValueSql = defaultValueSql, OldDefaultValueSql = oldDefaultValueSql, Schema = schema };

    private static OperationBuilder<T> Add<T>(MigrationBuilder migrationBuilder, T operation, ExpansionStage stage)
        where T : ExpansionOperation
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        operation.Stage = stage;
        ExpansionValidation.ThrowIfInvalid(operation);
        migrationBuilder.Operations.Add(operation);
        return new OperationBuilder<T>(operation);
    }
}
