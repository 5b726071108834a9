using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>What a reviewer reads in a scaffolded migration: EF's own C# generator over the differ's operations.</summary>
public class ScaffoldedCodeTests
{
    [Test]
    public void Scaffolded_code_shows_the_concurrent_index_and_the_not_valid_plus_validate_steps()
    {
        using var context = ShopOptions.Shop("Host=localhost;Database=design_time");
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices();
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
        services.AddDbContextDesignTimeServices(context);
        using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<ICSharpMigrationOperationGenerator>();

        var index = new CreateIndexOperation { Name = "ix_orders_customer_id", Table = "orders", Columns = ["customer_id"] };
        index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently] = true;
        var fk = new AddForeignKeyOperation
        {
            Name = "fk_orders_customers", Table = "orders", Columns = ["customer_id"], PrincipalTable = "customers", PrincipalColumns = ["id"],
        };
        fk[SafeMigrationsAnnotationNames.NotValid] = true;
        var validate = new SqlOperation { Sql = "ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;", SuppressTransaction = true };

        var code = new IndentedStringBuilder();
        generator.Generate("migrationBuilder", [index, fk, validate], code);
        var text = code.ToString();

        text.Should().Contain(".Annotation(\"Npgsql:CreatedConcurrently\", true)");
        text.Should().Contain(".Annotation(\"EfSafeMigrations:NotValid\", true)");
        // EF's C# generator drops suppressTransaction; the safe SQL generator runs a lone VALIDATE outside the transaction anyway.
        text.Should().Contain("migrationBuilder.Sql(\"ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customers;\")");
    }
}
