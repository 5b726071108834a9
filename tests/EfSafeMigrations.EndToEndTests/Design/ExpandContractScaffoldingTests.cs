using EfSafeMigrations.EndToEndTests.Infrastructure;

namespace EfSafeMigrations.EndToEndTests.Design;

/// <summary>
/// <c>dotnet ef migrations add</c> in a user's project scaffolds opted-in changes as expansions, and their contract when
/// asked through EFSAFEMIGRATIONS_CONTRACT.
/// </summary>
public class ExpandContractScaffoldingTests
{
    [Test]
    public async Task Migrations_add_scaffolds_the_expand_and_then_on_request_the_contract()
    {
        // The sample comes with its first migration (scaffolded by dotnet ef from stage 1, journal included): one scaffold less.
        using var sample = await SampleProject.CreateAsync("ExpandContract");
        await File.WriteAllTextAsync(Path.Combine(sample.Directory, "Stage.cs"),
            "namespace SampleExpandContract;\npublic static class Stage { public const int Value = 2; }\n");

        var expand = (await sample.EfAsync("migrations", "add", "ExpandMembers")).ShouldSucceed();

        expand.Output.Should().Contain("EfSafeMigrations: expands: rename column members.Email to email_address");
        var expandCode = File.ReadAllText(Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), "*_ExpandMembers.cs").Single());
        expandCode.Should().Contain("using Microsoft.EntityFrameworkCore;")
            .And.Contain("migrationBuilder.ExpandRenameColumn(\n                table: \"members\",\n                name: \"Email\",\n                newName: \"email_address\",\n                type: \"text\",\n                nullable: false);".ReplaceLineEndings())
            .And.Contain("migrationBuilder.ExpandRequired(").And.Contain("fill: \"'anonymous'\"")
            .And.Contain("migrationBuilder.RetireColumn(").And.Contain("defaultValueSql: \"0\"")
            .And.Contain("name: \"IX_members_email_address\"").And.Contain(".Annotation(\"Npgsql:CreatedConcurrently\", true)")
            .And.Contain("migrationBuilder.UndoExpandRenameColumn(").And.Contain("migrationBuilder.UndoExpandRequired(").And.Contain("migrationBuilder.UndoRetireColumn(")
            .And.NotContain(".RenameColumn(").And.NotContain(".DropColumn(").And.NotContain(".RenameIndex(");

        var contract = (await sample.EfAsync(new Dictionary<string, string?> { ["EFSAFEMIGRATIONS_CONTRACT"] = "all" }, "migrations", "add", "FinishMembers"))
            .ShouldSucceed();

        contract.Output.Should().Contain("EfSafeMigrations: contract of: rename column members.Email to email_address");
        var contractCode = File.ReadAllText(Directory.GetFiles(Path.Combine(sample.Directory, "Migrations"), "*_FinishMembers.cs").Single());
        contractCode.Should().Contain("migrationBuilder.ContractRenameColumn(").And.Contain("migrationBuilder.ContractRequired(")
            .And.Contain("migrationBuilder.DropRetiredColumn(")
            .And.Contain("protected override void Down(MigrationBuilder migrationBuilder)\n        {\n\n        }".ReplaceLineEndings(), "the contract is the point of no return");
        // That scaffold built the project with the expand migration in it: the expand's code compiles (the contract's: unit tests).
    }
}
