using System.Globalization;

namespace EfSafeMigrations.Benchmarks.Harness;

/// <summary>Command-line settings: <c>--rows N --writers N --repeat N --only TEXT --json PATH --noop-migrations N --suites LIST --tenants N</c>.</summary>
public sealed record BenchSettings(int Rows, int Writers, int Repeat, string? Only, string JsonPath, double NoiseFloorSeconds, int NoOpMigrations, string[] Suites, int Tenants = 1000)
{
    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchSettings(
            Rows: Int("--rows", 1_000_000),
            Writers: Int("--writers", 4),
            Repeat: Math.Max(1, Int("--repeat", 3)),
            Only: Value("--only"),
            JsonPath: Value("--json") ?? Path.Combine("artifacts", "bench", "results.json"),
            NoiseFloorSeconds: 3,
            NoOpMigrations: Int("--noop-migrations", 200),
            Suites: (Value("--suites") ?? "ddl,noop,lint,plan,push,tenants,backfill,expand").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Tenants: Int("--tenants", 1000));
    }
}
