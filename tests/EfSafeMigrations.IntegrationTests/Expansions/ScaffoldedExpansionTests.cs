using System.Reflection;
using EfSafeMigrations.Design;
using EfSafeMigrations.IntegrationTests.Models.Expansions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using static EfSafeMigrations.IntegrationTests.Backfills.BackfillDatabase;

namespace EfSafeMigrations.IntegrationTests.Expansions;

/// <summary>
/// Migrations scaffolded the way <c>dotnet ef migrations add</c> scaffolds them (the context's differ, EF's C# generator with
/// EfSafeMigrations' design-time services, compiled), run on a real server: the expand with old and new writers, its Down,
/// the expand again and the contract.
/// </summary>
public class ScaffoldedExpansionTests
{
    private const string CreateId = "20261130100001_Create";
    private const string ExpandId = "20261130100002_Expand";
    private const string ContractId = "20261130100003_Contract";

    [Test]
    public async Task A_scaffolded_expand_its_undo_and_its_contract_run_with_old_and_new_writers()
    {
        var migrations = ScaffoldMigrations();
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await MigrateAsync(database.ConnectionString, migrations, CreateId);
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO members (email, nickname, legacy) VALUES ('a@example.org', NULL, 1), ('a@example.org', 'b', 2), ('c@example.org', NULL, 3);
            INSERT INTO purchases (member_id, code) VALUES (1, 'p1'), (2, 'p2');
            """);

        await MigrateAsync(database.ConnectionString, migrations, ExpandId);
        await ExecuteAsync(database.ConnectionString, """
            INSERT INTO members (email, nickname, legacy) VALUES ('old@example.org', NULL, 9);
            INSERT INTO members (email_address, nickname) VALUES ('new@example.org', 'n');
            INSERT INTO purchases (member_id, code) VALUES (3, 'through-the-view');
            INSERT INTO orders (member_id, code) VALUES (4, 'new');
            """);

        (await ColumnAsync(database.ConnectionString, "SELECT concat_ws('|', id, email, email_address, nickname, legacy) FROM members ORDER BY id"))
            .Should().Equal(
                "1|a@example.org|a@example.org|anonymous|1", "2|a@example.org|a@example.org|b|2", "3|c@example.org|c@example.org|anonymous|3",
                "4|old@example.org|old@example.org|anonymous|9", "5|new@example.org|new@example.org|n|0");
        (await ColumnAsync(database.ConnectionString, """
            SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('p', 'f')
            UNION ALL SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'members'::regclass AND indisvalid AND NOT indisprimary
            """)).Should().BeEquivalentTo("FK_orders_members_member_id", "\"IX_members_email\"", "\"IX_members_email_address\"", "PK_orders");

        await MigrateAsync(database.ConnectionString, migrations, CreateId);

        (await ColumnAsync(database.ConnectionString, "SELECT concat_ws('|', id, email, nickname, legacy) FROM members ORDER BY id")).Should().Equal(
            "1|a@example.org|anonymous|1", "2|a@example.org|b|2", "3|c@example.org|anonymous|3", "4|old@example.org|anonymous|9", "5|new@example.org|n|0");
        (await ColumnAsync(database.ConnectionString, """
            SELECT relname || ' ' || relkind::text FROM pg_class WHERE relname IN ('purchases', 'orders')
            UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = 'purchases'::regclass AND contype IN ('p', 'f')
            UNION ALL SELECT column_name FROM information_schema.columns WHERE table_name = 'members'
            """)).Should().BeEquivalentTo("email", "FK_purchases_members_member_id", "id", "legacy", "nickname", "PK_purchases", "purchases r");
        (await ColumnAsync(database.ConnectionString, "SELECT count(*) FROM purchases")).Should().Equal("4");

        await MigrateAsync(database.ConnectionString, migrations, ExpandId);
        await MigrateAsync(database.ConnectionString, migrations, target: null, postDeployment: true);

        (await ColumnAsync(database.ConnectionString, """
            SELECT column_name || ' ' || is_nullable FROM information_schema.columns WHERE table_name = 'members'
            UNION ALL SELECT relname || ' ' || relkind::text FROM pg_class WHERE relname IN ('purchases', 'orders')
            """)).Should().BeEquivalentTo("email_address NO", "id NO", "nickname NO", "orders r");
    }

    private static Assembly ScaffoldMigrations()
    {
        using var version1 = Context("Host=localhost;Database=design_time", 1, null);
        using var version2 = Context("Host=localhost;Database=design_time", 2, null);
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices();
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
        services.AddDbContextDesignTimeServices(version2);
        new SafeMigrationsDesignTimeServices().ConfigureDesignTimeServices(services);
        using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IMigrationsCodeGeneratorSelector>().Select("C#");
        var differ = version2.GetService<IMigrationsModelDiffer>();
        var before = Model(version1);
        var after = Model(version2);

        var create = differ.GetDifferences(null, before);
        var expand = differ.GetDifferences(before, after);
        var undo = differ.GetDifferences(after, before);
        List<MigrationOperation> contract = [.. expand.OfType<ExpansionOperation>().Select(e => e.AsStage(ExpansionStage.Contract))];

        string[] Files(string id, IReadOnlyList<MigrationOperation> up, IReadOnlyList<MigrationOperation> down, IRelationalModel model)
        {
            var name = id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
            return [
                generator.GenerateMigration("Scaffolded.Migrations", name, up, down),
                generator.GenerateMetadata("Scaffolded.Migrations", typeof(ScaffoldedMembersContext), name, id, model.Model),
            ];
        }

        return Compile([.. Files(CreateId, create, [], before), .. Files(ExpandId, expand, undo, after), .. Files(ContractId, contract, [], after)]);
    }

    private static IRelationalModel Model(DbContext context) => context.GetService<IDesignTimeModel>().Model.GetRelationalModel();

    private static Assembly Compile(string[] code)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        var compilation = CSharpCompilation.Create(
            "ScaffoldedExpansions" + Guid.NewGuid().ToString("N"), code.Select(c => CSharpSyntaxTree.ParseText(c)), references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        emitted.Success.Should().BeTrue(string.Join('\n', emitted.Diagnostics) + "\n" + string.Join('\n', code));
        return Assembly.Load(stream.ToArray());
    }

    private static ScaffoldedMembersContext Context(string connectionString, int version, Assembly? migrations, bool postDeployment = false)
    {
        var options = new DbContextOptionsBuilder<ScaffoldedMembersContext>()
            .UseNpgsql(connectionString, n =>
            {
                if (migrations is not null)
                {
                    n.MigrationsAssembly(migrations);
                }
            })
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .UseSafeMigrations(o =>
            {
                o.ExpandContract.ApplyPostDeployment = postDeployment;
                o.ExpandContract.OldWriterQuietPeriod = TimeSpan.Zero;
            })
            .ReplaceService<IModelCacheKeyFactory, ScaffoldedMembersContext.VersionKey>()
            .Options;
        return new ScaffoldedMembersContext(options, version);
    }

    private static async Task MigrateAsync(string connectionString, Assembly migrations, string? target, bool postDeployment = false)
    {
        await using var context = Context(connectionString, 2, migrations, postDeployment);
        await context.Database.MigrateSafelyAsync(new MigrateSafelyOptions { TargetMigration = target });
    }
}
