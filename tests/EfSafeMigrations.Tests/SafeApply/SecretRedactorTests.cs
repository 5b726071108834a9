using EfSafeMigrations.Execution.Internal;

namespace EfSafeMigrations.Tests.SafeApply;

public class SecretRedactorTests
{
    [TestCase("CREATE ROLE app LOGIN PASSWORD 'hunter2';", "CREATE ROLE app LOGIN PASSWORD '***';")]
    [TestCase("alter role app with password 'it''s';", "alter role app with password '***';")]
    [TestCase("Host=db;Username=app;Password=hunter2;Database=x", "Host=db;Username=app;Password=***;Database=x")]
    [TestCase("SELECT 1", "SELECT 1")]
    public void Passwords_are_redacted(string text, string expected) => SecretRedactor.Redact(text).Should().Be(expected);
}
