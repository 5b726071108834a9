namespace EfSafeMigrations;

/// <summary>What a push step does; the order of the members is the order the plan runs them in.</summary>
public enum PushStepKind
{
    /// <summary>ALTER TYPE ... ADD VALUE, run before the main transaction so later steps can use the value.</summary>
    AddEnumValue,

    /// <summary>CREATE SCHEMA.</summary>
    CreateSchema,

    /// <summary>CREATE EXTENSION.</summary>
    CreateExtension,

    /// <summary>CREATE TYPE ... AS ENUM.</summary>
    CreateEnum,

    /// <summary>CREATE COLLATION (<c>HasCollation</c>), before the columns that use it.</summary>
    CreateCollation,

    /// <summary>ALTER TABLE ... RENAME TO / SET SCHEMA, from a rename hint.</summary>
    RenameTable,

    /// <summary>ALTER TABLE ... RENAME COLUMN, from a rename hint.</summary>
    RenameColumn,

    /// <summary>ALTER SEQUENCE ... RENAME TO (a serial column's sequence, following its table).</summary>
    RenameSequence,

    /// <summary>ALTER TABLE ... DROP CONSTRAINT of a foreign key (removed, changed or in the way of another change).</summary>
    DropForeignKey,

    /// <summary>DROP INDEX.</summary>
    DropIndex,

    /// <summary>ALTER TABLE ... DROP CONSTRAINT.</summary>
    DropConstraint,

    /// <summary>DROP TABLE (data loss: needs the allow-list).</summary>
    DropTable,

    /// <summary>ALTER TABLE ... DROP COLUMN (data loss: needs the allow-list).</summary>
    DropColumn,

    /// <summary>CREATE SEQUENCE.</summary>
    CreateSequence,

    /// <summary>ALTER SEQUENCE (options; the current value is kept).</summary>
    AlterSequence,

    /// <summary>CREATE TABLE.</summary>
    CreateTable,

    /// <summary>ALTER TABLE ... ADD COLUMN.</summary>
    AddColumn,

    /// <summary>ALTER TABLE ... ALTER COLUMN (type, default, nullability, identity, collation).</summary>
    AlterColumn,

    /// <summary>ALTER TABLE ... SET LOGGED / UNLOGGED.</summary>
    AlterTable,

    /// <summary>ALTER SEQUENCE ... OWNED BY.</summary>
    SetSequenceOwner,

    /// <summary>ALTER TABLE ... ADD CONSTRAINT (primary key, unique, check, exclusion).</summary>
    AddConstraint,

    /// <summary>ALTER TABLE ... VALIDATE CONSTRAINT of a constraint left NOT VALID.</summary>
    ValidateConstraint,

    /// <summary>CREATE INDEX inside the transaction (tables created by this push).</summary>
    CreateIndex,

    /// <summary>ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY.</summary>
    AddForeignKey,

    /// <summary>COMMENT ON.</summary>
    Comment,

    /// <summary>DROP SEQUENCE.</summary>
    DropSequence,

    /// <summary>DROP TYPE of an enum no column uses.</summary>
    DropEnum,

    /// <summary>DROP SCHEMA (never CASCADE).</summary>
    DropSchema,

    /// <summary>CREATE INDEX CONCURRENTLY on an existing table, after the main transaction.</summary>
    CreateIndexConcurrently,
}
