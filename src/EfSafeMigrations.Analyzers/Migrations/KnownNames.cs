namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>
/// Every type, method and annotation name the analyzers rely on, in one place (EF Core, Npgsql and the
/// safe forms EfSafeMigrations scaffolds).
/// </summary>
internal static class KnownNames
{
    public const string MigrationType = "Microsoft.EntityFrameworkCore.Migrations.Migration";
    public const string MigrationBuilderType = "Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder";
    public const string ColumnsBuilderType = "Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.ColumnsBuilder";
    public const string MigrationAttribute = "Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute";
    public const string CreateTableBuilderType = "Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.CreateTableBuilder`1";

    /// <summary><c>[SafetyAssured("ESM0018", Reason = "...")]</c> on a migration class.</summary>
    public const string SafetyAssuredAttribute = "EfSafeMigrations.SafetyAssuredAttribute";
    public const string SafetyAssuredReason = "Reason";

    /// <summary>The extension methods the scaffolder writes (<c>.Concurrently()</c>, <c>.NotValid()</c>, <c>ValidateConstraint</c>).</summary>
    public const string SafeMigrationBuilderExtensions = "Microsoft.EntityFrameworkCore.SafeMigrationBuilderExtensions";
    public const string ConcurrentlyMethod = "Concurrently";
    public const string NotValidMethod = "NotValid";
    public const string WithoutSafeRewriteMethod = "WithoutSafeRewrite";
    public const string ValidateConstraintMethod = "ValidateConstraint";

    /// <summary>Npgsql's annotation for CREATE INDEX CONCURRENTLY.</summary>
    public const string CreatedConcurrently = "Npgsql:CreatedConcurrently";

    /// <summary>EfSafeMigrations: add the constraint NOT VALID, validation is a separate step.</summary>
    public const string NotValid = "EfSafeMigrations:NotValid";

    /// <summary>EfSafeMigrations: <see langword="false"/> turns the generator's rewrite off for one operation.</summary>
    public const string SafeRewrite = "EfSafeMigrations:SafeRewrite";

    /// <summary>Npgsql's value generation annotation (identity and serial columns).</summary>
    public const string ValueGenerationStrategy = "Npgsql:ValueGenerationStrategy";
}
