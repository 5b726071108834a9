using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.SafeApply;

/// <summary>The differ writes the safe form into the operations a scaffolded migration is made of.</summary>
public class SafeModelDifferTests
{
    [Test]
    public void New_index_on_an_existing_table_is_marked_concurrent()
    {
        var operations = Diff(new ShopModel(ShopShape.Tables), new ShopModel(ShopShape.WithIndex));
        var index = operations.Should().ContainSingle().Which.Should().BeOfType<CreateIndexOperation>().Subject;
        index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently].Should().Be(true);
    }

    [Test]
    public void Index_of_a_new_table_stays_plain()
    {
        var operations = Diff(new ShopModel(ShopShape.Empty), new ShopModel(ShopShape.WithIndex));
        operations.OfType<CreateIndexOperation>().Should().ContainSingle()
            .Which[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently].Should().BeNull();
    }

    [Test]
    public void New_foreign_key_and_check_on_existing_tables_are_not_valid_then_validated()
    {
        var operations = Diff(new ShopModel(ShopShape.Tables), new ShopModel(ShopShape.WithForeignKeyAndCheck));

        var fk = operations.OfType<AddForeignKeyOperation>().Should().ContainSingle().Subject;
        fk[SafeMigrationsAnnotationNames.NotValid].Should().Be(true);
        var check = operations.OfType<AddCheckConstraintOperation>().Should().ContainSingle().Subject;
        check[SafeMigrationsAnnotationNames.NotValid].Should().Be(true);

        var validations = operations.OfType<SqlOperation>().ToList();
        validations.Should().HaveCount(2).And.OnlyContain(s => s.SuppressTransaction);
        validations.Select(v => v.Sql).Should().BeEquivalentTo(
            "ALTER TABLE orders VALIDATE CONSTRAINT \"FK_orders_customers_customer_id\";",
            "ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total;");
        operations.IndexOf(validations[0]).Should().BeGreaterThan(operations.IndexOf(operations.First(o => o is AddForeignKeyOperation or AddCheckConstraintOperation)));
    }

    [Test]
    public void Set_not_null_on_an_existing_column_becomes_visible_fill_and_helper_check_steps()
    {
        var operations = Diff(new ShopModel(ShopShape.Tables), new ShopModel(ShopShape.WithRequiredEmail));
        var check = EfSafeMigrations.Migrations.Internal.SafeSql.NotNullCheckName(null, "customers", "email");

        // EF gives the column made required defaultValue: "" (its UPDATE fills the NULLs): the fill comes first.
        operations.OfType<AlterColumnOperation>().Single().DefaultValue.Should().Be(string.Empty);
        operations.Select(Describe).Should().Equal(
            $"sql: {EfSafeMigrations.Migrations.Internal.NullFillSql.Marker}\nUPDATE customers SET email = '' WHERE email IS NULL;",
            $"sql: ALTER TABLE customers ADD CONSTRAINT {check} CHECK (email IS NOT NULL) NOT VALID;",
            $"sql: ALTER TABLE customers VALIDATE CONSTRAINT {check};",
            "AlterColumnOperation",
            $"sql: ALTER TABLE customers DROP CONSTRAINT {check};");
        operations[3][SafeMigrationsAnnotationNames.NotNullCheck].Should().Be(check);
    }

    [Test]
    public void Unique_constraint_on_an_existing_table_becomes_a_concurrent_index_then_an_attach_step()
    {
        var operations = Diff(new ShopModel(ShopShape.Tables), new ShopModel(ShopShape.WithAlternateKey));

        operations.Select(Describe).Should().ContainInOrder(
            "CreateIndexOperation",
            "sql: ALTER TABLE orders ADD CONSTRAINT ak_orders_number UNIQUE USING INDEX ak_orders_number;");
        var index = operations.OfType<CreateIndexOperation>().Should().ContainSingle().Subject;
        (index.Name, index.IsUnique, index[SafeMigrationsAnnotationNames.NpgsqlCreatedConcurrently]).Should().Be(("ak_orders_number", true, (object)true));
        operations.Should().NotContain(o => o is AddUniqueConstraintOperation, "plain EF tools would build a second index for it");
    }

    [Test]
    public void Toggling_concurrent_creation_on_an_existing_index_changes_nothing()
    {
        Diff(new ShopModel(ShopShape.WithIndex), new ShopModel(ShopShape.WithConcurrentIndex)).Should().BeEmpty();
        Diff(new ShopModel(ShopShape.WithConcurrentIndex), new ShopModel(ShopShape.WithIndex)).Should().BeEmpty();
    }

    [Test]
    public void Toggling_the_rewrite_option_changes_nothing_for_existing_indexes()
    {
        var source = new ShopModel(ShopShape.WithIndex);
        using var target = new ShopModel(ShopShape.WithIndex, o => o.Rewrites.ConcurrentIndexes = false);
        Diff(source, target).Should().BeEmpty();
    }

    private static string Describe(MigrationOperation operation)
        => operation is SqlOperation sql ? "sql: " + sql.Sql : operation.GetType().Name;

    private static List<MigrationOperation> Diff(ShopModel source, ShopModel target)
    {
        using (source)
        using (target)
        {
            var differ = target.GetService<IMigrationsModelDiffer>();
            return differ.GetDifferences(
                source.GetService<IDesignTimeModel>().Model.GetRelationalModel(),
                target.GetService<IDesignTimeModel>().Model.GetRelationalModel()).ToList();
        }
    }

    internal enum ShopShape
    {
        Empty,
        Tables,
        WithIndex,
        WithConcurrentIndex,
        WithForeignKeyAndCheck,
        WithRequiredEmail,
        WithAlternateKey,
    }

    internal sealed class Customer
    {
        public long Id { get; set; }

        public string? Email { get; set; }
    }

    internal sealed class Order
    {
        public long Id { get; set; }

        public long CustomerId { get; set; }

        public decimal Total { get; set; }

        public string? Number { get; set; }
    }

    /// <summary>One context type, several shapes: the shape is part of the model cache key.</summary>
    internal sealed class ShopModel(ShopShape shape, Action<SafeMigrationsOptions>? configure = null) : DbContext
    {
        public ShopShape Shape { get; } = shape;

        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
            => optionsBuilder.UseNpgsql("Host=localhost;Database=differ").UseSafeMigrations(configure)
                .ReplaceService<IModelCacheKeyFactory, ShapeCacheKeyFactory>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            if (Shape == ShopShape.Empty)
            {
                return;
            }

            modelBuilder.Entity<Customer>(c =>
            {
                c.ToTable("customers").Property(x => x.Id).HasColumnName("id");
                var email = c.Property(x => x.Email).HasColumnName("email");
                if (Shape == ShopShape.WithRequiredEmail)
                {
                    email.IsRequired();
                }
            });
            modelBuilder.Entity<Order>(o =>
            {
                o.ToTable("orders");
                o.Property(x => x.Id).HasColumnName("id");
                o.Property(x => x.CustomerId).HasColumnName("customer_id");
                o.Property(x => x.Total).HasColumnName("total");
                o.Property(x => x.Number).HasColumnName("number");
                switch (Shape)
                {
                    case ShopShape.WithIndex:
                        o.HasIndex(x => x.CustomerId).HasDatabaseName("ix_orders_customer_id");
                        break;
                    case ShopShape.WithConcurrentIndex:
                        o.HasIndex(x => x.CustomerId).HasDatabaseName("ix_orders_customer_id").IsCreatedConcurrently();
                        break;
                    case ShopShape.WithAlternateKey:
                        o.HasAlternateKey(x => x.Number).HasName("ak_orders_number");
                        break;
                    case ShopShape.WithForeignKeyAndCheck:
                        o.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId);
                        o.ToTable(t => t.HasCheckConstraint("ck_orders_total", "total >= 0"));
                        break;
                }
            });
        }
    }

    private sealed class ShapeCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) => (((ShopModel)context).Shape, designTime);
    }
}
