using System.Data.Common;
using EfSafeMigrations.Push.Internal.Catalog;

namespace EfSafeMigrations.Push.Internal.Planning;

/// <summary><see cref="ILiveData"/> answered by one cheap EXISTS query each, on the target database.</summary>
internal sealed class LiveData(DbConnection connection, PushSql sql) : ILiveData
{
    public Task<bool> HasRowsAsync(QualifiedName table, CancellationToken cancellationToken)
        => ExistsAsync($"SELECT EXISTS (SELECT 1 FROM {sql.Name(table)})", cancellationToken);

    public Task<bool> HasNullsAsync(QualifiedName table, string column, CancellationToken cancellationToken)
        => ExistsAsync($"SELECT EXISTS (SELECT 1 FROM {sql.Name(table)} WHERE {sql.Id(column)} IS NULL)", cancellationToken);

    private async Task<bool> ExistsAsync(string query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
