namespace EfSafeMigrations.Migrations.Internal;

/// <summary>Stable names of the rewrites, as they appear in plans, reports and logs.</summary>
internal static class RewriteNames
{
    public const string ConcurrentIndex = "concurrent-index";
    public const string ConcurrentDropIndex = "concurrent-drop-index";
    public const string NotValidForeignKey = "not-valid-foreign-key";
    public const string NotValidCheck = "not-valid-check";
    public const string ValidateConstraint = "validate-constraint";
    public const string SafeSetNotNull = "safe-set-not-null";
    public const string ConstraintUsingIndex = "constraint-using-concurrent-index";
    public const string Timeouts = "timeouts";
    public const string BatchedFill = "batched-fill";
    public const string Backfill = "backfill";
    public const string ExpandContract = "expand-contract";
}
