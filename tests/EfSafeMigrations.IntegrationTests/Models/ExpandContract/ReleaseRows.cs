using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EfSafeMigrations.IntegrationTests.Models.ExpandContract;

/// <summary>The four changes release 2 makes, each on a table of its own.</summary>
public enum ReleaseChange
{
    /// <summary>users.email renamed to email_address.</summary>
    ColumnRename,

    /// <summary>orders.price_cents (integer cents) replaced by price (numeric(12,2)).</summary>
    TypeChange,

    /// <summary>profiles.country made required.</summary>
    Required,

    /// <summary>customers renamed to clients.</summary>
    TableRename,
}

/// <summary>A row of any of the tables, by its key.</summary>
public interface IReleaseRow
{
    long Id { get; set; }
}

/// <summary>
/// How one application version writes and reads one change's value, as text (an email, a price in cents, a country, a name),
/// through its own DbContext: insert, update by key (load, change, SaveChanges, as an application does), read all.
/// </summary>
public sealed record ReleaseRowMap(
    Func<DbContext, string?, Task<long>> InsertAsync,
    Func<DbContext, long, string?, Task> UpdateAsync,
    Func<DbContext, Task<Dictionary<long, string?>>> ReadAllAsync)
{
    public static ReleaseRowMap For<T>(Func<string?, T> create, Action<T, string?> set, Func<T, string?> get)
        where T : class, IReleaseRow
        => new(
            async (db, value) =>
            {
                var row = create(value);
                db.Add(row);
                await db.SaveChangesAsync();
                return row.Id;
            },
            async (db, id, value) =>
            {
                var row = await db.Set<T>().FindAsync(id) ?? throw new InvalidOperationException($"{typeof(T).Name} {id} not found");
                set(row, value);
                await db.SaveChangesAsync();
            },
            async db => (await db.Set<T>().AsNoTracking().ToListAsync()).ToDictionary(r => r.Id, get));
}

/// <summary>The mapping both versions' models share: a table of an id and one value column.</summary>
public static class ReleaseMapping
{
    /// <summary>Maps <typeparamref name="T"/> to <paramref name="table"/>: its key to <c>id</c>, <paramref name="property"/> to <paramref name="column"/>.</summary>
    public static PropertyBuilder Row<T>(ModelBuilder modelBuilder, string table, string property, string column)
        where T : class, IReleaseRow
    {
        var entity = modelBuilder.Entity<T>().ToTable(table);
        entity.Property(nameof(IReleaseRow.Id)).HasColumnName("id");
        return entity.Property(property).HasColumnName(column);
    }
}

/// <summary>One version of the application: its context and how it maps each change.</summary>
public sealed record ApplicationVersion(string Name, Func<string, DbContext> Open, IReadOnlyDictionary<ReleaseChange, ReleaseRowMap> Rows);
