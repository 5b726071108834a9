using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.Linting.Baseline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>baseline [&lt;migration&gt;] [--write &lt;project-file&gt;]</c>: the adoption baseline for the analyzer and the linter.</summary>
internal sealed class BaselineCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["baseline"],
        "Mark the existing migrations as history: the analyzer and the linter skip them (run once when adopting).",
        "Prints the MSBuild property <EfSafeMigrationsBaseline> naming the app's last migration (or the one given),\n" +
        "or with --write adds it to the project file that holds the migrations. Migrations at or before it are not\n" +
        "reported by the build-time analyzer, 'lint --all' or the lint gate of 'migrate'; later ones are. Run it once,\n" +
        "right after installing the package, before adding a migration; review the diff and commit it.\n" +
        "No database is needed. See docs/adopting.md.",
        [new("write", "project-file", "The .csproj of the migrations project to write the property into.")],
        [new("migration", "The last migration to baseline (name or id); default: the last migration of the app.")]);

    public bool NeedsDatabase => false;

    public async Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (arguments, context, output, _) = invocation;
        var assembly = context.GetService<IMigrationsAssembly>();
        var requested = arguments.Positional(0);
        var id = requested is null ? assembly.Migrations.Keys.LastOrDefault() : assembly.FindMigrationId(requested);
        if (id is null)
        {
            output.Failure("error", requested is null ? "The app has no migrations to baseline." : $"No migration '{requested}' in the app.",
                requested is null ? "Nothing to do: without old migrations there is nothing to skip." : "Name a migration 'status' lists (its name or id).");
            return SafeMigrationsExitCode.Error;
        }

        var current = AssemblyBaseline.Of(assembly.Assembly);
        var covered = assembly.Migrations.Keys.Count(MigrationBaseline.Parse(id)!.Covers);
        var xml = $"<{MigrationBaseline.PropertyName}>{id}</{MigrationBaseline.PropertyName}>";
        output.Heading($"Baseline: {id} ({covered} of {assembly.Migrations.Count} migration(s) at or before it)");
        if (current is not null)
        {
            output.Line($"The build this runs from has the baseline {current}.", Style.Dim);
        }

        var file = arguments.Value("write");
        if (file is null)
        {
            output.Line("Add to the PropertyGroup of the project that holds the migrations:");
            output.Line("  " + xml, Style.Accent);
        }
        else
        {
            var path = Path.GetFullPath(file);
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(path, BaselineProjectFile.SetBaseline(text, id), cancellationToken).ConfigureAwait(false);
            output.Line($"Wrote {xml} to {path}. Review the diff and commit it.");
        }

        output.Document["baseline"] = id;
        output.Document["migrationsCovered"] = covered;
        output.Document["migrations"] = assembly.Migrations.Count;
        output.Document["file"] = file is null ? null : Path.GetFullPath(file);
        return SafeMigrationsExitCode.Success;
    }
}
