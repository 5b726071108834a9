using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>
/// A migration whose Up is a delegate. EF finds migrations as types carrying [Migration] and
/// [DbContext] attributes, so each benchmark migration set is emitted as a small dynamic assembly of
/// such types (no generated source files to keep in the repository).
/// </summary>
public abstract class DelegateMigration : Migration
{
    private static readonly ConcurrentDictionary<Type, Action<MigrationBuilder>> Bodies = new();

    protected override void Up(MigrationBuilder migrationBuilder) => Bodies[GetType()](migrationBuilder);

    /// <summary>Emits one migration type per entry, in an assembly of their own, for <paramref name="contextType"/>.</summary>
    public static Assembly Emit(Type contextType, IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> migrations)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BenchMigrations" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Migrations");
        foreach (var (id, up) in migrations)
        {
            var type = module.DefineType("M_" + id, TypeAttributes.Public | TypeAttributes.Sealed, typeof(DelegateMigration));
            type.SetCustomAttribute(new CustomAttributeBuilder(typeof(MigrationAttribute).GetConstructor([typeof(string)])!, [id]));
            type.SetCustomAttribute(new CustomAttributeBuilder(typeof(DbContextAttribute).GetConstructor([typeof(Type)])!, [contextType]));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            Bodies[type.CreateType()] = up;
        }

        return assembly;
    }
}
