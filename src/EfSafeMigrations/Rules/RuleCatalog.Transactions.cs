namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0038: a migration mixing non-transactional steps with transactional ones.</summary>
    public static readonly Rule MixedTransactionalSteps = new(
        "ESM0038",
        "Migration mixes non-transactional steps with others",
        RuleCategory.Transactions,
        RuleSeverity.Warning,
        "{0} runs outside a transaction next to other steps and is not idempotent",
        why: "Steps with suppressTransaction: true commit on their own. If a later step fails, the earlier ones stay applied but the migration is not recorded, so the next run repeats them and fails again (for example 'relation already exists').",
        safeAlternative: "Put the non-transactional step in a migration of its own, or write it so a repeat is harmless (CREATE INDEX CONCURRENTLY IF NOT EXISTS, DROP ... IF EXISTS).",
        unsafeSample: "migrationBuilder.AddColumn<string>(name: \"Country\", table: \"Users\", nullable: true);\nmigrationBuilder.Sql(\"CREATE INDEX CONCURRENTLY ix_users_country ON users (country);\", suppressTransaction: true);",
        safeSample: "migrationBuilder.Sql(\"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_country ON users (country);\", suppressTransaction: true);");

    /// <summary>ESM0039: raw SQL that runs DDL without a lock timeout.</summary>
    public static readonly Rule RawSqlWithoutLockTimeout = new(
        "ESM0039",
        "Raw SQL runs DDL without lock_timeout",
        RuleCategory.Transactions,
        RuleSeverity.Warning,
        "{0} runs without a lock timeout: {1}",
        why: "A DDL statement waiting for its lock (behind one long transaction) makes every later query on the table queue behind it: the application stalls for as long as the wait lasts. lock_timeout bounds that wait; MigrateSafelyAsync sets it for every step, but raw SQL that turns it off, or runs where nothing sets it (dotnet ef database update, SQL scripts), has no bound.",
        safeAlternative: "Do not reset lock_timeout or statement_timeout in raw SQL; apply migrations with MigrateSafelyAsync, or start the SQL with SET lock_timeout = '5s' when it runs elsewhere.",
        unsafeSample: "migrationBuilder.Sql(\"SET lock_timeout = 0; ALTER TABLE orders ADD COLUMN note text;\");",
        safeSample: "migrationBuilder.Sql(\"SET LOCAL lock_timeout = '5s'; ALTER TABLE orders ADD COLUMN note text;\");");

    /// <summary>ESM0040: transaction control statements inside raw SQL.</summary>
    public static readonly Rule TransactionControlInRawSql = new(
        "ESM0040",
        "Transaction control in raw SQL",
        RuleCategory.Transactions,
        RuleSeverity.Error,
        "{0} controls the transaction the migration runs in",
        why: "EF runs each migration in a transaction and records it in the same transaction. A COMMIT or ROLLBACK inside raw SQL ends that transaction early: statements after it run without the migration's atomicity or lock, and a failure leaves the migration half applied and unrecorded. BEGIN inside it only warns and nests nothing.",
        safeAlternative: "Remove BEGIN/COMMIT/ROLLBACK; use suppressTransaction: true for a statement that must run outside the transaction, or split the work into separate migrations.",
        unsafeSample: "migrationBuilder.Sql(\"COMMIT; CREATE INDEX CONCURRENTLY ix ON t (c); BEGIN;\");",
        safeSample: "migrationBuilder.Sql(\"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (c);\", suppressTransaction: true);");

    /// <summary>ESM0047: a statement that cannot be repeated in a step that runs outside a transaction.</summary>
    public static readonly Rule NonIdempotentNonTransactionalStep = new(
        "ESM0047",
        "Non-idempotent statement in a non-transactional step",
        RuleCategory.Transactions,
        RuleSeverity.Warning,
        "{0} runs outside a transaction and fails when repeated",
        why: "A step with suppressTransaction: true commits each statement on its own, and the migration is recorded only after its last step. When anything fails in between (a later statement, a later step, a lost connection, a killed process), the statements that ran stay applied but the migration is not recorded: the next run repeats them, and a CREATE or ADD without IF NOT EXISTS (or a DROP without IF EXISTS, a RENAME, an ADD CONSTRAINT) then fails with 'already exists' or 'does not exist', so the migration can never finish without manual repair.",
        safeAlternative: "Write every statement of a non-transactional step so that a repeat is harmless: CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, DROP ... IF EXISTS, ADD VALUE IF NOT EXISTS, or guard it in a DO block that checks the catalog. Keep transactional work in ordinary steps. (A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that IF NOT EXISTS would keep: MigrateSafelyAsync drops it before retrying; elsewhere drop it by hand.)",
        unsafeSample: "migrationBuilder.Sql(\"ALTER TABLE orders ADD COLUMN note text;\", suppressTransaction: true);",
        safeSample: "migrationBuilder.Sql(\"ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;\", suppressTransaction: true);");

    /// <summary>ESM0050: raw SQL DDL that runs without a statement timeout.</summary>
    public static readonly Rule RawSqlWithoutStatementTimeout = new(
        "ESM0050",
        "Raw SQL runs DDL without statement_timeout",
        RuleCategory.Transactions,
        RuleSeverity.Warning,
        "{0} runs without a statement timeout: nothing sets statement_timeout where this migration is applied",
        why: "Once a DDL statement has its lock, lock_timeout no longer bounds it: a scan or rewrite under that lock (a type change, a validation, a NOT NULL check) runs as long as the table needs, and the application waits for all of it. Plain EF (dotnet ef database update, Migrate(), bundles) sets no statement_timeout, and the server's default is none. MigrateSafelyAsync, and EfSafeMigrations' SQL generator with its timeouts rewrite on, set one for every step.",
        safeAlternative: "Apply migrations with MigrateSafelyAsync (or keep EfSafeMigrations' timeouts rewrite on), or start the SQL with SET LOCAL statement_timeout = '15min' (and lock_timeout, ESM0039) when plain EF applies it.",
        unsafeSample: "migrationBuilder.Sql(\"ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\"); // applied by dotnet ef database update",
        safeSample: "migrationBuilder.Sql(\"SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '15min'; ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\");",
        runtimeOnlyReason: "depends on how the migrations are applied (plain EF, or MigrateSafelyAsync / the safe SQL generator's timeouts)");
}
