using EfSafeMigrations.ExpandContract.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.Tests.ExpandContract;

/// <summary>Which migrations a run applies (<see cref="PhaseSelection"/>) and which expansions stay open (<see cref="OpenExpansions"/>).</summary>
public class PhaseSelectionTests
{
    private static readonly Migration Expand = new Ops(b => b.ExpandRenameColumn("users", "email", "email_address", "text", nullable: false));
    private static readonly Migration Contract = new Ops(b => b.ContractRenameColumn("users", "email", "email_address", "text", nullable: false));
    private static readonly Migration Undo = new Ops(b => b.UndoExpandRenameColumn("users", "email", "email_address", "text", nullable: false));
    private static readonly Migration Marked = new MarkedOps();
    private static readonly Migration Plain = new Ops(b => b.AddColumn<string>("note", "users", nullable: true));

    [Test]
    public void A_contract_or_the_attribute_makes_a_migration_post_deployment_an_expand_does_not()
    {
        PostDeployment.Is(Contract).Should().BeTrue();
        PostDeployment.Is(Marked).Should().BeTrue();
        PostDeployment.Is(Expand).Should().BeFalse();
        PostDeployment.Is(Plain).Should().BeFalse();
    }

    [Test]
    public void Post_deployment_migrations_wait_while_newer_pre_deployment_ones_apply_in_order()
    {
        var selection = PhaseSelection.Split([Expand, Contract, Plain, Marked], appliedCount: 3, targetMigration: null, applyPostDeployment: false);

        selection.Decision.Should().Be(PostDeploymentDecision.Deferred);
        selection.ToApply.Should().Equal(Expand, Plain);
        selection.Deferred.Should().Equal(Contract, Marked);
        selection.Note(m => m == Contract ? "C" : "M").Should().StartWith("2 post-deployment migration(s) wait for the rollout to finish: C, M.");
    }

    [TestCase(true, 3, null, "Requested")]
    [TestCase(false, 0, null, "FreshDatabase")]
    [TestCase(false, 3, "20260101000000_Target", "ExplicitTarget")]
    public void Asked_for_a_fresh_database_or_an_explicit_target_apply_everything(bool asked, int applied, string? target, string decision)
    {
        var selection = PhaseSelection.Split([Expand, Contract], applied, target, asked);

        selection.Decision.ToString().Should().Be(decision);
        selection.ToApply.Should().Equal(Expand, Contract);
        selection.Deferred.Should().BeEmpty();
    }

    [Test]
    public void An_expansion_stays_open_until_its_contract_or_undo_is_applied()
    {
        OpenExpansions.Find([("1", Expand)]).Should().ContainSingle()
            .Which.Should().Match<OpenExpansion>(o => o.MigrationId == "1" && o.Description == "rename column users.email to email_address");
        OpenExpansions.Find([("2", Contract), ("1", Expand)]).Should().BeEmpty("applied ids are read in order");
        OpenExpansions.Find([("1", Expand), ("2", Undo)]).Should().BeEmpty();
    }

    private class Ops(Action<MigrationBuilder> up) : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => up(migrationBuilder);
    }

    [PostDeployment]
    private sealed class MarkedOps() : Ops(b => b.DropColumn("legacy", "users"));
}
