using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// Wraps the differ the scaffolder uses and remembers what it returned, so that hooks see exactly the
/// operations EF turned into code rather than a second, possibly different, diff. Also puts operations no model change
/// produces (requested contracts, which EF's model no longer knows of) at the start of the Up.
/// </summary>
internal sealed class OperationCapturingDiffer(IMigrationsModelDiffer inner) : IMigrationsModelDiffer
{
    private readonly List<IReadOnlyList<MigrationOperation>> _results = [];
    private IReadOnlyList<MigrationOperation> _prependToUp = [];

    /// <summary>Results of <see cref="GetDifferences"/> since the last <see cref="Reset"/>, in call order (Up, then Down).</summary>
    public IReadOnlyList<IReadOnlyList<MigrationOperation>> Results => _results;

    /// <param name="prependToUp">Operations to put before the differ's own in the next Up (the first call).</param>
    public void Reset(IReadOnlyList<MigrationOperation>? prependToUp = null)
    {
        _results.Clear();
        _prependToUp = prependToUp ?? [];
    }

    public bool HasDifferences(IRelationalModel? source, IRelationalModel? target) => inner.HasDifferences(source, target);

    public IReadOnlyList<MigrationOperation> GetDifferences(IRelationalModel? source, IRelationalModel? target)
    {
        var operations = inner.GetDifferences(source, target);
        if (_results.Count == 0 && _prependToUp.Count > 0)
        {
            operations = [.. _prependToUp, .. operations];
        }

        _results.Add(operations);
        return operations;
    }
}
