using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// Wraps the differ the scaffolder uses and remembers what it returned, so that hooks see exactly the
/// operations EF turned into code rather than a second, possibly different, diff.
/// </summary>
internal sealed class OperationCapturingDiffer(IMigrationsModelDiffer inner) : IMigrationsModelDiffer
{
    private readonly List<IReadOnlyList<MigrationOperation>> _results = [];

    /// <summary>Results of <see cref="GetDifferences"/> since the last <see cref="Reset"/>, in call order (Up, then Down).</summary>
    public IReadOnlyList<IReadOnlyList<MigrationOperation>> Results => _results;

    public void Reset() => _results.Clear();

    public bool HasDifferences(IRelationalModel? source, IRelationalModel? target) => inner.HasDifferences(source, target);

    public IReadOnlyList<MigrationOperation> GetDifferences(IRelationalModel? source, IRelationalModel? target)
    {
        var operations = inner.GetDifferences(source, target);
        _results.Add(operations);
        return operations;
    }
}
