namespace EfSafeMigrations.ThrowawayPostgres.Pooler;

/// <summary>PgBouncer's <c>pool_mode</c>: when a server connection goes back to the pool.</summary>
public enum PgBouncerPoolMode
{
    /// <summary>When the client disconnects: the client keeps one server session, as with a direct connection.</summary>
    Session,

    /// <summary>At the end of each transaction: the next transaction may run on any server connection.</summary>
    Transaction,
}
