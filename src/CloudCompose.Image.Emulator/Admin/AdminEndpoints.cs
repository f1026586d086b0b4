using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CloudCompose.Image.Emulator.Admin;

public sealed record FaultRequest(string Action = "*", int Count = 1, string Code = "RequestLimitExceeded");
public sealed record ImageFaultRequest(int? Count = null, string? NamePattern = null);
public sealed record InstanceTypeFaultRequest(string InstanceType, string Code = "InsufficientInstanceCapacity", int? Count = null);
public sealed record AllowedImagesRequest(string State, string Region = "us-east-1");
public sealed record ClockRequest(double? AdvanceSeconds = null, double? TimeScale = null);
public sealed record PolicyRequest(string? DeleteSnapshotRequiresTag = null);

/// <summary>The JSON control surface under /_emulator/ (not an EC2 action). Every route is listed in docs/emulator.md.</summary>
internal static class AdminEndpoints
{
    public static async Task Handle(HttpContext ctx, EmulatorState state)
    {
        state.Touch();
        var path = ctx.Request.Path.Value!["/_emulator".Length..].TrimEnd('/');
        var method = ctx.Request.Method;
        try
        {
            object? result = (method, path) switch
            {
                ("GET", "" or "/health") => new { status = "ok", accountId = EmulatorState.AccountId, now = state.Clock.UtcNow, timeScale = state.Clock.TimeScale },
                ("POST", "/reset") => Do(state.Reset),
                ("POST", "/seed") => state.Seed(await Body<SeedSpec>(ctx)),
                ("GET", "/counters") => state.Counters,
                ("DELETE", "/counters") => Do(state.ResetCounters),
                ("GET", "/requests") => Requests(ctx, state),
                ("DELETE", "/requests") => Do(state.ClearRequestLog),
                ("GET", "/outcomes") => new { @default = state.DefaultOutcome, rules = state.OutcomeRules },
                ("POST", "/outcomes") => Do(() => state.AddOutcomeRule(Body<OutcomeRule>(ctx).Result)),
                ("POST", "/outcomes/default") => Do(() => state.SetDefaultOutcome(Body<ScriptOutcome>(ctx).Result)),
                ("DELETE", "/outcomes") => Do(state.ClearOutcomes),
                ("POST", _) when path.StartsWith("/instances/", StringComparison.Ordinal) && path.EndsWith("/outcome", StringComparison.Ordinal) =>
                    Do(() => state.SetInstanceOutcome(path["/instances/".Length..^"/outcome".Length], Body<ScriptOutcome>(ctx).Result)),
                ("POST", "/faults") => Do(() => { var f = Body<FaultRequest>(ctx).Result; state.Faults.FailNext(f.Action, f.Count, f.Code); }),
                ("POST", "/faults/images") => Do(() =>
                {
                    var f = Body<ImageFaultRequest>(ctx).Result;
                    if (f.NamePattern is { } p) state.Faults.FailImagesNamed(p);
                    if (f.Count is { } c) state.Faults.FailNextImages(c);
                    if (f.NamePattern is null && f.Count is null) state.Faults.FailNextImages(1);
                }),
                ("POST", "/faults/instance-types") => Do(() => { var f = Body<InstanceTypeFaultRequest>(ctx).Result; state.Faults.FailInstanceType(f.InstanceType, f.Code, f.Count); }),
                ("DELETE", "/faults") => Do(state.Faults.Clear),
                ("POST", "/allowed-images") => Do(() => { var a = Body<AllowedImagesRequest>(ctx).Result; state.SetAllowedImagesState(a.Region, a.State); }),
                ("GET", "/policy") => state.Permissions,
                ("POST", "/policy") => SetPolicy(state, await Body<PolicyRequest>(ctx)),
                ("GET", "/clock") => Clock(state),
                ("POST", "/clock") => SetClock(state, await Body<ClockRequest>(ctx)),
                ("GET", "/delays") => state.Delays,
                ("POST", "/delays") => SetDelays(state, await ctx.Request.ReadFromJsonAsync<JsonElement>()),
                ("GET", "/instances") => state.ListInstances(Region(ctx)),
                ("GET", "/images") => state.ListImages(Region(ctx)),
                ("GET", "/snapshots") => state.ListSnapshots(Region(ctx)),
                ("GET", "/recycle-bin") => state.ListRecycleBin(Region(ctx)),
                ("GET", "/ssm-parameters") => state.ListSsmParameters(Region(ctx)),
                _ => NotFound(),
            };
            ctx.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(ctx.Response.Body, result, AdminJson.Options);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or KeyNotFoundException or InvalidOperationException or AggregateException)
        {
            var inner = e is AggregateException a ? a.InnerException ?? e : e;
            ctx.Response.StatusCode = inner is KeyNotFoundException ? 404 : 400;
            ctx.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(ctx.Response.Body, new { error = inner.Message }, AdminJson.Options);
        }
    }

    private static object Do(Action a)
    {
        a();
        return new { ok = true };
    }

    private static object NotFound() => throw new KeyNotFoundException("Unknown admin route. See docs/emulator.md.");

    private static string Region(HttpContext ctx) => ctx.Request.Query["region"].FirstOrDefault() ?? "us-east-1";

    private static async Task<T> Body<T>(HttpContext ctx)
    {
        if (ctx.Request.ContentLength is 0) throw new ArgumentException("A JSON body is required.");
        return await JsonSerializer.DeserializeAsync<T>(ctx.Request.Body, AdminJson.Options) ?? throw new ArgumentException("A JSON body is required.");
    }

    private static object Requests(HttpContext ctx, EmulatorState state)
    {
        IEnumerable<RequestLogEntry> log = state.RequestLog;
        if (ctx.Request.Query["action"].FirstOrDefault() is { } action) log = log.Where(e => e.Action == action);
        if (int.TryParse(ctx.Request.Query["limit"].FirstOrDefault(), out var limit) && limit > 0) log = log.TakeLast(limit);
        return log.ToList();
    }

    private static object SetPolicy(EmulatorState state, PolicyRequest p)
    {
        lock (state.Sync) state.Permissions.DeleteSnapshotRequiresTag = string.IsNullOrEmpty(p.DeleteSnapshotRequiresTag) ? null : p.DeleteSnapshotRequiresTag;
        return state.Permissions;
    }

    private static object Clock(EmulatorState state) => new { now = state.Clock.UtcNow, timeScale = state.Clock.TimeScale };

    private static object SetClock(EmulatorState state, ClockRequest c)
    {
        if (c.TimeScale is { } s) state.Clock.TimeScale = s;
        if (c.AdvanceSeconds is { } a) state.Clock.Advance(TimeSpan.FromSeconds(a));
        return Clock(state);
    }

    /// <summary>Merges the given fields (seconds) into the current delays; absent fields keep their values.</summary>
    private static object SetDelays(EmulatorState state, JsonElement body)
    {
        lock (state.Sync)
        {
            var current = JsonSerializer.SerializeToNode(state.Delays, AdminJson.Options)!.AsObject();
            foreach (var prop in body.EnumerateObject())
            {
                var key = current.Select(kv => kv.Key).FirstOrDefault(k => string.Equals(k, prop.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"Unknown delay '{prop.Name}'.");
                current[key] = System.Text.Json.Nodes.JsonNode.Parse(prop.Value.GetRawText());
            }
            var merged = current.Deserialize<EmulatorDelays>(AdminJson.Options)!;
            var d = state.Delays;
            foreach (var p in typeof(EmulatorDelays).GetProperties()) p.SetValue(d, p.GetValue(merged));
            return d;
        }
    }
}
