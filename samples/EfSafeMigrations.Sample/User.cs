namespace EfSafeMigrations.Sample;

/// <summary>A user of the Solo Kit app.</summary>
public sealed class User
{
    public long Id { get; set; }

    public required string EmailAddress { get; set; }

    public required string FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Bio { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
