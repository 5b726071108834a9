using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Linting.Baseline;

/// <summary>
/// Reads the adoption baseline the package's build targets write into the migrations assembly
/// (<c>[assembly: AssemblyMetadata("EfSafeMigrations.Baseline", "...")]</c> from <c>&lt;EfSafeMigrationsBaseline&gt;</c>),
/// so the runtime linter skips the same migrations as the build-time analyzer.
/// </summary>
internal static class AssemblyBaseline
{
    /// <summary>The baseline of the context's migrations assembly, or <see langword="null"/> when none is set.</summary>
    public static MigrationBaseline? Of(DbContext context) => Of(context.GetService<IMigrationsAssembly>().Assembly);

    public static MigrationBaseline? Of(Assembly assembly)
        => MigrationBaseline.Parse(assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == MigrationBaseline.AssemblyMetadataKey)?.Value);
}
