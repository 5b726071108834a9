namespace EfSafeMigrations.ThrowawayPostgres;

/// <summary>A running PostgreSQL server that tests, samples and benchmarks may create databases on.</summary>
public interface IPostgresServer : IAsyncDisposable
{
    /// <summary>
    /// A connection string for a role that may create roles and databases
    /// (a superuser, or a role with CREATEROLE and CREATEDB).
    /// </summary>
    string AdminConnectionString { get; }

    /// <summary>Where the server came from.</summary>
    PostgresServerSource Source { get; }

    /// <summary>A human-readable description (no password), for logs.</summary>
    string Description { get; }
}

/// <summary>How a <see cref="IPostgresServer"/> was found, in the order they are tried.</summary>
public enum PostgresServerSource
{
    /// <summary>A connection string given in <see cref="PostgresServerLocator.ConnectionStringVariable"/>.</summary>
    EnvironmentVariable,

    /// <summary>A container started through Testcontainers, because a Docker daemon answered.</summary>
    Testcontainers,

    /// <summary>A throwaway cluster started from the local PostgreSQL server binaries (initdb + pg_ctl).</summary>
    LocalBinaries,
}
