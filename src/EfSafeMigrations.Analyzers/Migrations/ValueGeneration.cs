namespace EfSafeMigrations.Analyzers.Migrations;

/// <summary>Reads Npgsql's <c>Npgsql:ValueGenerationStrategy</c> annotation chained onto a column.</summary>
internal static class ValueGeneration
{
    // NpgsqlValueGenerationStrategy's values, for annotations written as numbers.
    private static readonly string[] Names = { "None", "SequenceHiLo", "SerialColumn", "IdentityAlwaysColumn", "IdentityByDefaultColumn", "Sequence" };

    /// <summary>The strategy's member name (<c>IdentityByDefaultColumn</c>...), or <see langword="null"/>.</summary>
    public static string? Of(MigrationBuilderCall call)
    {
        if (!call.TryGetAnnotation(KnownNames.ValueGenerationStrategy, out var value))
        {
            return null;
        }

        return value is int number && number >= 0 && number < Names.Length ? Names[number] : value as string;
    }
}
