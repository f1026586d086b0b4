using System.Text;
using System.Text.RegularExpressions;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator;

public sealed partial class EmulatorState
{
    private readonly List<(OutcomeRule Rule, int? Remaining)> _rules = new();
    private readonly Dictionary<string, ScriptOutcome> _instanceOutcomes = new(StringComparer.Ordinal);

    /// <summary>Outcome for launches no rule matches.</summary>
    public ScriptOutcome DefaultOutcome { get; private set; } = new();

    public void SetDefaultOutcome(ScriptOutcome outcome)
    {
        lock (Sync) DefaultOutcome = outcome ?? throw new ArgumentNullException(nameof(outcome));
    }

    /// <summary>Adds a rule for future launches; earlier rules win.</summary>
    public void AddOutcomeRule(OutcomeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Count is < 1) throw new ArgumentOutOfRangeException(nameof(rule), "Count must be at least 1.");
        lock (Sync) _rules.Add((rule, rule.Count));
    }

    /// <summary>Shortcut: the next <paramref name="count"/> launches get <paramref name="outcome"/>.</summary>
    public void SetNextOutcome(ScriptOutcome outcome, int count = 1) => AddOutcomeRule(new OutcomeRule { Outcome = outcome, Count = count });

    public IReadOnlyList<OutcomeRule> OutcomeRules
    {
        get { lock (Sync) return _rules.Select(r => r.Rule with { Count = r.Remaining }).ToList(); }
    }

    public void ClearOutcomes()
    {
        lock (Sync) { _rules.Clear(); DefaultOutcome = new ScriptOutcome(); }
    }

    /// <summary>
    /// Changes the outcome of an existing instance. If it has not shut down yet its future is re-planned from
    /// the moment it reached running; the console text is re-rendered.
    /// </summary>
    public void SetInstanceOutcome(string instanceId, ScriptOutcome outcome)
    {
        lock (Sync)
        {
            foreach (var store in Stores)
            {
                if (!store.Instances.TryGetValue(instanceId, out var inst)) continue;
                Lifecycle.Lifecycle.Advance(inst, Clock.UtcNow, store);
                inst.Outcome = outcome;
                if (inst.State is "pending" or "running")
                {
                    Lifecycle.Lifecycle.Plan(inst, inst.LaunchTime, Delays);
                    return;
                }
                // Already shut down: the console shows the new text from now on (or from when it first showed any).
                var since = inst.Console.Count > 0 ? inst.Console[0].At : Clock.UtcNow;
                inst.Console.Clear();
                if (!outcome.NoConsole && RenderConsole(outcome.ConsoleText, outcome, inst) is { } text) inst.Console.Add((since, text));
                return;
            }
            throw new KeyNotFoundException($"No instance {instanceId}.");
        }
    }

    /// <summary>Chooses the outcome of a launch; called under the lock once tags and user data are known.</summary>
    internal ScriptOutcome PickOutcome(string userData, IReadOnlyDictionary<string, string> tags, Model.Ec2Image? image = null)
    {
        for (var i = 0; i < _rules.Count; i++)
        {
            var (rule, remaining) = _rules[i];
            if (rule.UserDataContains is { } s && !userData.Contains(s, StringComparison.Ordinal)) continue;
            if (rule.ImageId is { } id && image?.Id != id) continue;
            if (rule.ImageName is { } pattern && (image is null || !Filters.Wildcard.IsMatch(pattern, image.Name))) continue;
            if (rule.Tags is { } want && !want.All(t => tags.TryGetValue(t.Key, out var v) && (t.Value == "*" || t.Value == v))) continue;
            if (remaining is { } r)
            {
                if (r <= 1) _rules.RemoveAt(i);
                else _rules[i] = (rule, r - 1);
            }
            return rule.Outcome;
        }
        return DefaultOutcome;
    }

    internal static string? RenderConsole(string? template, ScriptOutcome o, Ec2Instance inst)
    {
        if (o.NoConsole || string.IsNullOrEmpty(template)) return null;
        var text = template;
        var sb = new StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0) { sb.Append(text, i, text.Length - i); break; }
            sb.Append(text, i, open - i);
            var close = MatchingBrace(text, open);
            if (close < 0) { sb.Append(text, open, text.Length - open); break; }
            sb.Append(Placeholder(text[(open + 1)..close], o, inst) ?? text[open..(close + 1)]);
            i = close + 1;
        }
        return sb.ToString();
    }

    // Regexes inside {userdata:...} may hold quantifiers like {8}, so braces are counted.
    private static int MatchingBrace(string s, int open)
    {
        var depth = 0;
        for (var j = open; j < s.Length; j++)
        {
            if (s[j] == '\\') { j++; continue; }
            if (s[j] == '{') depth++;
            else if (s[j] == '}' && --depth == 0) return j;
        }
        return -1;
    }

    private static string? Placeholder(string body, ScriptOutcome o, Ec2Instance inst)
    {
        if (body == "exitCode") return o.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (body == "instanceId") return inst.Id;
        if (body == "imageId") return inst.ImageId;
        if (!body.StartsWith("userdata:", StringComparison.Ordinal)) return null;
        try
        {
            var m = Regex.Match(inst.DecodedUserData, body["userdata:".Length..], RegexOptions.Multiline, TimeSpan.FromSeconds(1));
            return !m.Success ? "" : m.Groups.Count > 1 ? m.Groups[1].Value : m.Value;
        }
        catch (ArgumentException) { return ""; }
        catch (RegexMatchTimeoutException) { return ""; }
    }
}
