using EfSafeMigrations.Linting.RawSql;

namespace EfSafeMigrations.Tests.Linting;

public class SqlTokenizerTests
{
    [Test]
    public void Strings_identifiers_and_comments_hide_their_contents()
    {
        var sql = "SELECT 'a;b''c', E'd\\';e', U&'f;', \"Weird \"\" ;Name\", $$ g; $$, $tag$ h $$ ; $tag$ -- i;\n /* j /* k; */ l; */ FROM t";
        var tokens = SqlTokenizer.Tokenize(sql);

        tokens.Should().NotContain(t => t.Kind == SqlTokenKind.Semicolon);
        tokens.Where(t => t.Kind == SqlTokenKind.String).Select(t => t.Value)
            .Should().Equal("a;b'c", "d';e", "f;", " g; ", " h $$ ; ");
        tokens.Should().ContainSingle(t => t.Kind == SqlTokenKind.QuotedIdentifier).Which.Value.Should().Be("Weird \" ;Name");
        tokens.Last().Value.Should().Be("t");
    }

    [Test]
    public void Unquoted_words_fold_to_lower_case_and_quoted_ones_keep_their_case()
    {
        var tokens = SqlTokenizer.Tokenize("ALTER TABLE \"Users\" ADD Email text");

        tokens.Select(t => t.Value).Should().Equal("alter", "table", "Users", "add", "email", "text");
    }

    [Test]
    public void Parameters_numbers_and_identifiers_with_dollars_are_not_dollar_quotes()
    {
        var tokens = SqlTokenizer.Tokenize("SELECT $1, a$b, 1.5e-3, 0x1F FROM t");

        tokens.Select(t => t.Kind).Should().Equal(
            SqlTokenKind.Word, SqlTokenKind.Parameter, SqlTokenKind.Comma, SqlTokenKind.Word, SqlTokenKind.Comma,
            SqlTokenKind.Number, SqlTokenKind.Comma, SqlTokenKind.Number, SqlTokenKind.Word, SqlTokenKind.Word);
    }

    [Test]
    public void Unterminated_strings_and_comments_end_at_the_end_of_the_text()
    {
        SqlTokenizer.Tokenize("SELECT 'open").Should().HaveCount(2);
        SqlTokenizer.Tokenize("SELECT 1 /* open").Should().HaveCount(2);
        SqlTokenizer.Tokenize("SELECT $x$ open").Should().HaveCount(2);
    }

    [Test]
    public void Statements_split_at_semicolons_outside_strings_and_atomic_bodies()
    {
        var statements = SqlStatementSplitter.Split("""
            CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;
            DO $$ BEGIN RAISE NOTICE 'x;y'; END $$;
            ;;
            UPDATE t SET a = ';' -- trailing; comment
            """);

        statements.Select(s => s.Tokens[0].Value).Should().Equal("create", "do", "update");
        statements[2].Summary.Should().Be("UPDATE t SET a = ';'");
    }
}
