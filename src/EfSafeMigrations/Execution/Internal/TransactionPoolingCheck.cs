using Npgsql;

namespace EfSafeMigrations.Execution.Internal;

/// <summary>
/// Refuses, before anything is locked or applied, a connection whose server session is not its own: a pooler in
/// transaction (or statement) mode, PgBouncer's most common setting, hands each transaction any server connection.
/// There the session-level migration lock excludes nobody (and stays held on a server connection nobody owns), and
/// a non-transactional step's session settings could reach other clients. Session pooling behaves like a direct
/// connection and passes.
/// </summary>
internal static class TransactionPoolingCheck
{
    private const int Rounds = 3;

    public const string Fix =
        "Migrate through a direct connection to PostgreSQL (for example call context.Database.SetConnectionString(<direct " +
        "connection string>) before MigrateSafelyAsync, or give the migrate command a context built on the direct " +
        "connection string), or through a pool in session mode (PgBouncer pool_mode = session).";

    /// <param name="connection">The open lock connection.</param>
    /// <returns>Null when the session is pinned to the connection; otherwise why it is not.</returns>
    public static async Task<string?> FindProblemAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Directly connected, the backend PostgreSQL announced at start-up runs every statement. A pooler announces
        // a key of its own (clients cancel through it), so a mismatch only says "pooler": the rounds below tell the mode.
        if (await BackendPidAsync(connection, null, cancellationToken).ConfigureAwait(false) == connection.ProcessID)
        {
            return null;
        }

        await using var other = (NpgsqlConnection)((ICloneable)connection).Clone();
        await other.OpenAsync(cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < Rounds; round++)
        {
            // While `other` holds a transaction (and so a server connection), a pinned `connection` keeps its own
            // backend and never shares it. Under transaction pooling `other` most often gets the backend `connection`
            // just released (poolers reuse the most recent one), or `connection` moves to another backend.
            var before = await BackendPidAsync(connection, null, cancellationToken).ConfigureAwait(false);
            await using var transaction = await other.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var held = await BackendPidAsync(other, transaction, cancellationToken).ConfigureAwait(false);
            int? after;
            try
            {
                after = await BackendPidAsync(connection, null, cancellationToken, timeoutSeconds: 5).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                after = null; // No server connection while `other` holds one: a pool of one, shared per transaction.
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (held == before || after != before)
            {
                return $"two connections of this run shared PostgreSQL backend {held} (pg_backend_pid() moved from {before} to " +
                       $"{(after is null ? "none" : after.ToString())} between transactions of one connection)";
            }
        }

        return null;
    }

    public static string Message(string problem)
        => "MigrateSafelyAsync cannot apply migrations through a connection pooler in transaction pooling mode (for example " +
           $"PgBouncer with pool_mode = transaction): {problem}. There each transaction may run on another server connection, so " +
           "the migration lock (a session-level advisory lock) would exclude no other migrator and stay held on a pooled server " +
           "connection. Nothing was locked or applied. " + Fix;

    public static async Task<int> BackendPidAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken, int timeoutSeconds = 30)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection, transaction) { CommandTimeout = timeoutSeconds };
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
