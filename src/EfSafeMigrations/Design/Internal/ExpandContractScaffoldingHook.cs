using EfSafeMigrations.ExpandContract.Internal;
using EfSafeMigrations.Migrations.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Design.Internal;

/// <summary>
/// What <c>migrations add</c> says about expand/contract: why an opted-in change stayed EF's one-step form, what the new
/// migration expands or contracts, and which earlier expansions still wait for their contract and how to scaffold it.
/// </summary>
internal sealed class ExpandContractScaffoldingHook(ICurrentDbContext currentContext) : IMigrationScaffoldingHook
{
    public void Scaffolded(ScaffoldingEvent scaffolding)
    {
        var context = currentContext.Context;
        var reporter = scaffolding.Services.Reporter;
        if (context.GetService<IMigrationsModelDiffer>() is SafeMigrationsModelDiffer differ)
        {
            foreach (var note in differ.ExpansionNotes)
            {
                reporter.WriteWarning("EfSafeMigrations: " + note);
            }
        }

        var up = scaffolding.UpOperations.OfType<ExpansionOperation>().ToList();
        foreach (var expansion in up.Where(o => o.Stage == ExpansionStage.Expand))
        {
            reporter.WriteInformation($"EfSafeMigrations: expands: {expansion.Describe()}; its contract comes in a later, post-deployment migration.");
        }

        foreach (var contract in up.Where(o => o.Stage == ExpansionStage.Contract))
        {
            reporter.WriteInformation(
                $"EfSafeMigrations: contract of: {contract.Describe()} (post-deployment; its Down is empty: the contract is the point of no return).");
        }

        var open = OpenExpansions.Of(scaffolding.Services.MigrationsAssembly, context.Database.ProviderName)
            .Where(o => !up.Any(u => u.Stage != ExpansionStage.Expand && ExpansionNames.SameChange(o.Operation, u)))
            .ToList();
        if (open.Count > 0)
        {
            reporter.WriteInformation(
                $"EfSafeMigrations: {ContractRequest.Listing(open)} Once no old version of the application runs, scaffold their contract with " +
                $"{ContractRequest.Variable}=all (or some of these descriptions or column names, comma-separated) dotnet ef migrations add <Name>.");
        }
    }
}
