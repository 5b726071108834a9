namespace EfSafeMigrations.IntegrationTests.Models.Rich;

public enum UserStatus
{
    Invited,
    Active,
    Suspended,
}

public enum CustomerTier
{
    Free,
    Pro,
    Enterprise,
}

public enum OrderStatus
{
    Pending,
    Paid,
    Shipped,
    Cancelled,
}

public enum JobState
{
    Queued,
    Running,
    Done,
    Failed,
}
