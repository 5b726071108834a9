using EfSafeMigrations.IntegrationTests.Infrastructure;
using EfSafeMigrations.IntegrationTests.Models.Users;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Foundation;

/// <summary>The ground truth everything else compares with: plain EF Core migrating a real server.</summary>
public class PlainEfMigrationTests
{
    [Test]
    public async Task Plain_MigrateAsync_creates_the_users_table_as_the_catalog_shows()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using (var context = new UsersDbContext(UsersDbContext.Options(database.ConnectionString)))
        {
            await context.Database.MigrateAsync();
            context.Users.Add(new User { Email = "ada@example.com", Name = "Ada" });
            await context.SaveChangesAsync();
        }

        var catalog = await CatalogSnapshot.ReadAsync(database.ConnectionString);

        catalog.Tables.Should().Equal("public.users r");
        catalog.Columns.Should().Equal(
            "public.users.created_at timestamp with time zone NOT NULL DEFAULT now()",
            "public.users.email character varying(320) NOT NULL",
            "public.users.id bigint NOT NULL IDENTITY d",
            "public.users.name character varying(200) NOT NULL",
            "public.users.updated_at timestamp with time zone NOT NULL DEFAULT now()");
        catalog.Constraints.Should().Equal("public.users PK_users p PRIMARY KEY (id)");
        catalog.Indexes.Should().BeEquivalentTo(
            "CREATE UNIQUE INDEX \"PK_users\" ON public.users USING btree (id)",
            "CREATE UNIQUE INDEX ix_users_email ON public.users USING btree (email)");

        var history = await CatalogSnapshot.ReadAsync(database.ConnectionString, includeBookkeeping: true);
        history.Tables.Should().Contain("public.__EFMigrationsHistory r");
    }

    [Test]
    public async Task The_migrated_database_is_owned_by_a_role_that_is_not_a_superuser()
    {
        await using var database = await PostgresTestServer.CreateDatabaseAsync();
        await using var context = new UsersDbContext(UsersDbContext.Options(database.ConnectionString));
        await context.Database.MigrateAsync();

        var facts = await context.Database
            .SqlQueryRaw<RoleFacts>("""
                SELECT current_user::text AS "User", r.rolsuper AS "IsSuperuser",
                       pg_get_userbyid(c.relowner)::text AS "TableOwner"
                FROM pg_roles r, pg_class c
                WHERE r.rolname = current_user AND c.relname = 'users'
                """)
            .SingleAsync();

        facts.IsSuperuser.Should().BeFalse();
        facts.User.Should().Be(database.Role);
        facts.TableOwner.Should().Be(database.Role);
    }

    private sealed record RoleFacts(string User, bool IsSuperuser, string TableOwner);
}
