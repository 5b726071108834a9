using System.Runtime.InteropServices;
using EfSafeMigrations.ThrowawayPostgres.LocalCluster;

// Usage: EfSafeMigrations.PostgresHost <file to write the admin connection string to>
// Runs until SIGTERM/SIGINT (or stdin closes when it is a pipe), then stops the cluster and deletes it.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: EfSafeMigrations.PostgresHost <connection-string-file>");
    return 2;
}

await using var cluster = await LocalPostgresCluster.StartAsync();
var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });

// Written last, atomically: its appearance tells the caller the server accepts connections.
var target = Path.GetFullPath(args[0]);
await File.WriteAllTextAsync(target + ".tmp", cluster.AdminConnectionString);
File.Move(target + ".tmp", target, overwrite: true);
Console.WriteLine($"PostgreSQL ready: {cluster.Description}");

await stop.Task;
Console.WriteLine("Stopping PostgreSQL.");
return 0;
