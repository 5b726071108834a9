// An existing project that adopted EfSafeMigrations: built by the tests with TreatWarningsAsErrors, and run for
// 'baseline' and 'lint --all' (no database needed) and 'migrate' (SAMPLE_CONNECTION_STRING).
using Microsoft.EntityFrameworkCore;
using SampleAnalyzerBaseline;

var options = new DbContextOptionsBuilder<ShopDbContext>()
    .UseNpgsql(Environment.GetEnvironmentVariable("SAMPLE_CONNECTION_STRING") ?? "Host=localhost;Database=never_connected")
    .UseSafeMigrations()
    .Options;
return await SafeMigrationsCommandLine.RunAsync(args, () => new ShopDbContext(options));
