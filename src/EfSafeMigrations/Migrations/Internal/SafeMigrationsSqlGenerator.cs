using EfSafeMigrations.Infrastructure.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace EfSafeMigrations.Migrations.Internal;

/// <summary>
/// Npgsql's SQL generator with the safe rewrites applied to plain operations (the safety net under the
/// differ, which already writes the safe form into scaffolded migrations). One partial file per operation
/// family: Indexes, Constraints, Columns (with ScaffoldedFills), RawSql, Timeouts. Scoped, like the generator it replaces.
/// </summary>
internal sealed partial class SafeMigrationsSqlGenerator : NpgsqlMigrationsSqlGenerator
{
    private readonly SafeMigrationsOptions _options;
    private readonly HashSet<(string Schema, string Table)> _createdTables = [];
    private readonly Dictionary<int, SafeCommandInfo> _infoByIndex = [];
    private SafeCommandInfo? _pendingInfo;

    public SafeMigrationsSqlGenerator(
        MigrationsSqlGeneratorDependencies dependencies,
        INpgsqlSingletonOptions npgsqlSingletonOptions,
        IDbContextOptions contextOptions)
        : base(dependencies, npgsqlSingletonOptions)
        => _options = SafeMigrationsOptionsExtension.OptionsOf(contextOptions);

    private RewriteOptions Rewrites => _options.Rewrites;

    public override IReadOnlyList<MigrationCommand> Generate(
        IReadOnlyList<MigrationOperation> operations, IModel? model = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default)
    {
        _createdTables.Clear();
        _infoByIndex.Clear();
        foreach (var create in operations.OfType<CreateTableOperation>())
        {
            _createdTables.Add(TableKey(create.Schema, create.Name));
        }

        var commands = base.Generate(Rewrites.SafeSetNotNull ? WithFillsBeforeHelperChecks(operations, model) : operations, model, options);
        for (var i = 0; i < commands.Count; i++)
        {
            SafeCommandInfo.Attach(
                commands[i],
                _infoByIndex.TryGetValue(i, out var info) ? info : new SafeCommandInfo(StatementClassifier.Classify(commands[i].CommandText), []));
        }

        return Rewrites.Timeouts ? WithTimeouts(commands) : commands;
    }

    /// <summary>The operations this library adds: a backfill, an expand/contract stage.</summary>
    protected override void Generate(MigrationOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        switch (operation)
        {
            case BackfillOperation backfill:
                GenerateBackfill(backfill, builder, [RewriteNames.Backfill]);
                break;
            case ExpansionOperation expansion:
                GenerateExpansion(expansion, builder);
                break;
            default:
                base.Generate(operation, model, builder);
                break;
        }
    }

    /// <summary>Every statement end passes here: tag it with what the current rewrite said about it.</summary>
    protected override void EndStatement(MigrationCommandListBuilder builder, bool suppressTransaction = false)
    {
        base.EndStatement(builder, suppressTransaction);
        if (_pendingInfo is not null)
        {
            _infoByIndex[builder.GetCommandList().Count - 1] = _pendingInfo;
        }
    }

    /// <summary>Ends the current statement tagged with <paramref name="info"/>.</summary>
    private void EndTagged(MigrationCommandListBuilder builder, bool suppressTransaction, SafeCommandInfo info)
    {
        var previous = _pendingInfo;
        _pendingInfo = info;
        try
        {
            EndStatement(builder, suppressTransaction);
        }
        finally
        {
            _pendingInfo = previous;
        }
    }

    /// <summary>Runs <paramref name="generate"/> with every statement it ends tagged with <paramref name="info"/>.</summary>
    private void Tagged(SafeCommandInfo info, Action generate)
    {
        var previous = _pendingInfo;
        _pendingInfo = info;
        try
        {
            generate();
        }
        finally
        {
            _pendingInfo = previous;
        }
    }

    /// <summary>A table created in the same migration is empty and unseen by others: the plain form is safe there.</summary>
    private bool IsNewTable(string? schema, string? table) => table is not null && _createdTables.Contains(TableKey(schema, table));

    private static (string, string) TableKey(string? schema, string table) => (schema ?? string.Empty, table);

    /// <summary>A per-operation opt-out: <c>.Annotation("EfSafeMigrations:SafeRewrite", false)</c>.</summary>
    private static bool OptedOut(MigrationOperation operation) => operation[SafeMigrationsAnnotationNames.SafeRewrite] is false;

    private string Quote(string name, string? schema = null) => Dependencies.SqlGenerationHelper.DelimitIdentifier(name, schema);
}
