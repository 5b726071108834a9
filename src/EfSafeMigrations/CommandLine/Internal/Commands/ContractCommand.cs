using System.Text.Json.Nodes;
using EfSafeMigrations.CommandLine.Internal.Output;
using EfSafeMigrations.CommandLine.Internal.Parsing;
using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.CommandLine.Internal.Commands;

/// <summary><c>contract list</c>: the expansions of the app's migrations that wait for their contract.</summary>
internal sealed class ContractCommand : ISafeMigrationsCommand
{
    public CommandSpec Spec { get; } = new(
        ["contract", "list"],
        "List the expansions whose contract no migration holds yet, and how to scaffold it.",
        "An expansion (ExpandRenameColumn, ExpandColumnType, ExpandRequired, ExpandRenameTable, RetireColumn) is open until a\n" +
        "later migration holds its contract. Once no old version of the application runs, scaffold the contracts with\n" +
        "EFSAFEMIGRATIONS_CONTRACT=all (or some of the listed descriptions or column names) dotnet ef migrations add <Name>.\n" +
        "Reads the app's migrations only: no database is needed. See docs/expand-contract.md.",
        [],
        []);

    public bool NeedsDatabase => false;

    public Task<SafeMigrationsExitCode> RunAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var (_, context, output, _) = invocation;
        var open = OpenExpansions.Of(context.GetService<IMigrationsAssembly>(), context.Database.ProviderName);
        output.Heading($"Open expansions: {open.Count}");
        foreach (var expansion in open)
        {
            output.Line($"  {expansion.Description} ({expansion.MigrationId})");
        }

        if (open.Count > 0)
        {
            output.Line($"Once no old version of the application runs: {ContractRequest.Variable}=all dotnet ef migrations add <Name>", Style.Dim);
        }

        output.Document["open"] = new JsonArray(open.Select(o => (JsonNode)new JsonObject
        {
            ["migration"] = o.MigrationId,
            ["description"] = o.Description,
        }).ToArray());
        return Task.FromResult(SafeMigrationsExitCode.Success);
    }
}
