using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace EfSafeMigrations.Tests.Journal.Checksums;

/// <summary>
/// What <c>dotnet ef migrations add</c> does, in process: the differ's operations between two models,
/// EF's C# code generator, and Roslyn to compile the code back into a <see cref="Migration"/>.
/// </summary>
internal static class MigrationRoundTrip
{
    public static IReadOnlyList<MigrationOperation> Diff(DbContext? from, DbContext to)
    {
        var services = DesignServices(to);
        var differ = services.GetRequiredService<IMigrationsModelDiffer>();
        return differ.GetDifferences(from is null ? null : DesignModel(from), DesignModel(to));
    }

    public static string GenerateCode(DbContext context, IReadOnlyList<MigrationOperation> up)
        => DesignServices(context).GetRequiredService<IMigrationsCodeGeneratorSelector>().Select("C#")
            .GenerateMigration("RoundTrip.Migrations", "Generated", up, []);

    /// <summary>Both files <c>migrations add</c> writes (the migration and its Designer with the target model), compiled.</summary>
    public static Migration CompileWithDesigner(DbContext context, IReadOnlyList<MigrationOperation> up)
    {
        var generator = DesignServices(context).GetRequiredService<IMigrationsCodeGeneratorSelector>().Select("C#");
        var designer = generator.GenerateMetadata(
            "RoundTrip.Migrations", context.GetType(), "Generated", "20260101000000_Generated", DesignModel(context).Model);
        return Compile(GenerateCode(context, up), designer);
    }

    public static Migration Compile(params string[] code)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        var compilation = CSharpCompilation.Create(
            "RoundTrip" + Guid.NewGuid().ToString("N"),
            code.Select(c => CSharpSyntaxTree.ParseText(c)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            Assert.Fail("Generated migration does not compile:\n" + string.Join('\n', emitted.Diagnostics) + "\n" + string.Join('\n', code));
        }

        var assembly = Assembly.Load(stream.ToArray());
        var migration = (Migration)Activator.CreateInstance(assembly.GetTypes().Single(t => typeof(Migration).IsAssignableFrom(t)))!;
        migration.ActiveProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
        return migration;
    }

    private static IServiceProvider DesignServices(DbContext context)
        => new DesignTimeServicesBuilder(typeof(MigrationRoundTrip).Assembly, typeof(MigrationRoundTrip).Assembly, new OperationReporter(null), [])
            .Build(context);

    private static IRelationalModel DesignModel(DbContext context)
        => context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
}
