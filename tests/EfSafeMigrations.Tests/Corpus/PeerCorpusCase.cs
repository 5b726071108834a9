using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace EfSafeMigrations.Tests.Corpus;

/// <summary>
/// One line of Corpus/peer-cases.tsv: where the case comes from, the rule id it must raise ("ok": none), the options, and
/// the migration's Up as steps (raw SQL, <c>@notx</c> SQL run outside the transaction, or <c>@Operation key=value</c>).
/// </summary>
public sealed record PeerCorpusCase(int Line, string Source, string Expected, int? PostgresVersion, bool PlainEf, string Text)
{
    private const string StepSeparator = " ;; ";

    public bool IsOk => Expected == "ok";

    public static PeerCorpusCase Parse(int line, string text)
    {
        var columns = text.Split('\t');
        if (columns.Length != 4)
        {
            throw new FormatException($"peer-cases.tsv line {line}: expected 4 tab-separated columns, found {columns.Length}.");
        }

        int? version = null;
        var plainEf = false;
        foreach (var option in columns[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (option.StartsWith("pg=", StringComparison.Ordinal))
            {
                version = int.Parse(option[3..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (option == "plain-ef")
            {
                plainEf = true;
            }
            else if (option != "-")
            {
                throw new FormatException($"peer-cases.tsv line {line}: unknown option '{option}'.");
            }
        }

        var body = columns[3].Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        return new PeerCorpusCase(line, columns[0], columns[1], version, plainEf, body);
    }

    /// <summary>The Up operations, as MigrationBuilder records them.</summary>
    public IReadOnlyList<MigrationOperation> Operations()
    {
        var builder = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        foreach (var step in Text.Split(StepSeparator))
        {
            if (step.StartsWith("@notx ", StringComparison.Ordinal))
            {
                builder.Sql(step["@notx ".Length..], suppressTransaction: true);
            }
            else if (step.StartsWith('@'))
            {
                AddOperation(builder, PeerCorpusStep.Parse(step));
            }
            else
            {
                builder.Sql(step);
            }
        }

        return builder.Operations;
    }

    public override string ToString() => $"line {Line} {Source} (expects {Expected}): {Text}";

    private static void AddOperation(MigrationBuilder b, PeerCorpusStep s)
    {
        switch (s.Name)
        {
            case "AddColumn":
                var add = new AddColumnOperation
                {
                    Table = s["table"], Name = s["name"], ColumnType = s["type"], ClrType = ClrTypeOf(s["type"]),
                    IsNullable = s.Flag("null", true), DefaultValue = s.Optional("default"), DefaultValueSql = s.Optional("defaultSql"),
                    ComputedColumnSql = s.Optional("computed"), IsStored = s.Optional("stored") is { } stored ? bool.Parse(stored) : null,
                };
                if (s.Flag("identity", false))
                {
                    add.AddAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
                }

                b.Operations.Add(add);
                break;
            case "AlterColumn":
                b.Operations.Add(new AlterColumnOperation
                {
                    Table = s["table"], Name = s["name"], ColumnType = s["type"], ClrType = ClrTypeOf(s["type"]), IsNullable = s.Flag("null", true),
                    DefaultValue = s.Optional("default"), DefaultValueSql = s.Optional("defaultSql"), Comment = s.Optional("comment"),
                    OldColumn = new AddColumnOperation
                    {
                        Table = s["table"], Name = s["name"], ColumnType = s["oldType"], ClrType = ClrTypeOf(s["oldType"]),
                        IsNullable = s.Flag("oldNull", s.Flag("null", true)), DefaultValue = s.Optional("oldDefault"),
                    },
                });
                break;
            case "CreateIndex":
                var index = b.CreateIndex(s["name"], s["table"], s.List("columns"), unique: s.Flag("unique", false), filter: s.Optional("filter"));
                if (s.Flag("concurrent", false))
                {
                    index.Annotation("Npgsql:CreatedConcurrently", true);
                }

                break;
            case "DropIndex":
                b.DropIndex(s["name"], s["table"]);
                break;
            case "AddForeignKey":
                MarkNotValid(s, b.AddForeignKey(s["name"], s["table"], s.List("columns"), s["principal"], principalColumns: ["Id"],
                    onDelete: s.Optional("onDelete") == "cascade" ? ReferentialAction.Cascade : ReferentialAction.NoAction));
                break;
            case "DropForeignKey":
                b.DropForeignKey(s["name"], s["table"]);
                break;
            case "AddCheck":
                MarkNotValid(s, b.AddCheckConstraint(s["name"], s["table"], s["sql"]));
                break;
            case "DropCheck":
                b.DropCheckConstraint(s["name"], s["table"]);
                break;
            case "AddUnique":
                b.AddUniqueConstraint(s["name"], s["table"], s.List("columns"));
                break;
            case "RenameColumn":
                b.RenameColumn(s["name"], s["table"], s["newName"]);
                break;
            case "RenameTable":
                b.RenameTable(s["name"], newName: s.Optional("newName") ?? s["name"], newSchema: s.Optional("newSchema"));
                break;
            case "DropColumn":
                b.DropColumn(s["name"], s["table"]);
                break;
            case "DropTable":
                b.DropTable(s["name"]);
                break;
            case "DropSchema":
                b.DropSchema(s["name"]);
                break;
            case "EnsureSchema":
                b.EnsureSchema(s["name"]);
                break;
            case "CreateTable":
                b.Operations.Add(CreateTable(s));
                break;
            case "AlterEnum":
                b.AlterDatabase().Annotation("Npgsql:Enum:" + s["name"], s["values"]).OldAnnotation("Npgsql:Enum:" + s["name"], s["old"]);
                break;
            default:
                throw new FormatException($"Unknown corpus operation @{s.Name}.");
        }
    }

    // notValid=true: the annotation the safe differ scaffolds for ADD ... NOT VALID.
    private static void MarkNotValid<T>(PeerCorpusStep s, Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder<T> operation)
        where T : MigrationOperation
    {
        if (s.Flag("notValid", false))
        {
            operation.Annotation(SafeMigrationsAnnotationNames.NotValid, true);
        }
    }

    // columns=Id:bigint:identity,Name:text pk=Id,Other — as `dotnet ef migrations add` scaffolds a CreateTable.
    private static CreateTableOperation CreateTable(PeerCorpusStep s)
    {
        var table = new CreateTableOperation { Name = s["name"] };
        foreach (var spec in s.List("columns"))
        {
            var parts = spec.Split(':');
            var column = new AddColumnOperation
            {
                Table = table.Name, Name = parts[0], ColumnType = parts[1].Trim('\''), ClrType = ClrTypeOf(parts[1].Trim('\'')),
                IsNullable = !s.List("pk").Contains(parts[0]),
            };
            if (parts.Length > 2 && parts[2] == "identity")
            {
                column.AddAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
            }

            table.Columns.Add(column);
        }

        table.PrimaryKey = new AddPrimaryKeyOperation { Table = table.Name, Name = "PK_" + table.Name, Columns = s.List("pk") };
        return table;
    }

    private static Type ClrTypeOf(string storeType) => storeType switch
    {
        "integer" or "int" => typeof(int),
        "bigint" => typeof(long),
        "boolean" => typeof(bool),
        "uuid" => typeof(Guid),
        "double precision" => typeof(double),
        _ when storeType.StartsWith("numeric", StringComparison.Ordinal) => typeof(decimal),
        _ when storeType.StartsWith("timestamp", StringComparison.Ordinal) => typeof(DateTime),
        _ when storeType.StartsWith("interval", StringComparison.Ordinal) || storeType.StartsWith("time", StringComparison.Ordinal) => typeof(TimeSpan),
        _ => typeof(string),
    };
}
