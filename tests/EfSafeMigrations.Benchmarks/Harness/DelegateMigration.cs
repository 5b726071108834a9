using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore;
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
    private static readonly ConcurrentDictionary<Type, Action<ModelBuilder>> Models = new();

    protected override void Up(MigrationBuilder migrationBuilder) => Bodies[GetType()](migrationBuilder);

    // What a Designer file's BuildTargetModel does, when the set was emitted with one.
    protected override void BuildTargetModel(ModelBuilder modelBuilder)
    {
        if (Models.TryGetValue(GetType(), out var build))
        {
            build(modelBuilder);
        }
    }

    /// <summary>
    /// Emits one migration type per entry, in an assembly of their own, for <paramref name="contextType"/>; with
    /// <paramref name="targetModel"/>, each also has a Designer model (built by it from the migration's index).
    /// </summary>
    public static Assembly Emit(
        Type contextType, IReadOnlyList<(string Id, Action<MigrationBuilder> Up)> migrations, Action<ModelBuilder, int>? targetModel = null)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("BenchMigrations" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Migrations");
        foreach (var (index, (id, up)) in migrations.Index())
        {
            var type = module.DefineType("M_" + id, TypeAttributes.Public | TypeAttributes.Sealed, typeof(DelegateMigration));
            type.SetCustomAttribute(new CustomAttributeBuilder(typeof(MigrationAttribute).GetConstructor([typeof(string)])!, [id]));
            type.SetCustomAttribute(new CustomAttributeBuilder(typeof(DbContextAttribute).GetConstructor([typeof(Type)])!, [contextType]));
            type.DefineDefaultConstructor(MethodAttributes.Public);
            var created = type.CreateType();
            Bodies[created] = up;
            if (targetModel is not null)
            {
                Models[created] = builder => targetModel(builder, index);
            }
        }

        return assembly;
    }
}
