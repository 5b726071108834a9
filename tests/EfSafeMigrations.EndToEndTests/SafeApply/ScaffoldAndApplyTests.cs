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
        migration.IndexOf("-- EfSafeMigrations: fill NULLs before SET NOT NULL", StringComparison.Ordinal)
            .Should().BeInRange(0, migration.IndexOf("IS NOT NULL) NOT VALID;", StringComparison.Ordinal), "EF's defaultValue fill comes before the helper check");
        migration.Should().Contain("name: \"ak_orders_number\"").And.Contain("unique: true").And.Contain("UNIQUE USING INDEX ak_orders_number");

        (await sample.DotnetAsync("build", "-nologo")).ShouldSucceed();
        await AssertIdempotentScriptRunsTwiceInPsqlAsync(sample);
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_safe_apply");
        var createShop = Path.GetFileNameWithoutExtension(Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), "*_CreateShop.cs").Single());
        (await sample.RunAppAsync(new Dictionary<string, string?>
        {
            ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString, ["SAMPLE_TARGET_MIGRATION"] = createShop,
        })).ShouldSucceed();

        // Rows as production has them: two orders without a number. EF fills NULLs with '' before Number becomes
        // required, which would make the unique constraint fail halfway: the data preflight stops the run first.
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO customers ("Id", "Email") VALUES (1, 'a@example.com');
            INSERT INTO orders ("Id", "CustomerId", "Total", "Number") VALUES (1, 1, 10, NULL), (2, 1, 20, NULL), (3, 1, 30, 'N3');
            """);
        var environment = new Dictionary<string, string?> { ["SAMPLE_CONNECTION_STRING"] = database.ConnectionString };
        var refused = await sample.RunAppAsync(environment);
        refused.ExitCode.Should().NotBe(0);
        refused.ToString().Should().Contain("DATA_DUPLICATES").And.Contain("once the run has filled the NULLs of Number");
        await ExecuteAsync(database.ConnectionString, "UPDATE orders SET \"Number\" = 'N' || \"Id\" WHERE \"Number\" IS NULL AND \"Id\" = 1;");

        var run = (await sample.RunAppAsync(environment)).ShouldSucceed();

        run.StandardOutput.Should().Contain("applied: ").And.Contain("_SafeChanges").And.NotContain("_CreateShop, ");
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

    /// <summary>The real <c>dotnet ef migrations script --idempotent</c> output, run twice by psql on an empty database.</summary>
    private static async Task AssertIdempotentScriptRunsTwiceInPsqlAsync(SampleProject sample)
    {
        if (PsqlClient.Find() is null)
        {
            return; // The integration tests say so (ignored there); the rest of this test does not need psql.
        }

        var file = Path.Combine(sample.Directory, "migrate.sql");
        (await sample.EfAsync("migrations", "script", "--idempotent", "--no-build", "--output", file)).ShouldSucceed();
        File.ReadAllText(file).Should().Contain("\\if :esm_pending").And.Contain("CREATE INDEX CONCURRENTLY ix_orders_total").And.NotContain("DO $EF$");
        await using var database = await SharedPostgresServer.CreateDatabaseAsync("e2e_script");
        foreach (var run in new[] { "first", "second" })
        {
            var result = await PsqlClient.RunFileAsync(database.ConnectionString, file);
            result.ExitCode.Should().Be(0, $"the {run} run: {result}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
