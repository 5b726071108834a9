namespace EfSafeMigrations;

/// <summary>The family a rule belongs to (used to group the docs and the README table).</summary>
public enum RuleCategory
{
    /// <summary>Creating, dropping and rebuilding indexes.</summary>
    Indexes = 0,

    /// <summary>Foreign keys, checks, unique and primary key constraints, NOT NULL.</summary>
    Constraints = 1,

    /// <summary>Adding columns and changing their type.</summary>
    Columns = 2,

    /// <summary>Renaming and dropping tables, columns and schemas: changes that break running code or lose data.</summary>
    BreakingChanges = 3,

    /// <summary>Column types and keys that are hard to change later.</summary>
    TypeChoices = 4,

    /// <summary>Statements in raw SQL that lock, rewrite or delete.</summary>
    RawSql = 5,

    /// <summary>Rows changed by the migration: seed data and data fixes.</summary>
    Data = 6,

    /// <summary>How the migration's statements are grouped into transactions and protected by timeouts.</summary>
    Transactions = 7,

    /// <summary>Names of tables, columns, indexes and constraints.</summary>
    Naming = 8,
}
