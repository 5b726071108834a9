using EfSafeMigrations.IntegrationTests.Models.Shop;
using Microsoft.EntityFrameworkCore;

namespace EfSafeMigrations.IntegrationTests.Models.Expansions;

/// <summary>
/// <c>people</c> through one expand (column rename, type change, required, retire) and its contract, written by hand as users
/// write them; no entity mapping: the tests play the old and the new application version with SQL (the two-model test lives
/// elsewhere).
/// </summary>
public sealed class PeopleDbContext(DbContextOptions<PeopleDbContext> options) : DbContext(options);

/// <summary><c>customers</c> renamed to <c>clients</c> through a view.</summary>
public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options);

/// <summary>Bad input: an expand whose new column name is taken.</summary>
public sealed class NameTakenDbContext(DbContextOptions<NameTakenDbContext> options) : DbContext(options);

/// <summary>Bad input: a type change PostgreSQL has no conversion for.</summary>
public sealed class NoConversionDbContext(DbContextOptions<NoConversionDbContext> options) : DbContext(options);

/// <summary>Bad input: rows the up expression cannot convert.</summary>
public sealed class BadRowsDbContext(DbContextOptions<BadRowsDbContext> options) : DbContext(options);

/// <summary>Bad input: an expand of a primary key column.</summary>
public sealed class PrimaryKeyExpansionDbContext(DbContextOptions<PrimaryKeyExpansionDbContext> options) : DbContext(options);

/// <summary>Bad input: an expand declaring another type than the column's.</summary>
public sealed class WrongTypeDbContext(DbContextOptions<WrongTypeDbContext> options) : DbContext(options);

/// <summary>Bad input: a contract whose arguments name another change than its expand.</summary>
public sealed class MismatchedContractDbContext(DbContextOptions<MismatchedContractDbContext> options) : DbContext(options);

/// <summary><c>accounts</c>: a unique email and a self-referencing owner, both renamed; one copy made in the expand, one missing.</summary>
public sealed class AccountsExpansionDbContext(DbContextOptions<AccountsExpansionDbContext> options) : DbContext(options);

/// <summary>Bad input: a table without a primary key.</summary>
public sealed class NoKeyExpansionDbContext(DbContextOptions<NoKeyExpansionDbContext> options) : DbContext(options);

public static class ExpansionContexts
{
    /// <summary>A context applying post-deployment migrations when asked, with the old-writer window as given (zero: off).</summary>
    public static TContext Create<TContext>(string connectionString, bool postDeployment = false, TimeSpan? quietPeriod = null)
        where TContext : DbContext
        => (TContext)Activator.CreateInstance(typeof(TContext), ShopOptions.For<TContext>(connectionString, configure: o =>
        {
            o.ExpandContract.ApplyPostDeployment = postDeployment;
            o.ExpandContract.OldWriterQuietPeriod = quietPeriod ?? TimeSpan.Zero;
        }))!;
}
