namespace EfSafeMigrations;

/// <summary>Annotations EfSafeMigrations reads on migration operations. All carry the <c>EfSafeMigrations:</c> prefix.</summary>
public static class SafeMigrationsAnnotationNames
{
    /// <summary>The prefix of every annotation of this library.</summary>
    public const string Prefix = "EfSafeMigrations:";

    /// <summary>
    /// On <c>AddForeignKey</c> / <c>AddCheckConstraint</c>: <see langword="true"/> adds the constraint
    /// <c>NOT VALID</c> and leaves validation to a later, explicit <c>VALIDATE CONSTRAINT</c> step (what
    /// scaffolded migrations contain); <see langword="false"/> forces the plain form. Absent: the generator
    /// adds it <c>NOT VALID</c> and validates it in a separate step itself when the table already exists.
    /// </summary>
    public const string NotValid = Prefix + "NotValid";

    /// <summary>
    /// On <c>AlterColumn</c>, <c>CreateIndex</c>, <c>DropIndex</c>, <c>AddUniqueConstraint</c>,
    /// <c>AddPrimaryKey</c>: <see langword="false"/> turns the safe rewrite off for this one operation.
    /// </summary>
    public const string SafeRewrite = Prefix + "SafeRewrite";

    /// <summary>
    /// On <c>AddUniqueConstraint</c> / <c>AddPrimaryKey</c>: <see langword="true"/> means an earlier step of the
    /// migration built the unique index of the same name concurrently; the constraint is attached with
    /// <c>ADD CONSTRAINT ... USING INDEX</c> (what scaffolded migrations contain).
    /// </summary>
    public const string UsingIndex = Prefix + "UsingIndex";

    /// <summary>
    /// On <c>AlterColumn</c> setting NOT NULL: the name of the helper <c>CHECK (c IS NOT NULL)</c> that earlier steps
    /// of the migration added <c>NOT VALID</c> and validated, so <c>SET NOT NULL</c> skips its scan; a later step
    /// drops it (what scaffolded migrations contain).
    /// </summary>
    public const string NotNullCheck = Prefix + "NotNullCheck";

    /// <summary>
    /// On a property or an entity type of the model: <see langword="true"/> scaffolds its changes as expand/contract
    /// (<c>UsesExpandContract()</c>; docs/expand-contract.md): a property's rename, type change and nullable to required, an
    /// entity's table rename and column drops.
    /// </summary>
    public const string ExpandContract = Prefix + "ExpandContract";

    /// <summary>On a property: the SQL computing the new column from the old one in a scaffolded type change (<c>HasExpandConversion</c>).</summary>
    public const string ExpandConversionUp = Prefix + "ExpandConversionUp";

    /// <summary>On a property: the SQL computing the old column from the new one in a scaffolded type change (<c>HasExpandConversion</c>).</summary>
    public const string ExpandConversionDown = Prefix + "ExpandConversionDown";

    /// <summary>On a property: the SQL value written for NULLs when it is made required (<c>HasExpandFill</c>).</summary>
    public const string ExpandFill = Prefix + "ExpandFill";

    /// <summary>Npgsql's own annotation for <c>CREATE INDEX CONCURRENTLY</c> (reused, not redefined).</summary>
    public const string NpgsqlCreatedConcurrently = "Npgsql:CreatedConcurrently";
}
