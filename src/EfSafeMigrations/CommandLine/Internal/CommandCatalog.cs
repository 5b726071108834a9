using EfSafeMigrations.CommandLine.Internal.Commands;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>The commands, in the order help lists them.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<ISafeMigrationsCommand> Create() =>
    [
        new MigrateCommand(),
        new ScriptCommand(),
        new StatusCommand(),
        new LintCommand(),
        new CheckCommand(),
        new PushCommand(),
        new JournalRepairCommand(),
        new BaselineCommand(),
        new ContractCommand(),
    ];
}
