using System.Data;
using Npgsql;

namespace EfSafeMigrations.IntegrationTests.SafeApply;

/// <summary>
/// A session that ran a read in a transaction and keeps it open, as a report or a forgotten <c>BEGIN</c> does: it
/// holds the table's ACCESS SHARE lock and, in REPEATABLE READ, its snapshot until <see cref="EndAsync"/>.
/// </summary>
internal sealed class HeldReader : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldReader(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public int Pid => _connection.ProcessID;

    public static async Task<HeldReader> StartAsync(string connectionString, string query, IsolationLevel isolation = IsolationLevel.ReadCommitted)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync(isolation);
        await using (var read = new NpgsqlCommand(query, connection, transaction))
        {
            await read.ExecuteScalarAsync();
        }

        return new HeldReader(connection, transaction);
    }

    /// <summary>Ends the transaction (commit): the lock and the snapshot go away.</summary>
    public Task EndAsync() => _transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
