using EfSafeMigrations.Linting.RawSql;

namespace EfSafeMigrations.Tests.Linting;

public class SqlKnowledgeTests
{
    [TestCase("character varying(100)", "character varying(200)", true)]
    [TestCase("varchar(100)", "varchar", true)]
    [TestCase("character varying(100)", "text", true)]
    [TestCase("text", "character varying", true)]
    [TestCase("text", "character varying(10)", false)]
    [TestCase("character varying(200)", "character varying(100)", false)]
    [TestCase("numeric(10,2)", "numeric(12,2)", true)]
    [TestCase("numeric(10,2)", "numeric", true)]
    [TestCase("numeric", "numeric(10,2)", false)]
    [TestCase("numeric(10,2)", "numeric(12,3)", false)]
    [TestCase("timestamp(3) with time zone", "timestamptz", true)]
    [TestCase("timestamp with time zone", "timestamp(3) with time zone", false)]
    [TestCase("timestamp without time zone", "timestamp with time zone", false)]
    [TestCase("cidr", "inet", true)]
    [TestCase("integer", "bigint", false)]
    [TestCase("int4", "integer", true)]
    [TestCase("text[]", "_text", true)]
    [TestCase("character varying(10)[]", "character varying(20)[]", false)]
    [TestCase("character(2)", "text", false)]
    [TestCase("citext", "text", true)]
    [TestCase("text", "citext", true)]
    [TestCase("character varying(50)", "citext", true)]
    [TestCase("citext", "character varying", true)]
    [TestCase("citext", "character varying(50)", false)]
    [TestCase("citext", "integer", false)]
    public void Type_changes_are_safe_only_when_binary_compatible(string from, string to, bool safe)
        => SqlColumnType.Parse(to).IsSafeChangeFrom(SqlColumnType.Parse(from)).Should().Be(safe);

    [TestCase("now()", "NonVolatile")]
    [TestCase("CURRENT_TIMESTAMP", "NonVolatile")]
    [TestCase("'{}'::jsonb", "NonVolatile")]
    [TestCase("CAST('0' AS numeric(10,2))", "NonVolatile")]
    [TestCase("(now() AT TIME ZONE 'utc')", "NonVolatile")]
    [TestCase("'random()'", "NonVolatile")]
    [TestCase("gen_random_uuid()", "Volatile")]
    [TestCase("uuid_generate_v4()", "Volatile")]
    [TestCase("nextval('orders_id_seq'::regclass)", "Volatile")]
    [TestCase("(random() * 100)::int", "Volatile")]
    [TestCase("clock_timestamp()", "Volatile")]
    [TestCase("my_schema.make_code()", "Unknown")]
    public void Default_expressions_are_classified_by_volatility(string expression, string expected)
        => SqlDefaultExpression.Classify(expression, out _).ToString().Should().Be(expected);

    [Test]
    public void Shared_sql_code_stays_compilable_by_the_netstandard2_analyzer()
    {
        // The analyzer links these folders into a netstandard2.0 project: no EF types, records, init or required.
        var src = Path.Combine(EfSafeMigrations.Tests.Docs.RuleDocs.Root, "src", "EfSafeMigrations");
        var files = Directory.GetFiles(Path.Combine(src, "Rules"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(src, "Linting", "RawSql"), "*.cs"));
        foreach (var file in files)
        {
            var code = File.ReadAllText(file);
            code.Should().NotContainAny(["using Microsoft.", "using Npgsql", " record ", " init;", "public required "], $"{Path.GetFileName(file)} is shared with the analyzer");
        }
    }
}
