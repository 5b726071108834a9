using EfSafeMigrations.Infrastructure;

namespace EfSafeMigrations.Tests;

public class LibraryVersionTests
{
    [Test]
    public void The_library_reports_its_version_for_logs_and_the_journal()
    {
        SafeMigrationsAssembly.Version.Should().StartWith("0.");
    }
}
