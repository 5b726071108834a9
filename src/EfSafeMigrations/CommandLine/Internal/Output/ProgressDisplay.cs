using System.Diagnostics;
using System.Globalization;

namespace EfSafeMigrations.CommandLine.Internal.Output;

/// <summary>
/// Shows what a long command is doing, on stderr. On a terminal: one line that keeps updating (spinner, the
/// current activity, its elapsed time), so an index build that takes minutes visibly runs; finished steps stay
/// as ordinary lines above it. Otherwise (CI logs, pipes): plain lines only, one per event, never a carriage return.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private static readonly string[] Frames = ["|", "/", "-", "\\"];

    private readonly TextWriter? _writer;
    private readonly bool _live;
    private readonly bool _colour;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private Timer? _timer;
    private string? _activity;
    private int _frame;
    private bool _lineShown;

    public ProgressDisplay(TextWriter? writer, bool live, bool colour)
    {
        _writer = writer;
        _live = live;
        _colour = colour;
    }

    /// <summary>Shows nothing (<c>--quiet</c>).</summary>
    public static ProgressDisplay Silent => new(null, false, false);

    /// <summary>Starts (or replaces) the current activity, for example "building index ix_users_email".</summary>
    public void Start(string activity)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_gate)
        {
            _activity = activity;
            _clock.Restart();
            if (!_live)
            {
                _writer.WriteLine(activity + " ...");
                return;
            }

            _timer ??= new Timer(_ => Redraw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(120));
            DrawLocked();
        }
    }

    /// <summary>Changes the live line's text and restarts its clock (terminal only: plain output gets no line for it).</summary>
    public void Update(string activity)
    {
        if (_writer is null || !_live)
        {
            return;
        }

        lock (_gate)
        {
            _activity = activity;
            _clock.Restart();
            DrawLocked();
        }
    }

    /// <summary>Prints a finished event as a permanent line; the live line, if any, continues below it.</summary>
    public void Event(string message)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_gate)
        {
            ClearLocked();
            _writer.WriteLine(StyleCodes.Apply(Style.Dim, "  " + message, _colour));
            if (_live && _activity is not null)
            {
                DrawLocked();
            }
        }
    }

    /// <summary>Ends the current activity (the live line disappears).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _activity = null;
            ClearLocked();
        }
    }

    /// <summary>Clears the live line before other output is written; the next tick draws it again.</summary>
    public void Suspend()
    {
        lock (_gate)
        {
            ClearLocked();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _activity = null;
            ClearLocked();
        }
    }

    private void Redraw()
    {
        lock (_gate)
        {
            if (_activity is not null)
            {
                DrawLocked();
            }
        }
    }

    private void DrawLocked()
    {
        if (_writer is null || !_live || _activity is null)
        {
            return;
        }

        var elapsed = _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        var frame = Frames[_frame++ % Frames.Length];
        _writer.Write("\r\u001b[2K" + StyleCodes.Apply(Style.Accent, frame, _colour) + " " + _activity + " " + StyleCodes.Apply(Style.Dim, elapsed, _colour));
        _writer.Flush();
        _lineShown = true;
    }

    private void ClearLocked()
    {
        if (_writer is not null && _live && _lineShown)
        {
            _writer.Write("\r\u001b[2K");
            _writer.Flush();
            _lineShown = false;
        }
    }
}
