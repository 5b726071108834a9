using System.Reflection;
using System.Reflection.Emit;
using EfSafeMigrations.Journal.File;

namespace EfSafeMigrations.Tests.Journal.File;

public class JournalSourceTests
{
    [Test]
    public void A_migrations_assembly_emitted_at_run_time_has_no_journal_and_no_problem()
    {
        var dynamic = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("EmittedMigrations"), AssemblyBuilderAccess.Run);

        var (journal, _, problem) = JournalSource.Load(new JournalOptions(), dynamic, "AppDbContext");

        journal.Should().BeNull();
        problem.Should().BeNull();
    }
}
