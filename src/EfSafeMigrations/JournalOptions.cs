namespace EfSafeMigrations;

/// <summary>The migration journal: file beside the migrations, database table, verification before applying.</summary>
public sealed class JournalOptions
{
}
