using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// EF's C# migrations generator, plus <c>using Microsoft.EntityFrameworkCore;</c> in a migration holding expand/contract
/// operations: their builder methods are extension methods in that namespace, which EF's generator does not import.
/// </summary>
internal sealed class ExpansionMigrationsGenerator(MigrationsCodeGeneratorDependencies dependencies, CSharpMigrationsGeneratorDependencies csharpDependencies)
    : CSharpMigrationsGenerator(dependencies, csharpDependencies)
{
    protected override IEnumerable<string> GetNamespaces(IEnumerable<MigrationOperation> operations)
    {
        var list = operations.ToList();
        var namespaces = base.GetNamespaces(list);
        return list.Any(o => o is ExpansionOperation) ? namespaces.Append("Microsoft.EntityFrameworkCore") : namespaces;
    }
}
