using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.ExpandContract.Internal;

/// <summary>The differ's operations while expansions replace and remove some of them (by identity, keeping EF's order).</summary>
internal sealed class OperationList(IEnumerable<MigrationOperation> operations)
{
    private readonly List<MigrationOperation> _operations = operations.ToList();

    public IEnumerable<T> OfType<T>() => _operations.OfType<T>().ToList();

    public void Replace(MigrationOperation old, MigrationOperation replacement) => _operations[IndexOf(old)] = replacement;

    public void Remove(MigrationOperation old) => _operations.RemoveAt(IndexOf(old));

    public void InsertBefore(MigrationOperation anchor, MigrationOperation inserted) => _operations.Insert(IndexOf(anchor), inserted);

    public void Insert(int index, MigrationOperation inserted) => _operations.Insert(index, inserted);

    public List<MigrationOperation> ToList() => [.. _operations];

    private int IndexOf(MigrationOperation operation)
    {
        var index = _operations.FindIndex(o => ReferenceEquals(o, operation));
        return index >= 0 ? index : throw new InvalidOperationException("The operation is no longer in the list.");
    }
}
