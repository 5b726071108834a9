using EfSafeMigrations.Journal;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace EfSafeMigrations.Tests.Journal.Checksums;

/// <summary>
/// The checksum written at <c>migrations add</c> (from the differ's operations) must equal the one
/// computed at run time (from the compiled migration): code generation drops or reshapes some data.
/// </summary>
public class ChecksumRoundTripTests
{
    [TestCase(false, TestName = "Creating_a_rich_model_from_scratch_round_trips(EF differ)")]
    [TestCase(true, TestName = "Creating_a_rich_model_from_scratch_round_trips(safe differ)")]
    public void Creating_a_rich_model_from_scratch_round_trips(bool safe)
    {
        using var context = new ChecksumContext(1, safe);
        AssertRoundTrip(context, MigrationRoundTrip.Diff(null, context));
    }

    [TestCase(false, TestName = "Altering_the_rich_model_round_trips(EF differ)")]
    [TestCase(true, TestName = "Altering_the_rich_model_round_trips(safe differ)")]
    public void Altering_the_rich_model_round_trips(bool safe)
    {
        using var before = new ChecksumContext(1, safe);
        using var after = new ChecksumContext(2, safe);
        var up = MigrationRoundTrip.Diff(before, after);

        up.Should().Contain(o => o is AlterColumnOperation).And.Contain(o => o is DropColumnOperation)
            .And.Contain(o => o is AlterSequenceOperation).And.Contain(o => o is UpdateDataOperation);
        if (safe)
        {
            up.Should().Contain(o => o is SqlOperation, "the safe differ validates the new foreign key in a step of its own");
        }

        AssertRoundTrip(after, up);
    }

    [Test]
    public void Raw_sql_round_trips_whatever_the_line_endings()
    {
        using var context = new ChecksumContext(1);
        List<MigrationOperation> up =
        [
            new SqlOperation { Sql = "UPDATE \"authors\"\r\nSET \"Active\" = true;   \r\n", SuppressTransaction = true },
            new SqlOperation { Sql = "SELECT 'it''s';" },
        ];

        AssertRoundTrip(context, up);
        MigrationChecksum.Compute(up).Should().Be(MigrationChecksum.Compute([
            new SqlOperation { Sql = "UPDATE \"authors\"\nSET \"Active\" = true;", SuppressTransaction = true },
            new SqlOperation { Sql = "SELECT 'it''s';" },
        ]));
    }

    private static void AssertRoundTrip(ChecksumContext context, IReadOnlyList<MigrationOperation> up)
    {
        var code = MigrationRoundTrip.GenerateCode(context, up);
        var compiled = MigrationRoundTrip.Compile(code);

        MigrationChecksum.CanonicalText(compiled.UpOperations).Should().Be(MigrationChecksum.CanonicalText(up), "the generated code was:\n" + code);
        MigrationChecksum.Compute(compiled).Should().Be(MigrationChecksum.Compute(up));
    }
}
