using CloudCompose.Image.Emulator.Actions;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator.Lifecycle;

/// <summary>Derives resource states from the clock. Called under the state lock at every request.</summary>
internal static class Lifecycle
{
    public static void Refresh(RegionStore store, DateTime now, EmulatorDelays delays)
    {
        List<string>? gone = null;
        foreach (var inst in store.Instances.Values)
        {
            Advance(inst, now, store);
            if (inst.State == "terminated" && inst.TerminatedAt is { } t && now - t >= delays.TerminatedRetention)
                (gone ??= new()).Add(inst.Id);
        }
        if (gone is not null) foreach (var id in gone) store.Instances.Remove(id);

        foreach (var img in store.Images.Values)
            if (img.State == "pending" && now >= img.AvailableAt)
            {
                img.State = img.FinalState;
                if (img.FinalState == "failed") img.StateReason ??= ("Server.InternalError", "Server.InternalError: Image creation failed (emulated fault)");
            }

        foreach (var snap in store.Snapshots.Values)
            if (snap.Status == "pending" && now >= snap.CompletesAt) snap.Status = "completed";

        RecycleBin.Expire(store, now);
        UsageReports.Refresh(store, now);
    }

    /// <summary>Applies every scheduled transition that is due; the schedule is finite so this ends.</summary>
    public static void Advance(Ec2Instance inst, DateTime now, RegionStore store)
    {
        while (inst.Schedule.Count > 0 && inst.Schedule[0].At <= now)
        {
            var tr = inst.Schedule[0];
            inst.Schedule.RemoveAt(0);
            Apply(inst, tr, store);
        }
    }

    private static void Apply(Ec2Instance inst, Transition tr, RegionStore store)
    {
        inst.State = tr.State;
        inst.LastTransitionAt = tr.At;
        if (tr.Reason.Length > 0 || tr.State == "running") inst.Reason = tr.Reason;
        if (tr.ReasonCode is not null) inst.StateReason = (tr.ReasonCode, tr.ReasonMessage ?? tr.ReasonCode);
        if (tr.State == "running") { inst.RunningAt ??= tr.At; inst.StateReason = null; }
        if (tr.State == "stopped") inst.StoppedAt ??= tr.At;
        if (tr.State == "terminated")
        {
            inst.TerminatedAt = tr.At;
            foreach (var vid in inst.VolumeIds)
                if (store.Volumes.TryGetValue(vid, out var v) && v.DeleteOnTermination) store.Volumes.Remove(vid);
        }
    }

    /// <summary>
    /// Plans a launched instance's life from its outcome: running, then whichever comes first of the script's end
    /// (shutdown), the watchdog (shutdown) and TerminateAfter (termination).
    /// </summary>
    public static void Plan(Ec2Instance inst, DateTime launch, EmulatorDelays delays)
    {
        inst.Schedule.Clear();
        inst.Console.Clear();
        var runAt = inst.RunningAt ?? launch + delays.PendingDelay;
        if (inst.RunningAt is null) inst.Schedule.Add(new Transition(runAt, "running"));
        var o = inst.Outcome;
        var scriptEnd = runAt + (o.ScriptDuration ?? delays.ScriptDuration);
        DateTime? killAt = o.TerminateAfter is { } ta ? runAt + ta : null;
        DateTime? shutdownAt = o.NeverStops ? null : scriptEnd;
        var byWatchdog = false;
        if (inst.Watchdog?.FiresAt(runAt) is { } w && (shutdownAt is null || w < shutdownAt))
        {
            shutdownAt = w;
            byWatchdog = true;
        }
        if (killAt is { } first && shutdownAt is { } s && first <= s) shutdownAt = null;
        inst.WatchdogAt = byWatchdog ? shutdownAt : null;

        var events = new List<Transition>();
        if (shutdownAt is { } at)
        {
            const string code = "Client.InstanceInitiatedShutdown";
            const string msg = "Client.InstanceInitiatedShutdown: Instance initiated shutdown";
            if (inst.ShutdownBehavior == "terminate")
            {
                events.Add(new(at, "shutting-down", "", code, msg));
                events.Add(new(at + delays.TerminateDelay, "terminated", "", code, msg));
            }
            else
            {
                events.Add(new(at, "stopping", "", code, msg));
                events.Add(new(at + delays.StopDelay, "stopped", "", code, msg));
            }
        }
        if (killAt is { } k && (shutdownAt is null || inst.ShutdownBehavior != "terminate"))
        {
            const string code = "Server.InternalError";
            const string msg = "Server.InternalError: Instance terminated by the emulator (TerminateAfter)";
            events.RemoveAll(e => e.At >= k);
            events.Add(new(k, "shutting-down", "", code, msg));
            events.Add(new(k + delays.TerminateDelay, "terminated", "", code, msg));
        }
        inst.Schedule.AddRange(events.OrderBy(e => e.At));

        if (o.NoConsole) return;
        // The script prints as it goes, until it ends, its watchdog shuts the machine down or the machine is killed.
        foreach (var line in (o.ConsoleLines ?? []).OrderBy(l => l.At))
        {
            var lineAt = runAt + line.At;
            if (lineAt > scriptEnd || (killAt is { } killed && lineAt >= killed) || (inst.WatchdogAt is { } fires && lineAt >= fires)) break;
            if (EmulatorState.RenderConsole(line.Text, o, inst) is { } printed) inst.Console.Add((lineAt, printed.EndsWith('\n') ? printed : printed + "\n"));
        }
        // A script that hangs still prints what it printed; one killed first never gets to.
        var scriptPrints = o.NeverStops ? (inst.WatchdogAt is not { } stop || scriptEnd <= stop) && (killAt is null || scriptEnd < killAt)
            : !byWatchdog && shutdownAt is not null;
        if (scriptPrints && EmulatorState.RenderConsole(o.ConsoleText, o, inst) is { } text) inst.Console.Add((scriptEnd, text));
        if (inst.WatchdogAt is { } fired && EmulatorState.RenderConsole(o.WatchdogConsoleText, o, inst) is { } watchdog) inst.Console.Add((fired, watchdog));
    }

    public static string UserReason(DateTime now) => $"User initiated ({now:yyyy-MM-dd HH:mm:ss} GMT)";

    public static void Stop(Ec2Instance inst, DateTime now, EmulatorDelays delays, RegionStore store)
    {
        inst.Schedule.Clear();
        var r = UserReason(now);
        Apply(inst, new(now, "stopping", r, "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown"), store);
        inst.Schedule.Add(new(now + delays.StopDelay, "stopped", r));
    }

    public static void Terminate(Ec2Instance inst, DateTime now, EmulatorDelays delays, RegionStore store)
    {
        inst.Schedule.Clear();
        var r = UserReason(now);
        Apply(inst, new(now, "shutting-down", r, "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown"), store);
        inst.Schedule.Add(new(now + delays.TerminateDelay, "terminated", r));
    }
}
