using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("EfSafeMigrations.IntegrationTests")]
