namespace CloudCompose.Image.Emulator;

/// <summary>Injected failures. Guarded by the state lock.</summary>
public sealed class Faults
{
    private readonly object _sync;
    private readonly Dictionary<string, Queue<(string Code, int Remaining)>> _next = new(StringComparer.Ordinal);
    private int _failNextImages;
    private readonly List<string> _failImageNames = new();
    private readonly List<(string InstanceType, string Code, int? Remaining)> _instanceTypes = new();
    private int _failNextUsageReports;

    internal Faults(object sync) => _sync = sync;

    /// <summary>The next <paramref name="count"/> calls of <paramref name="action"/> ("*" for any) fail with <paramref name="code"/>.</summary>
    public void FailNext(string action, int count = 1, string code = "RequestLimitExceeded")
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
        lock (_sync)
        {
            if (!_next.TryGetValue(action, out var q)) _next[action] = q = new();
            q.Enqueue((code, count));
        }
    }

    /// <summary>The next <paramref name="count"/> images made by CreateImage or CopyImage end <c>failed</c>.</summary>
    public void FailNextImages(int count = 1)
    {
        lock (_sync) _failNextImages += count;
    }

    /// <summary>Every image whose name matches the wildcard pattern ends <c>failed</c>.</summary>
    public void FailImagesNamed(string namePattern)
    {
        lock (_sync) _failImageNames.Add(namePattern);
    }

    /// <summary>
    /// RunInstances of <paramref name="instanceType"/> fails with <paramref name="code"/> — <c>InsufficientInstanceCapacity</c>
    /// (no capacity now) or <c>Unsupported</c> (the type is not offered in the subnet's zone) — for the next
    /// <paramref name="count"/> launches of that type, or for all of them.
    /// </summary>
    public void FailInstanceType(string instanceType, string code = "InsufficientInstanceCapacity", int? count = null)
    {
        if (count is < 1) throw new ArgumentOutOfRangeException(nameof(count));
        if (code is not ("InsufficientInstanceCapacity" or "Unsupported")) throw new ArgumentException($"An instance type fails with InsufficientInstanceCapacity or Unsupported, not {code}.", nameof(code));
        lock (_sync) _instanceTypes.Add((instanceType, code, count));
    }

    /// <summary>The next <paramref name="count"/> image usage reports end in state <c>error</c>.</summary>
    public void FailNextUsageReports(int count = 1)
    {
        lock (_sync) _failNextUsageReports += count;
    }

    public void Clear()
    {
        lock (_sync) { _next.Clear(); _failNextImages = 0; _failImageNames.Clear(); _instanceTypes.Clear(); _failNextUsageReports = 0; }
    }

    internal string? TakeInstanceTypeFault(string instanceType)
    {
        var i = _instanceTypes.FindIndex(f => f.InstanceType == instanceType);
        if (i < 0) return null;
        var (type, code, remaining) = _instanceTypes[i];
        if (remaining is { } r)
        {
            if (r <= 1) _instanceTypes.RemoveAt(i);
            else _instanceTypes[i] = (type, code, r - 1);
        }
        return code;
    }

    internal bool TakeUsageReportFailure()
    {
        if (_failNextUsageReports <= 0) return false;
        _failNextUsageReports--;
        return true;
    }

    internal string? TakeCallFault(string action) => Take(action) ?? Take("*");

    /// <summary>Whether a fault waits for the next call of <paramref name="action"/> itself (not "*"); nothing is taken.</summary>
    internal bool HasCallFault(string action) => _next.TryGetValue(action, out var q) && q.Count > 0;

    private string? Take(string key)
    {
        if (!_next.TryGetValue(key, out var q) || q.Count == 0) return null;
        var (code, remaining) = q.Dequeue();
        if (remaining > 1)
        {
            // Keep order: the rest of this fault stays first in the queue.
            var rest = new Queue<(string, int)>();
            rest.Enqueue((code, remaining - 1));
            foreach (var e in q) rest.Enqueue(e);
            _next[key] = rest;
        }
        return code;
    }

    internal bool TakeImageFailure(string name)
    {
        if (_failImageNames.Any(p => Filters.Wildcard.IsMatch(p, name))) return true;
        if (_failNextImages <= 0) return false;
        _failNextImages--;
        return true;
    }
}
