using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Linting;

/// <summary>
/// The annotations by which a migration operation says it is already in its safe form, or opts out of the safe
/// SQL generator's rewrite (written by the safe model differ or by hand with the <c>SafeMigrationBuilderExtensions</c>).
/// </summary>
internal static class SafeForm
{
    public const string NotValidAnnotation = SafeMigrationsAnnotationNames.NotValid;
    public const string SafeRewriteAnnotation = SafeMigrationsAnnotationNames.SafeRewrite;
    public const string CreatedConcurrentlyAnnotation = SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently;

    /// <summary>A foreign key or check added <c>NOT VALID</c> (validated by a later step).</summary>
    public static bool IsNotValid(MigrationOperation operation) => operation[NotValidAnnotation] is true;

    /// <summary>
    /// Whether the safe SQL generator may rewrite the operation: never raw SQL (it is run as written), never an
    /// operation whose rewrite was turned off for it.
    /// </summary>
    public static bool AllowsRewrite(MigrationOperation operation)
        => operation is not SqlOperation
           && operation[SafeRewriteAnnotation] is not false
           && operation[NotValidAnnotation] is not false
           && !(operation is CreateIndexOperation && operation[CreatedConcurrentlyAnnotation] is false);
}
