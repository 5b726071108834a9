using EfSafeMigrations.Journal;
using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.Journal.Verification;

/// <summary>
/// The per-process cache of compiled-migration checksums: keyed by migration type and active provider, so it
/// saves the work on a second start-up yet can never answer for an edited migration (an edit is a new build,
/// so a new type; here the "edited" version is simply another class with the same id).
/// </summary>
public class CompiledMigrationCacheTests
{
    private const string Id = "20260101000000_AddUsers";

    [Test]
    public void A_second_lookup_of_the_same_migration_type_does_not_run_Up_again()
    {
        var first = CompiledMigration.From(Id, Create<CountingMigration>("Npgsql.EntityFrameworkCore.PostgreSQL"));
        var second = CompiledMigration.From(Id, Create<CountingMigration>("Npgsql.EntityFrameworkCore.PostgreSQL"));

        CountingMigration.UpCalls.Should().Be(1);
        second.Should().BeEquivalentTo(first);
        first.Checksum.Should().Be(MigrationChecksum.Compute(Create<CountingMigration>("Npgsql.EntityFrameworkCore.PostgreSQL")));
    }

    [Test]
    public void An_edited_migration_with_the_same_id_gets_its_own_checksum()
    {
        var original = CompiledMigration.From(Id, Create<OriginalMigration>("Npgsql.EntityFrameworkCore.PostgreSQL"));
        var edited = CompiledMigration.From(Id, Create<EditedMigration>("Npgsql.EntityFrameworkCore.PostgreSQL"));

        edited.Checksum.Should().NotBe(original.Checksum).And.Be(MigrationChecksum.Compute(Create<EditedMigration>("Npgsql.EntityFrameworkCore.PostgreSQL")));
    }

    [Test]
    public void The_active_provider_is_part_of_the_key()
    {
        var npgsql = CompiledMigration.From(Id, Create<ProviderDependentMigration>("Npgsql.EntityFrameworkCore.PostgreSQL"));
        var other = CompiledMigration.From(Id, Create<ProviderDependentMigration>("Other.Provider"));

        other.Checksum.Should().NotBe(npgsql.Checksum);
    }

    private static T Create<T>(string provider)
        where T : Migration, new()
        => new() { ActiveProvider = provider };

    private sealed class CountingMigration : Migration
    {
        private static int _upCalls;

        public static int UpCalls => _upCalls;

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            Interlocked.Increment(ref _upCalls);
            migrationBuilder.Sql("SELECT 1");
        }
    }

    private sealed class OriginalMigration : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddColumn<string>("email", "users", nullable: true);
    }

    private sealed class EditedMigration : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddColumn<string>("mail", "users", nullable: true);
    }

    private sealed class ProviderDependentMigration : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "SELECT 1" : "SELECT 2");
    }
}
