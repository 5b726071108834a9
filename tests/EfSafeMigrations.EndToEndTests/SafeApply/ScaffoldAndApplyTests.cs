using EfSafeMigrations.EndToEndTests.Infrastructure;
using EfSafeMigrations.ThrowawayPostgres;
using Npgsql;

namespace EfSafeMigrations.EndToEndTests.SafeApply;

/// <summary>
/// What a user does: scaffold with dotnet ef, read the migration, build, run MigrateSafelyAsync at start-up.
/// </summary>
public class ScaffoldAndApplyTests
{
    [Test]
    public async Task Scaffolded_migration_shows_the_safe_form_compiles_and_applies_safely()
    {
        using var sample = await SampleProject.CreateAsync("SafeShop");
        (await sample.EfAsync("migrations", "add", "CreateShop")).ShouldSucceed();
        await File.WriteAllTextAsync(Path.Combine(sample.Directory, "Stage.cs"),
            "namespace SampleSafeShop;\npublic static class Stage { public const int Value = 2; }\n");
        (await sample.EfAsync("migrations", "add", "SafeChanges")).ShouldSucceed();

        var migration = File.ReadAllText(Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), "*_SafeChanges.cs").Single());
        migration.Should().Contain(".Annotation(\"Npgsql:CreatedConcurrently\", true)", "a reviewer sees the concurrent index");
        migration.Should().Contain(".Annotation(\"EfSafeMigrations:NotValid\", true)", "a reviewer sees NOT VALID");
        migration.Should().Contain("VALIDATE CONSTRAINT \\\"FK_orders_customers_CustomerId\\\"").And.Contain("VALIDATE CONSTRAINT ck_orders_total");
        migration.Should().Contain("IS NOT NULL) NOT VALID;").And.Contain(".Annotation(\"EfSafeMigrations:NotNullCheck\"", "a reviewer sees the safe SET NOT NULL");
        migration.Should().Contain("name: \"ak_orders_number\"").And.Contain("unique: true").And.Contain("UNIQUE USING INDEX ak_orders_number");

        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_safe_apply");
        var environment = new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString };
        var run = (await sample.RunAppAsync(environment)).ShouldSucceed();

        run.StandardOutput.Should().Contain("_CreateShop, ").And.Contain("_SafeChanges");
        run.StandardOutput.Should().Contain("CREATE INDEX CONCURRENTLY ix_orders_total").And.Contain("(outside a transaction)");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var check = new NpgsqlCommand("""
            SELECT (SELECT bool_and(convalidated) FROM pg_constraint WHERE conrelid = 'orders'::regclass),
                   (SELECT bool_and(indisvalid) FROM pg_index WHERE indrelid = 'orders'::regclass),
                   (SELECT count(*) FROM pg_index WHERE indexrelid = 'ix_orders_total'::regclass)
            """, connection);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetBoolean(0).Should().BeTrue("every constraint is validated");
        reader.GetBoolean(1).Should().BeTrue("every index is valid");
        reader.GetInt64(2).Should().Be(1);
    }
}
