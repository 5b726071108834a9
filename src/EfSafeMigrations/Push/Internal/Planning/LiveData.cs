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

    public Task<bool> HasAnyValueAsync(QualifiedName table, string column, string[] labels, bool isArray, CancellationToken cancellationToken)
        => ExistsAsync(
            $"SELECT EXISTS (SELECT 1 FROM {sql.Name(table)} WHERE " +
            (isArray ? $"{sql.Id(column)}::text[] && @labels)" : $"{sql.Id(column)}::text = ANY(@labels))"),
            cancellationToken, labels);

    private async Task<bool> ExistsAsync(string query, CancellationToken cancellationToken, string[]? labels = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        if (labels is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "labels";
            parameter.Value = labels;
            command.Parameters.Add(parameter);
        }

        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
