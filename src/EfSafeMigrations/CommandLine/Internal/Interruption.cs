using System.Runtime.InteropServices;

namespace EfSafeMigrations.CommandLine.Internal;

/// <summary>
/// How a command is stopped from outside: Ctrl+C (SIGINT) or SIGTERM (what Kubernetes, systemd and docker stop send
/// before they kill). Both cancel the command's token, so the statement running on the server is cancelled too
/// (Npgsql sends a cancel request), the journal records where the run stopped, and the command prints what was done
/// before it exits (SIGTERM: 143, as a process killed by it would). The first signal stops cleanly; a second one of
/// the same kind gets the default behaviour: the process ends at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly ConsoleCancelEventHandler _onCtrlC;
    private readonly PosixSignalRegistration? _sigterm;
    private int _signal; // 0: none; otherwise the PosixSignal that stopped the command

    private Interruption(CancellationToken outer)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _onCtrlC = (_, e) => e.Cancel = Stop(PosixSignal.SIGINT);
        Console.CancelKeyPress += _onCtrlC;
        try
        {
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = Stop(PosixSignal.SIGTERM));
        }
        catch (PlatformNotSupportedException)
        {
            _sigterm = null; // No SIGTERM here (a platform without it): Ctrl+C and the caller's token still work.
        }
    }

    /// <summary>Cancelled by the caller's token, Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The signal that stopped the command, if one did.</summary>
    public PosixSignal? Signal => _signal == 0 ? null : (PosixSignal)_signal;

    public static Interruption Listen(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        Console.CancelKeyPress -= _onCtrlC;
        _sigterm?.Dispose();
        _cancel.Dispose();
    }

    /// <summary>Returns whether the default action (ending the process) is to be suppressed: only for the first signal.</summary>
    private bool Stop(PosixSignal signal)
    {
        if (Interlocked.CompareExchange(ref _signal, (int)signal, 0) != 0)
        {
            return false;
        }

        _cancel.Cancel();
        return true;
    }
}
