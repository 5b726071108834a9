using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EfSafeMigrations.IntegrationTests.Models.Backfills;

public static class BackfillIds
{
    public const string Create = "20260301000001_CreateTable";
    public const string Backfill = "20260301000002_Backfill";
    public const int Rows = 50;
    public const int BatchSize = 7;
    public const int GateRow = 30;
    public const long GateKey = 4242;
}

/// <summary><c>items</c>: every third label NULL; the backfill sets the NULL ones from <c>n</c>.</summary>
[DbContext(typeof(ItemsDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateItems : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE items (id bigint PRIMARY KEY, n integer NOT NULL, label text);
        INSERT INTO items SELECT g, g * 10, CASE WHEN g % 3 = 0 THEN 'kept ' || g END FROM generate_series(1, {BackfillIds.Rows}) g;
        """);
}

[DbContext(typeof(ItemsDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillItems : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill("items", set: "label = 'n=' || n", where: "label IS NULL", batchSize: BackfillIds.BatchSize);
}

/// <summary>
/// <c>counters</c>: a non-idempotent backfill (<c>hits = hits + 1</c>, no where) and a gate on row 30, driven by the
/// <c>gate</c> table: <c>fail</c> makes the batch holding row 30 fail, <c>wait</c> makes it wait for advisory lock
/// <see cref="BackfillIds.GateKey"/> (which the test holds) with no lock timeout.
/// </summary>
[DbContext(typeof(CounterDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateCounters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($$"""
        CREATE TABLE counters (id integer PRIMARY KEY, hits integer NOT NULL DEFAULT 0);
        INSERT INTO counters (id) SELECT g FROM generate_series(1, {{BackfillIds.Rows}}) g;
        CREATE TABLE gate (mode text NOT NULL);
        CREATE FUNCTION counters_gate() RETURNS trigger LANGUAGE plpgsql AS $gate$
        BEGIN
            IF NEW.id = {{BackfillIds.GateRow}} THEN
                IF EXISTS (SELECT 1 FROM gate WHERE mode = 'fail') THEN
                    RAISE EXCEPTION 'the gate failed this batch';
                END IF;
                IF EXISTS (SELECT 1 FROM gate WHERE mode = 'wait') THEN
                    PERFORM set_config('lock_timeout', '0', true);
                    PERFORM pg_advisory_xact_lock({{BackfillIds.GateKey}});
                END IF;
            END IF;
            RETURN NEW;
        END
        $gate$;
        CREATE TRIGGER counters_gate BEFORE UPDATE ON counters FOR EACH ROW EXECUTE FUNCTION counters_gate();
        """);
}

[DbContext(typeof(CounterDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillCounters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill("counters", set: "hits = hits + 1", batchSize: BackfillIds.BatchSize);
}

/// <summary><c>readings</c>: a composite primary key (text, integer), walked as a row value.</summary>
[DbContext(typeof(CompositeKeyDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateReadings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE readings (region text NOT NULL, seq integer NOT NULL, value integer NOT NULL, doubled integer,
                               PRIMARY KEY (region, seq));
        INSERT INTO readings SELECT r, g, g FROM unnest(ARRAY['north', 'south', 'east o''neil']) r, generate_series(1, {BackfillIds.Rows / 3}) g;
        """);
}

[DbContext(typeof(CompositeKeyDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillReadings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill("readings", set: "doubled = value * 2", where: "doubled IS NULL", batchSize: BackfillIds.BatchSize);
}

/// <summary><c>tokens</c>: a uuid primary key (random order).</summary>
[DbContext(typeof(UuidKeyDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateTokens : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE tokens (id uuid PRIMARY KEY, hits integer NOT NULL DEFAULT 0);
        INSERT INTO tokens (id) SELECT md5(g::text)::uuid FROM generate_series(1, {BackfillIds.Rows}) g;
        """);
}

[DbContext(typeof(UuidKeyDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillTokens : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill("tokens", set: "hits = hits + 1", batchSize: BackfillIds.BatchSize);
}

/// <summary><c>"Tags"</c>: a text primary key with quotes and mixed case, in a quoted, mixed-case table.</summary>
[DbContext(typeof(TextKeyDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateTags : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE "Tags" ("Name" text PRIMARY KEY, "Hits" integer NOT NULL DEFAULT 0);
        INSERT INTO "Tags" ("Name") SELECT CASE WHEN g % 2 = 0 THEN 'Tag "' || g || '''s' ELSE 'tag ' || g END FROM generate_series(1, {BackfillIds.Rows}) g;
        """);
}

[DbContext(typeof(TextKeyDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillTags : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill("Tags", set: "\"Hits\" = \"Hits\" + 1", batchSize: BackfillIds.BatchSize);
}

/// <summary><c>events</c>: no primary key. The backfill must be refused before anything of its migration runs.</summary>
[DbContext(typeof(NoKeyDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE events (id bigint NOT NULL, seen boolean);
        INSERT INTO events SELECT g, NULL FROM generate_series(1, 20) g;
        """);
}

[DbContext(typeof(NoKeyDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillEvents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE TABLE before_backfill (id integer)");
        migrationBuilder.Backfill("events", set: "seen = false", where: "seen IS NULL", batchSize: BackfillIds.BatchSize);
    }
}

/// <summary><c>people</c>: the typed C# form splits a full name into first and last (C#, not SQL).</summary>
[DbContext(typeof(TypedDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreatePeople : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE people (id bigint PRIMARY KEY, full_name text, first_name text, last_name text);
        INSERT INTO people (id, full_name) SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'First' || g || ' Last' || g END
        FROM generate_series(1, {BackfillIds.Rows}) g;
        """);
}

[DbContext(typeof(TypedDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class SplitNames : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill<PersonName>(
            "people",
            row => row.FullName is null ? null : row with { FirstName = row.FullName.Split(' ')[0], LastName = row.FullName.Split(' ')[^1] },
            where: "first_name IS NULL",
            batchSize: BackfillIds.BatchSize);

    public sealed record PersonName(
        [property: Column("full_name")] string? FullName,
        [property: Column("first_name")] string? FirstName,
        [property: Column("last_name")] string? LastName);
}

/// <summary><c>logs</c>: no primary key, but a NOT NULL column with a unique index, named as the key to walk.</summary>
[DbContext(typeof(ExplicitKeyDbContext))]
[Migration(BackfillIds.Create)]
public sealed class CreateLogs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE TABLE logs (id bigint NOT NULL, seen boolean);
        CREATE UNIQUE INDEX ux_logs_id ON logs (id);
        INSERT INTO logs SELECT g, NULL FROM generate_series(1, {BackfillIds.Rows}) g;
        """);
}

[DbContext(typeof(ExplicitKeyDbContext))]
[Migration(BackfillIds.Backfill)]
public sealed class BackfillLogs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
        => migrationBuilder.Backfill("logs", set: "seen = false", where: "seen IS NULL", batchSize: BackfillIds.BatchSize, keyColumns: ["id"]);
}
