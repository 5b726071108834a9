using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EfSafeMigrations.Sample;

/// <summary>
/// The release that renames email to email_address (docs/expand-contract.md), as it happens in production: the new
/// version starts and applies the expand (MigrateSafelyAsync at start-up, the contract waits), then while the rollout
/// goes on, instances of the old version (which maps <c>email</c>) and of the new one (which maps <c>email_address</c>)
/// write the same table; the expand's trigger keeps both columns written.
/// </summary>
public static class RenameRollout
{
    /// <summary>What the new release's Program.cs does at start-up.</summary>
    public static async Task<bool> StartNewReleaseAsync(string connectionString)
    {
        Console.WriteLine("$ (the new release's start-up) await db.Database.MigrateSafelyAsync();");
        await using var db = UsersDbContext.Create(connectionString);
        var report = await db.Database.MigrateSafelyAsync();
        foreach (var migration in report.Migrations)
        {
            Console.WriteLine($"   {migration.Status.ToString().ToLowerInvariant(),-8} {migration.Id}  {Duration(migration.Duration)}");
        }

        foreach (var id in report.DeferredMigrations)
        {
            Console.WriteLine($"   deferred {id}  (post-deployment)");
        }

        Console.WriteLine($"   Done: {report.AppliedMigrations.Count} applied, {report.DeferredMigrations.Count} deferred.");
        if (report.PostDeploymentNote is { } note)
        {
            Console.WriteLine($"   {note}");
        }

        return true;
    }

    /// <summary>Writes through both versions and reads each value back through the other version's column.</summary>
    public static async Task<bool> WriteWithBothVersionsAsync(string connectionString)
    {
        await using var db = UsersDbContext.Create(connectionString);
        if ((await db.Database.GetPostDeploymentStatusAsync()).OpenExpansions.Count == 0)
        {
            Console.WriteLine("   (the rename is not expanded on this database, or already contracted: nothing to show)");
            return true;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var agreed = true;

        // An instance of the old version (the DropName release) knows only email: its SQL, as EF generated it for that model.
        var grace = (long)(await ScalarAsync(connection,
            "INSERT INTO users (email, first_name, last_name, is_active) VALUES (@value, 'Grace', 'Hopper', true) RETURNING id",
            "grace@old.example"))!;
        agreed &= await ShowAsync(connection, "old version", "INSERT", "email", "grace@old.example", "email_address", grace);

        // An instance of the new version writes through its model, which maps email_address only.
        var ada = new User { EmailAddress = "ada@new.example", FirstName = "Ada", LastName = "Lovelace" };
        db.Users.Add(ada);
        await db.SaveChangesAsync();
        agreed &= await ShowAsync(connection, "new version", "INSERT", "email_address", ada.EmailAddress, "email", ada.Id);

        await ScalarAsync(connection, $"UPDATE users SET email = @value WHERE id = {grace}", "grace@hopper.example");
        agreed &= await ShowAsync(connection, "old version", "UPDATE", "email", "grace@hopper.example", "email_address", grace);

        ada.EmailAddress = "ada@lovelace.example";
        await db.SaveChangesAsync();
        agreed &= await ShowAsync(connection, "new version", "UPDATE", "email_address", ada.EmailAddress, "email", ada.Id);

        // The rows written before the release were copied by the expand's backfill.
        var rows = (long)(await ScalarAsync(connection, "SELECT count(*) FROM users", null))!;
        var differing = (long)(await ScalarAsync(connection, "SELECT count(*) FROM users WHERE email_address IS DISTINCT FROM email", null))!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {rows:N0} users, {differing} where email and email_address differ."));
        return agreed && differing == 0;
    }

    private static async Task<bool> ShowAsync(NpgsqlConnection connection, string version, string verb, string written, string value, string other, long id)
    {
        var read = (string?)await ScalarAsync(connection, $"SELECT {other} FROM users WHERE id = {id}", null);
        Console.WriteLine($"   {version}  {verb} {written,-13} = {"'" + value + "'",-24}  ->  {other,-13} reads '{read}'");
        return read == value;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, string? value)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (value is not null)
        {
            command.Parameters.AddWithValue("value", value);
        }

        return await command.ExecuteScalarAsync();
    }

    private static string Duration(TimeSpan duration)
        => duration.TotalSeconds >= 1 ? $"{duration.TotalSeconds:0.0} s" : $"{duration.TotalMilliseconds:0} ms";
}
