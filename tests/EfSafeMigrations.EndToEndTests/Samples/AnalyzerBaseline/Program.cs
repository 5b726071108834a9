// An existing project that adopted EfSafeMigrations: built by the tests with TreatWarningsAsErrors, and run for
// 'lint --all' and 'baseline' (no database is needed for either).
using Microsoft.EntityFrameworkCore;
using SampleAnalyzerBaseline;

var options = new DbContextOptionsBuilder<ShopDbContext>()
    .UseNpgsql("Host=localhost;Database=never_connected")
    .UseSafeMigrations()
    .Options;
return await SafeMigrationsCommandLine.RunAsync(args, () => new ShopDbContext(options));
