namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0029: identifier longer than 63 bytes.</summary>
    public static readonly Rule IdentifierTooLong = new(
        "ESM0029",
        "Identifier longer than 63 bytes",
        RuleCategory.Naming,
        RuleSeverity.Warning,
        "Identifier {0} is {1} bytes long; PostgreSQL keeps only the first 63",
        why: "PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN - 1). Two long names that share their first 63 bytes collide, and the name in the database no longer matches the one in the model and snapshot.",
        safeAlternative: "Give the table, column, index or constraint an explicit shorter name (HasDatabaseName, HasConstraintName, ToTable, HasColumnName).",
        unsafeSample: "modelBuilder.Entity<CustomerSubscriptionRenewalNotification>().HasIndex(n => new { n.CustomerSubscriptionId, n.NotificationChannelPreference });",
        safeSample: "modelBuilder.Entity<CustomerSubscriptionRenewalNotification>()\n    .HasIndex(n => new { n.CustomerSubscriptionId, n.NotificationChannelPreference })\n    .HasDatabaseName(\"IX_RenewalNotifications_Subscription_Channel\");");

    /// <summary>ESM0030: UPDATE or DELETE in a migration.</summary>
    public static readonly Rule UnbatchedDataChange = new(
        "ESM0030",
        "UPDATE or DELETE in a migration",
        RuleCategory.Data,
        RuleSeverity.Warning,
        "{0} changes rows inside the migration's transaction",
        why: "An UPDATE or DELETE in a migration runs in one transaction with the schema changes: it locks every row it touches until the migration commits (blocking the application's writes to those rows), holds any DDL lock taken earlier in the migration for the whole run, and leaves a long transaction behind (table bloat, replication lag).",
        safeAlternative: "Use migrationBuilder.Backfill(table, set, where): keyset batches by primary key, each its own short transaction outside the migration's, checkpointed and resumable (docs/backfill.md). Assure small, bounded fixes.",
        unsafeSample: "migrationBuilder.Sql(\"UPDATE users SET country = 'NL' WHERE country IS NULL;\");",
        safeSample: "migrationBuilder.Backfill(\"users\", set: \"country = 'NL'\", where: \"country IS NULL\", batchSize: 5_000);");

    /// <summary>ESM0031: TRUNCATE.</summary>
    public static readonly Rule Truncate = new(
        "ESM0031",
        "TRUNCATE in a migration",
        RuleCategory.Data,
        RuleSeverity.Error,
        "{0} deletes every row of the table",
        why: "TRUNCATE deletes every row (with CASCADE, also the rows of every referencing table) and takes an ACCESS EXCLUSIVE lock until the migration commits.",
        safeAlternative: "Do not empty tables from migrations. If the data really must go, delete it in batches from a job, or assure the migration with the reason.",
        unsafeSample: "migrationBuilder.Sql(\"TRUNCATE sessions;\");",
        safeSample: "// in a background job: DELETE FROM sessions WHERE id IN (SELECT id FROM sessions LIMIT 1000);");

    /// <summary>ESM0032: LOCK TABLE.</summary>
    public static readonly Rule LockTable = new(
        "ESM0032",
        "LOCK TABLE in a migration",
        RuleCategory.RawSql,
        RuleSeverity.Warning,
        "{0} takes an explicit table lock",
        why: "An explicit LOCK TABLE is held until the migration's transaction ends, so every later statement of the migration runs while the application waits (ACCESS EXCLUSIVE, the default mode, blocks reads too).",
        safeAlternative: "Rely on the locks each statement takes, keep the migration short, and let lock_timeout guard the wait. If the explicit lock is needed, take the weakest mode that works and assure the migration.",
        unsafeSample: "migrationBuilder.Sql(\"LOCK TABLE orders;\");",
        safeSample: "migrationBuilder.Sql(\"LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;\"); // weakest mode that works, assured with [SafetyAssured(\"ESM0032\", Reason = ...)]");

    /// <summary>The online replacement for VACUUM FULL and CLUSTER: REPACK (CONCURRENTLY) from PostgreSQL 19, pg_repack before.</summary>
    internal const int RepackConcurrentlyVersion = 19;

    /// <summary>ESM0033: VACUUM FULL.</summary>
    public static readonly Rule VacuumFull = new(
        "ESM0033",
        "VACUUM FULL or another whole-table rewrite in a migration",
        RuleCategory.RawSql,
        RuleSeverity.Error,
        "{0} rewrites tables under an ACCESS EXCLUSIVE lock; {1}",
        why: "VACUUM FULL (and REPACK without CONCURRENTLY) rewrites the table and all its indexes under an ACCESS EXCLUSIVE lock: nothing can read or write it until the rewrite ends. It also cannot run inside a transaction. ALTER TABLE ... SET LOGGED / SET UNLOGGED copies the whole table the same way.",
        safeAlternative: "Use plain VACUUM (no exclusive lock), or reclaim space online outside migrations: REPACK (CONCURRENTLY) on PostgreSQL 19+, the pg_repack extension (or pg_squeeze) before. Create a table LOGGED or UNLOGGED from the start; switch an existing one only in a maintenance window.",
        unsafeSample: "migrationBuilder.Sql(\"VACUUM FULL orders;\", suppressTransaction: true);",
        safeSample: "// outside migrations, PostgreSQL 19+: REPACK (CONCURRENTLY) orders;\n// before 19: pg_repack --table=orders");

    /// <summary>ESM0034: CLUSTER.</summary>
    public static readonly Rule Cluster = new(
        "ESM0034",
        "CLUSTER in a migration",
        RuleCategory.RawSql,
        RuleSeverity.Error,
        "{0} rewrites a table under an ACCESS EXCLUSIVE lock; {1}",
        why: "CLUSTER (and REPACK ... USING INDEX without CONCURRENTLY) rewrites the table in index order under an ACCESS EXCLUSIVE lock: nothing can read or write it until the rewrite ends.",
        safeAlternative: "Reorder the table online, outside migrations: REPACK (CONCURRENTLY) ... USING INDEX on PostgreSQL 19+, pg_repack --order-by before.",
        unsafeSample: "migrationBuilder.Sql(\"CLUSTER orders USING ix_orders_created_at;\");",
        safeSample: "// outside migrations, PostgreSQL 19+: REPACK (CONCURRENTLY) orders USING INDEX ix_orders_created_at;\n// before 19: pg_repack --table=orders --order-by=created_at");

    /// <summary>
    /// What to run instead of a locking rewrite on the server version (unknown: both): ESM0033 and ESM0034 fill it in.
    /// </summary>
    internal static string OnlineRewriteAdvice(int? postgresVersion, bool ordered)
    {
        var repack = ordered ? "REPACK (CONCURRENTLY) ... USING INDEX" : "REPACK (CONCURRENTLY)";
        var pgRepack = ordered ? "pg_repack --order-by" : "pg_repack";
        return postgresVersion switch
        {
            null => "outside migrations use " + repack + " (PostgreSQL " + RepackConcurrentlyVersion + "+) or " + pgRepack + " (before " + RepackConcurrentlyVersion + ")",
            >= RepackConcurrentlyVersion => "outside migrations use " + repack + ", which keeps the table readable and writable",
            _ => "outside migrations use " + pgRepack + " (REPACK (CONCURRENTLY) needs PostgreSQL " + RepackConcurrentlyVersion + "+)",
        };
    }

    /// <summary>ESM0043: DETACH PARTITION without CONCURRENTLY.</summary>
    public static readonly Rule DetachPartitionWithoutConcurrently = new(
        "ESM0043",
        "DETACH PARTITION without CONCURRENTLY",
        RuleCategory.RawSql,
        RuleSeverity.Warning,
        "{0} detaches a partition without CONCURRENTLY",
        why: "ALTER TABLE ... DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the partitioned table until the migration commits: every query on any partition waits, and while it waits for running queries to finish, every later query queues behind it.",
        safeAlternative: "Detach with CONCURRENTLY (PostgreSQL 14+), which takes only SHARE UPDATE EXCLUSIVE on the parent; it cannot run inside a transaction, so give it its own Sql step with suppressTransaction: true (an interrupted one is completed with DETACH PARTITION p FINALIZE).",
        unsafeSample: "migrationBuilder.Sql(\"ALTER TABLE orders DETACH PARTITION orders_2024;\");",
        safeSample: "migrationBuilder.Sql(\"ALTER TABLE orders DETACH PARTITION orders_2024 CONCURRENTLY;\", suppressTransaction: true);",
        exemptWhenTableIsNew: true);
}
