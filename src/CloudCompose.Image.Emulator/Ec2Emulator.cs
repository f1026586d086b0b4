using System.Net;
using System.Text;
using CloudCompose.Image.Emulator.Admin;
using CloudCompose.Image.Emulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudCompose.Image.Emulator;

/// <summary>An EC2 Query API emulator on 127.0.0.1, for the SDK to call as if it were EC2.</summary>
public sealed class Ec2Emulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Ec2Emulator(WebApplication app, EmulatorState state, Uri url)
    {
        _app = app;
        State = state;
        ServiceUrl = url;
    }

    /// <summary>Base URL to give the SDK as ServiceURL, e.g. http://127.0.0.1:49152/.</summary>
    public Uri ServiceUrl { get; }

    public EmulatorState State { get; }

    public static async Task<Ec2Emulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        var state = new EmulatorState(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(ctx => ctx.Request.Path.StartsWithSegments("/_emulator") ? AdminEndpoints.Handle(ctx, state)
            : ctx.Request.Headers["X-Amz-Target"].ToString().StartsWith(EmulatorState.SsmTargetPrefix, StringComparison.Ordinal) ? ServeSsm(ctx, state)
            : ServeApi(ctx, state));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Ec2Emulator(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    private static async Task ServeApi(HttpContext ctx, EmulatorState state)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in ctx.Request.Query) values.Add(new(k, v.ToString()));
        if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.HasFormContentType)
        {
            var form = await ctx.Request.ReadFormAsync();
            foreach (var (k, v) in form) values.Add(new(k, v.ToString()));
        }
        var authorization = ctx.Request.Headers.Authorization.ToString();
        var caller = new Caller(CredentialScope(authorization, 0), ctx.Request.Headers.ContainsKey("X-Amz-Security-Token"));
        var (status, body) = state.Handle(new QueryParams(values), RegionOf(authorization), caller);
        if (status == Ec2Error.ConnectionReset)
        {
            // The endpoint "dies" for this call: the client sees the connection drop, as with a crashed or unreachable server.
            ctx.Abort();
            return;
        }
        // EC2 stamps its answers with its clock; here that is the emulated one, so a client timing deadlines by it agrees with the instances.
        ctx.Response.Headers.Date = state.Clock.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/xml;charset=UTF-8";
        // The server's time, as EC2 sends it: the emulated clock, which a client may use to time requests such as
        // EnableImageDeprecation (never in the past) by the server's clock rather than its own.
        ctx.Response.Headers.Date = state.Clock.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Systems Manager's JSON 1.1 protocol at the same URL, told apart by its X-Amz-Target header.</summary>
    private static async Task ServeSsm(HttpContext ctx, EmulatorState state)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var (status, json) = state.HandleSsm(ctx.Request.Headers["X-Amz-Target"].ToString(), body, RegionOf(ctx.Request.Headers.Authorization.ToString()));
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/x-amz-json-1.1";
        ctx.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The region from a SigV4 credential scope (Credential=AKID/date/region/service/aws4_request).</summary>
    internal static string RegionOf(string authorization) => CredentialScope(authorization, 2) is { Length: > 0 } region ? region : "us-east-1";

    /// <summary>One part of the SigV4 credential scope: 0 the access key id, 2 the region; null when absent.</summary>
    private static string? CredentialScope(string authorization, int part)
    {
        var i = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (i < 0) return null;
        var end = authorization.IndexOfAny([',', ' '], i);
        var parts = authorization[(i + "Credential=".Length)..(end < 0 ? authorization.Length : end)].Split('/');
        return parts.Length >= 5 ? parts[part] : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(5));
        await _app.DisposeAsync();
    }
}
