namespace EfSafeMigrations;

public static partial class RuleCatalog
{
    /// <summary>ESM0001: index created without CONCURRENTLY on an existing table.</summary>
    public static readonly Rule NonConcurrentIndexCreation = new(
        "ESM0001",
        "Index created without CONCURRENTLY",
        RuleCategory.Indexes,
        RuleSeverity.Error,
        "Index {0} on existing table {1} is created without CONCURRENTLY",
        why: "CREATE INDEX takes a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE waits until the index is built, which on a large table means seconds to minutes of stalled writes.",
        safeAlternative: "Build the index with CREATE INDEX CONCURRENTLY, outside a transaction: writes go on during the build. EfSafeMigrations' SQL generator does this when its concurrent-index rewrite is enabled. A failed concurrent build leaves an INVALID index: drop it before retrying.",
        unsafeSample: "migrationBuilder.CreateIndex(name: \"IX_Users_Email\", table: \"Users\", column: \"Email\");\n// or: migrationBuilder.Sql(\"CREATE INDEX ix_users_email ON users (email);\");",
        safeSample: "// In the model (Npgsql):\nmodelBuilder.Entity<User>().HasIndex(u => u.Email).IsCreatedConcurrently();\n// or in raw SQL, outside the migration's transaction:\nmigrationBuilder.Sql(\"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);\", suppressTransaction: true);",
        autoFixedBySafeGenerator: true,
        exemptWhenTableIsNew: true);

    /// <summary>ESM0002: index dropped without CONCURRENTLY.</summary>
    public static readonly Rule NonConcurrentIndexDrop = new(
        "ESM0002",
        "Index dropped without CONCURRENTLY",
        RuleCategory.Indexes,
        RuleSeverity.Warning,
        "Index {0} is dropped without CONCURRENTLY",
        why: "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. The drop itself is quick, but it waits behind every running query on the table, and every later read and write queues behind it.",
        safeAlternative: "Drop the index with DROP INDEX CONCURRENTLY, outside a transaction. EfSafeMigrations' SQL generator does this when the drop-index rewrite is enabled.",
        unsafeSample: "migrationBuilder.DropIndex(name: \"IX_Users_Email\", table: \"Users\");",
        safeSample: "migrationBuilder.Sql(\"DROP INDEX CONCURRENTLY IF EXISTS \\\"IX_Users_Email\\\";\", suppressTransaction: true);",
        autoFixedBySafeGenerator: true,
        exemptWhenTableIsNew: true);

    /// <summary>ESM0003: a concurrent index statement inside a transaction.</summary>
    public static readonly Rule ConcurrentIndexInTransaction = new(
        "ESM0003",
        "Concurrent index operation inside a transaction",
        RuleCategory.Indexes,
        RuleSeverity.Error,
        "{0} runs inside the migration's transaction",
        why: "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run inside a transaction block: PostgreSQL rejects the statement and the migration fails after its earlier statements ran.",
        safeAlternative: "Run the statement as its own step outside the transaction with suppressTransaction: true, and write it idempotently (IF NOT EXISTS / IF EXISTS) so that a retry after a failure succeeds.",
        unsafeSample: "migrationBuilder.Sql(\"CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\");",
        safeSample: "migrationBuilder.Sql(\"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);\", suppressTransaction: true);");

    /// <summary>ESM0028: a non-unique index over more than three columns.</summary>
    public static readonly Rule WideNonUniqueIndex = new(
        "ESM0028",
        "Non-unique index over more than three columns",
        RuleCategory.Indexes,
        RuleSeverity.Warning,
        "Index {0} on table {1} has {2} columns",
        why: "A non-unique B-tree index with more than three columns rarely speeds up more queries than its first three columns would, but it is larger, slower to build and slows down every write to the table.",
        safeAlternative: "Index the most selective leading columns only (at most three), or use INCLUDE columns for index-only scans.",
        unsafeSample: "migrationBuilder.CreateIndex(name: \"IX_Orders_Wide\", table: \"Orders\", columns: new[] { \"CustomerId\", \"Status\", \"CreatedAt\", \"Total\" });",
        safeSample: "modelBuilder.Entity<Order>().HasIndex(o => new { o.CustomerId, o.Status, o.CreatedAt }).IncludeProperties(o => o.Total);");

    /// <summary>ESM0035: REINDEX without CONCURRENTLY.</summary>
    public static readonly Rule ReindexWithoutConcurrently = new(
        "ESM0035",
        "REINDEX without CONCURRENTLY",
        RuleCategory.Indexes,
        RuleSeverity.Error,
        "{0} rebuilds indexes without CONCURRENTLY",
        why: "REINDEX takes a SHARE lock on the table (blocking writes) and an ACCESS EXCLUSIVE lock on each index it rebuilds (blocking every query that would use it) for the whole rebuild.",
        safeAlternative: "Use REINDEX CONCURRENTLY (PostgreSQL 12+), outside a transaction. Before 12: CREATE INDEX CONCURRENTLY a copy, DROP INDEX CONCURRENTLY the old one, rename the copy.",
        unsafeSample: "migrationBuilder.Sql(\"REINDEX INDEX ix_users_email;\");",
        safeSample: "migrationBuilder.Sql(\"REINDEX INDEX CONCURRENTLY ix_users_email;\", suppressTransaction: true);");
}
