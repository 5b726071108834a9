using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Rich;

public sealed partial class RichDbContext
{
    private static void ConfigureOps(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Job>(e =>
        {
            e.ToTable("jobs", "ops");
            e.Property(x => x.Kind).HasMaxLength(100);
            e.Property(x => x.State).HasDefaultValue(JobState.Queued);
            e.Property(x => x.Payload).HasColumnType("jsonb");
            e.HasIndex(x => x.Payload).HasMethod("gin").HasOperators("jsonb_path_ops");
            e.HasIndex(x => x.RunAfter).HasFilter("\"State\" = 'queued'::ops.job_state");
        });

        modelBuilder.Entity<JobRun>(e =>
        {
            e.ToTable("job_runs", "ops");
            e.Property(x => x.StartedAt).HasDefaultValueSql("now()");
            e.HasOne<Job>().WithMany().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Webhook>(e =>
        {
            e.ToTable("webhooks", "ops");
            e.Property(x => x.Id).UseSerialColumn();
            e.Property(x => x.Url).HasComment("Where deliveries are POSTed.");
            e.Property(x => x.Enabled).HasDefaultValue(true);
        });

        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries", "ops");
            e.HasIndex(x => new { x.WebhookId, x.SentAt }).IncludeProperties(x => x.StatusCode);
            e.HasOne<Webhook>().WithMany().HasForeignKey(x => x.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<FeatureFlag>(e =>
        {
            e.ToTable("feature_flags", "ops");
            e.HasKey(x => x.Name);
            e.Property(x => x.Enabled).HasDefaultValue(false);
        });

        modelBuilder.Entity<Metric>(e =>
        {
            e.ToTable("metrics", "ops");
            e.HasKey(x => new { x.Name, x.At });
            e.Property(x => x.At).HasColumnType("timestamp without time zone");
        });

        modelBuilder.Entity<OddlyNamed>(e =>
        {
            e.ToTable("Oddly Named \"Things\"", "ops");
            e.Property(x => x.Select).HasColumnName("select");
            e.Property(x => x.Quoted).HasColumnName("It's \"Quoted\" Ünïcode");
            e.HasIndex(x => x.Select).HasDatabaseName("IX Oddly \"select\"");
        });
    }
}
