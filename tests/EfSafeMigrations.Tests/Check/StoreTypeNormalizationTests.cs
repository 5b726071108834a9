using EfSafeMigrations.Check;

namespace EfSafeMigrations.Tests.Check;

/// <summary>The model's store types and format_type's spellings compare equal when PostgreSQL treats them as the same type.</summary>
public class StoreTypeNormalizationTests
{
    [TestCase("varchar(20)", "character varying(20)")]
    [TestCase("VARCHAR( 20 )", "character varying(20)")]
    [TestCase("int", "integer")]
    [TestCase("int8", "bigint")]
    [TestCase("timestamptz", "timestamp with time zone")]
    [TestCase("timestamp", "timestamp without time zone")]
    [TestCase("timestamp(3) with time zone", "timestamp(3) with time zone")]
    [TestCase("numeric(5, 2)", "numeric(5,2)")]
    [TestCase("text[]", "text[]")]
    [TestCase("bool", "boolean")]
    public void Aliases_normalize_to_the_catalog_spelling(string model, string catalog)
        => DriftDetector.Normalize(model).Should().Be(DriftDetector.Normalize(catalog));

    [TestCase("character varying(20)", "character varying(30)")]
    [TestCase("integer", "bigint")]
    [TestCase("timestamp with time zone", "timestamp without time zone")]
    public void Different_types_stay_different(string a, string b)
        => DriftDetector.Normalize(a).Should().NotBe(DriftDetector.Normalize(b));
}
