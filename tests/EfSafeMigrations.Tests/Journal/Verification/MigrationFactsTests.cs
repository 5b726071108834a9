using EfSafeMigrations.Journal.Verification;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.Journal.Verification;

public class MigrationFactsTests
{
    [Test]
    public void Assured_rules_come_from_every_SafetyAssured_attribute_sorted()
        => MigrationFacts.AssuredRules(typeof(DropLegacy)).Should().Equal("ESM0018", "ESM0019");

    [Test]
    public void Concurrent_index_builds_and_suppressed_sql_are_non_transactional()
    {
        var index = new CreateIndexOperation { Name = "ix", Table = "t", Columns = ["c"] };
        MigrationFacts.IsNonTransactional([index]).Should().BeFalse();
        index.AddAnnotation("Npgsql:CreatedConcurrently", true);
        MigrationFacts.IsNonTransactional([index]).Should().BeTrue();
        MigrationFacts.IsNonTransactional([new SqlOperation { Sql = "VACUUM", SuppressTransaction = true }]).Should().BeTrue();
    }

    [SafetyAssured("ESM0019", Reason = "table unused since v5")]
    [SafetyAssured("ESM0018", "ESM0019", Reason = "column unused since v4")]
    private sealed class DropLegacy : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }
    }
}
