namespace EfSafeMigrations.IntegrationTests.Models.Rich;

// Entities of the "ops" schema.

public sealed class Job
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public JobState State { get; set; }

    public string? Payload { get; set; }

    public DateTimeOffset? RunAfter { get; set; }
}

public sealed class JobRun
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }
}

public sealed class Webhook
{
    public int Id { get; set; }

    public required string Url { get; set; }

    public required string Secret { get; set; }

    public bool Enabled { get; set; }
}

public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public int WebhookId { get; set; }

    public int StatusCode { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public string? ResponseBody { get; set; }
}

public sealed class FeatureFlag
{
    public required string Name { get; set; }

    public bool Enabled { get; set; }

    public string? Description { get; set; }
}

public sealed class Metric
{
    public required string Name { get; set; }

    public DateTime At { get; set; }

    public double Value { get; set; }
}

/// <summary>"Weird Names" table: upper case, spaces, quotes and a reserved word, to prove quoting.</summary>
public sealed class OddlyNamed
{
    public int Id { get; set; }

    public string? Select { get; set; }

    public string? Quoted { get; set; }
}
