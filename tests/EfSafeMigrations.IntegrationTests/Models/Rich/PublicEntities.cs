namespace EfSafeMigrations.IntegrationTests.Models.Rich;

// Entities of the default (public) schema. Plain property bags: the model configuration is in RichDbContext.*.cs.

public sealed class Tenant
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class User
{
    public long Id { get; set; }

    public long TenantId { get; set; }

    public required string Email { get; set; }

    public string? DisplayName { get; set; }

    public UserStatus Status { get; set; }

    public string[] Tags { get; set; } = [];

    public string? Settings { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public PostalAddress? Address { get; set; }
}

/// <summary>Owned by <see cref="User"/> (columns in the users table) and by <see cref="Customer"/> (own table).</summary>
public sealed class PostalAddress
{
    public string? Street { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }
}

public sealed class Role
{
    public int Id { get; set; }

    public required string Name { get; set; }
}

public sealed class UserRole
{
    public long UserId { get; set; }

    public int RoleId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}

public sealed class ApiKey
{
    public Guid Id { get; set; }

    public long UserId { get; set; }

    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

public sealed class AuditLog
{
    public long Id { get; set; }

    public long? UserId { get; set; }

    public required string Action { get; set; }

    public string? Payload { get; set; }

    public DateTimeOffset At { get; set; }
}

public sealed class Setting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
