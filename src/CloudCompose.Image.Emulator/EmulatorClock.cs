using System.Diagnostics;

namespace CloudCompose.Image.Emulator;

/// <summary>
/// Emulated time: real time scaled by <see cref="TimeScale"/> plus manual advances. A scale of 0 makes it a
/// purely manual clock. Resource states are computed from it at each request, so no timers exist.
/// </summary>
public sealed class EmulatorClock
{
    private readonly object _lock = new();
    private DateTime _base;
    private long _realBase;
    private double _scale;

    public EmulatorClock(DateTime start, double timeScale)
    {
        if (timeScale < 0) throw new ArgumentOutOfRangeException(nameof(timeScale));
        _base = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        _realBase = Stopwatch.GetTimestamp();
        _scale = timeScale;
    }

    public DateTime UtcNow
    {
        get { lock (_lock) return NowLocked(); }
    }

    /// <summary>Emulated seconds per real second; 0 stops the clock except for <see cref="Advance"/>.</summary>
    public double TimeScale
    {
        get { lock (_lock) return _scale; }
        set
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
            lock (_lock) { Rebase(); _scale = value; }
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        lock (_lock) { Rebase(); _base += by; }
    }

    internal void Restart(DateTime start, double timeScale)
    {
        lock (_lock) { _base = DateTime.SpecifyKind(start, DateTimeKind.Utc); _realBase = Stopwatch.GetTimestamp(); _scale = timeScale; }
    }

    private DateTime NowLocked()
    {
        if (_scale == 0) return _base;
        var real = Stopwatch.GetElapsedTime(_realBase);
        return _base + TimeSpan.FromTicks((long)(real.Ticks * _scale));
    }

    private void Rebase()
    {
        _base = NowLocked();
        _realBase = Stopwatch.GetTimestamp();
    }
}
