using System.Collections.Concurrent;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator;

/// <summary>
/// Everything the emulator holds, for tests to seed, inspect and steer. All members are thread-safe.
/// </summary>
public sealed partial class EmulatorState
{
    public const string AccountId = "123456789012";
    public static readonly IReadOnlyList<string> KnownRegions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    /// <summary>The one lock every API call and control method takes; requests are short so contention stays low.</summary>
    internal object Sync { get; } = new();
    private readonly Dictionary<string, RegionStore> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly LinkedList<RequestLogEntry> _log = new();
    private readonly EmulatorOptions _options;
    private long _idCounter;
    private long _lastRequestTicks = Environment.TickCount64;

    public const int RequestLogCapacity = 10_000;

    internal EmulatorState(EmulatorOptions options)
    {
        _options = options;
        Clock = new EmulatorClock(options.StartTime ?? DateTime.UtcNow, options.TimeScale);
        Delays = options.Delays.Clone();
        Faults = new Faults(Sync);
        _idCounter = Random.Shared.NextInt64(1, 1L << 40);
    }

    public EmulatorClock Clock { get; }

    /// <summary>Delays used from the next request on. Change the properties directly.</summary>
    public EmulatorDelays Delays { get; private set; }

    public Faults Faults { get; }

    /// <summary>The simulated IAM condition on DeleteSnapshot (off by default).</summary>
    public SimulatedPolicy Permissions { get; private set; } = new();

    /// <summary>Calls per action since start or the last reset, including failed ones.</summary>
    public IReadOnlyDictionary<string, int> Counters => new SortedDictionary<string, int>(_counters, StringComparer.Ordinal);

    public int Count(string action) => _counters.GetValueOrDefault(action);

    public void ResetCounters() => _counters.Clear();

    public IReadOnlyList<RequestLogEntry> RequestLog
    {
        get { lock (_log) return _log.ToList(); }
    }

    public void ClearRequestLog()
    {
        lock (_log) _log.Clear();
    }

    /// <summary>Real time since the last API or admin request; the child process uses it for its idle timeout.</summary>
    public TimeSpan IdleTime => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastRequestTicks));

    internal void Touch() => Interlocked.Exchange(ref _lastRequestTicks, Environment.TickCount64);

    /// <summary>Forgets every resource, outcome, fault, counter and log entry and restarts the clock as configured.</summary>
    public void Reset()
    {
        lock (Sync)
        {
            _regions.Clear();
            _rules.Clear();
            _instanceOutcomes.Clear();
            DefaultOutcome = new ScriptOutcome();
            Delays = _options.Delays.Clone();
            Faults.Clear();
            Permissions = new SimulatedPolicy();
            Clock.Restart(_options.StartTime ?? DateTime.UtcNow, _options.TimeScale);
        }
        ResetCounters();
        ClearRequestLog();
    }

    internal RegionStore Store(string region)
    {
        if (!_regions.TryGetValue(region, out var s)) _regions[region] = s = new RegionStore(region);
        return s;
    }

    internal IEnumerable<RegionStore> Stores => _regions.Values;

    /// <summary>EC2-shaped ids (prefix + 17 hex digits), unique for the life of the process.</summary>
    internal string NewId(string prefix)
    {
        var n = (ulong)Interlocked.Increment(ref _idCounter);
        // Multiplying by an odd constant is a bijection on 64 bits: ids look random yet never repeat.
        var mixed = n * 0x9E3779B97F4A7C15UL;
        return $"{prefix}-0{mixed:x16}";
    }

    internal void Record(string action, string region, IReadOnlyDictionary<string, string> parameters, int status, string? error)
    {
        _counters.AddOrUpdate(action, 1, (_, c) => c + 1);
        var entry = new RequestLogEntry(Clock.UtcNow, DateTime.UtcNow, action, region, parameters, status, error);
        lock (_log)
        {
            _log.AddLast(entry);
            if (_log.Count > RequestLogCapacity) _log.RemoveFirst();
        }
    }
}
