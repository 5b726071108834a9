using EfSafeMigrations.Linting.RawSql;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting;

/// <summary>
/// What the rule checks know while walking one migration's operations in order: which tables this migration
/// created so far (empty, so exempt from lock rules), the raw SQL scanner's state, and where findings go.
/// </summary>
internal sealed class LintContext
{
    private readonly List<RawFinding> _findings = [];
    private int _describedIndex = -1;
    private string _description = string.Empty;

    public LintContext(string migrationId, IReadOnlyList<MigrationOperation> operations, LintSettings settings)
    {
        MigrationId = migrationId;
        Operations = operations;
        RawSql = new RawSqlScanState
        {
            ExecutorSetsLockTimeout = settings.ExecutorSetsLockTimeout,
            ExecutorSetsStatementTimeout = settings.ExecutorSetsStatementTimeout,
            LoneConcurrentAndValidateRunOutsideTransaction = settings.SafeSqlGenerator,
            PostgresVersion = settings.PostgresVersion,
            ExecutorResumesConcurrentBuilds = settings.ExecutorResumesConcurrentBuilds,
        };
        RawSql.Schema.PostgresVersion = settings.PostgresVersion;

        // A foreign key dropped in raw SQL and added back by a later step is replaced, not lost (ESM0048). Only SQL that
        // names a foreign key at all is tokenized for it.
        for (var i = 0; i < operations.Count; i++)
        {
            switch (operations[i])
            {
                case AddForeignKeyOperation key:
                    RawSql.ForeignKeyAddedAtStep[key.Name] = i;
                    break;
                case SqlOperation sql when sql.Sql?.Contains("foreign", StringComparison.OrdinalIgnoreCase) == true:
                    foreach (var name in RawSqlConstraintDefinition.ForeignKeysAdded(SqlTokenizer.Tokenize(sql.Sql)))
                    {
                        RawSql.ForeignKeyAddedAtStep[name] = i;
                    }

                    break;
            }
        }
    }

    public string MigrationId { get; }

    public IReadOnlyList<MigrationOperation> Operations { get; }

    /// <summary>Shared with the raw SQL scanner: tables created by EF operations count as new for raw SQL too.</summary>
    public RawSqlScanState RawSql { get; }

    /// <summary>Columns added and NOT NULL checks validated earlier in the migration (shared with raw SQL).</summary>
    public MigrationSchemaFacts Schema => RawSql.Schema;

    public int OperationIndex { get; set; }

    /// <summary>Columns retired by earlier migrations (<see cref="LintSettings.RetiredColumns"/>): their drop is planned.</summary>
    public IReadOnlySet<string> RetiredColumns { get; init; } = new HashSet<string>();

    public bool IsRetired(string table, string column) => RetiredColumns.Contains(ExpandContract.Internal.RetiredColumns.Key(table, column));

    public MigrationOperation Operation => Operations[OperationIndex];

    public IReadOnlyList<RawFinding> Findings => _findings;

    public bool IsNewTable(string? table) => table is not null && RawSql.NewTables.Contains(table);

    public void MarkTableNew(string table) => RawSql.NewTables.Add(table);

    /// <summary>Reports the current operation under <paramref name="rule"/>; the arguments fill the rule's message.</summary>
    public void Report(Rule rule, params string[] arguments) => Report(rule, null, arguments);

    /// <summary>Like <see cref="Report(Rule, string[])"/>, never more severe than <paramref name="mostSevere"/> (when not null).</summary>
    public void Report(Rule rule, RuleSeverity? mostSevere, params string[] arguments)
        => _findings.Add(new RawFinding(rule, OperationIndex, DescribeOperation(), rule.FormatMessage(arguments), SafeForm.AllowsRewrite(Operation), mostSevere));

    /// <summary>Reports a step whose failure on existing rows the data preflight detects before anything runs (when it is on).</summary>
    public void ReportCheckedByDataPreflight(Rule rule, params string[] arguments)
        => _findings.Add(new RawFinding(rule, OperationIndex, DescribeOperation(), rule.FormatMessage(arguments), SafeForm.AllowsRewrite(Operation))
        {
            CheckedByDataPreflight = true,
        });

    // Described once per operation: describing a Sql step tokenizes all of its text, and one step can have
    // thousands of findings (linting stays linear in the size of the SQL).
    private string DescribeOperation()
    {
        if (_describedIndex != OperationIndex)
        {
            _description = OperationDescriber.Describe(Operation);
            _describedIndex = OperationIndex;
        }

        return _description;
    }

    /// <summary>Like <see cref="Report(Rule, string[])"/>, for a rule exempt on tables created earlier in this migration.</summary>
    public void ReportUnlessNew(string table, Rule rule, params string[] arguments)
    {
        if (!IsNewTable(table))
        {
            Report(rule, arguments);
        }
    }
}

/// <summary>A rule hit before options, version, assurances and rewrites are applied.</summary>
/// <param name="Rewritable">Whether the safe SQL generator may rewrite the operation (not raw SQL, not opted out).</param>
/// <param name="MostSevere">A cap on the severity when the check knows less than the rule assumes (null: none).</param>
internal sealed record RawFinding(Rule Rule, int OperationIndex, string Operation, string Message, bool Rewritable, RuleSeverity? MostSevere = null)
{
    /// <summary>Whether the data preflight checks the rows this step can fail on (then the finding is informational).</summary>
    public bool CheckedByDataPreflight { get; init; }
}

/// <summary>A check over one kind of migration operation.</summary>
internal interface IOperationCheck
{
    void Check(MigrationOperation operation, LintContext context);
}
