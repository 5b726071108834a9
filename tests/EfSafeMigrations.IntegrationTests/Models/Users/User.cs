namespace EfSafeMigrations.IntegrationTests.Models.Users;

/// <summary>The users table of the Solo Kit example: the smallest realistic model.</summary>
public sealed class User
{
    public long Id { get; set; }

    public required string Email { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
