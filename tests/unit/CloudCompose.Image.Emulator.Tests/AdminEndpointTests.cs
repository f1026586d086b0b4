using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>The JSON routes as PowerShell's Invoke-RestMethod would use them.</summary>
public sealed class AdminEndpointTests : EmulatorTest
{
    private HttpClient Http => _http ??= new HttpClient { BaseAddress = Emulator.ServiceUrl };
    private HttpClient? _http;

    private async Task<JsonElement> Send(HttpMethod method, string path, string? json = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (json is not null) req.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var resp = await Http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        Assert.True(resp.IsSuccessStatusCode, $"{method} {path}: {(int)resp.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Seed_counters_requests_and_reset()
    {
        var seeded = await Send(HttpMethod.Post, "/_emulator/seed", """
            {"region":"us-west-2","images":[{"name":"old-{i}","count":3,"ageDays":40,"tags":{"cc:recipe":"web"}}],
             "instances":[{"imageName":"old-1","state":"stopped","tags":{"Name":"x"}}],
             "launchTemplates":[{"name":"lt-web","versions":[{"imageName":"old-2"}]}],
             "ssmParameters":[{"name":"/web/ami","imageName":"old-3"}]}
            """);
        Assert.Equal(3, seeded.GetProperty("imageIds").GetArrayLength());
        var west = Client("us-west-2");
        var images = await west.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["self"], Filters = [new Filter("tag:cc:recipe", ["web"])] });
        Assert.Equal(3, images.Images.Count);
        Assert.All(images.Images, i => Assert.Equal("2026-10-17T10:00:00.000Z", i.CreationDate));
        await west.DescribeImagesAsync(new DescribeImagesRequest());

        var counters = await Send(HttpMethod.Get, "/_emulator/counters");
        Assert.Equal(2, counters.GetProperty("DescribeImages").GetInt32());
        var log = await Send(HttpMethod.Get, "/_emulator/requests?action=DescribeImages&limit=1");
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal("us-west-2", entry.GetProperty("region").GetString());
        Assert.DoesNotContain("Authorization", entry.GetRawText());
        // The access key id is logged (an identifier, as in CloudTrail); the secret and the signature never are.
        Assert.Equal("AKIDEXAMPLE", entry.GetProperty("accessKeyId").GetString());
        Assert.DoesNotContain("Signature", entry.GetRawText());

        var instances = await Send(HttpMethod.Get, "/_emulator/instances?region=us-west-2");
        Assert.Equal("stopped", instances[0].GetProperty("state").GetString());

        await Send(HttpMethod.Post, "/_emulator/reset");
        Assert.Empty(State.ListImages("us-west-2"));
        Assert.Empty(State.Counters);
    }

    [Fact]
    public async Task Outcomes_faults_clock_and_delays()
    {
        var ami = SeedImage();
        await Send(HttpMethod.Post, "/_emulator/clock", """{"timeScale":0}""");
        await Send(HttpMethod.Post, "/_emulator/delays", """{"pendingDelay":1,"scriptDuration":30}""");
        var delays = await Send(HttpMethod.Get, "/_emulator/delays");
        Assert.Equal(30, delays.GetProperty("scriptDuration").GetDouble());
        Assert.Equal(10, delays.GetProperty("stopDelay").GetDouble());
        await Send(HttpMethod.Post, "/_emulator/outcomes/default", """{"consoleText":"MARK {userdata:token=(\\w+)} {exitCode}","exitCode":0}""");
        await Send(HttpMethod.Post, "/_emulator/outcomes", """{"userDataContains":"fail-me","count":1,"outcome":{"consoleText":"MARK {userdata:token=(\\w+)} {exitCode}","exitCode":7,"scriptDuration":5}}""");
        var ok = await Launch(ami, "token=good");
        var bad = await Launch(ami, "token=bad fail-me");
        var clock = await Send(HttpMethod.Post, "/_emulator/clock", """{"advanceSeconds":31}""");
        Assert.Equal("2026-11-26T10:00:31Z", clock.GetProperty("now").GetDateTime().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"));
        Assert.Equal("MARK good 0", Unb64((await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = ok.InstanceId })).Output));
        Assert.Equal("MARK bad 7", Unb64((await Ec2.GetConsoleOutputAsync(new GetConsoleOutputRequest { InstanceId = bad.InstanceId })).Output));

        await Send(HttpMethod.Post, "/_emulator/faults", """{"action":"DescribeInstances","count":1,"code":"RequestLimitExceeded"}""");
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest()), "RequestLimitExceeded", 503);
        await Send(HttpMethod.Post, "/_emulator/faults/images", """{"namePattern":"broken-*"}""");
        await Send(HttpMethod.Post, $"/_emulator/instances/{ok.InstanceId}/outcome", """{"consoleText":"changed"}""");
        Assert.Equal("changed", State.GetInstance(ok.InstanceId)!.ConsoleText);
        var outcomes = await Send(HttpMethod.Get, "/_emulator/outcomes");
        Assert.Equal(0, outcomes.GetProperty("rules").GetArrayLength());
        await Send(HttpMethod.Delete, "/_emulator/faults");
        await Send(HttpMethod.Delete, "/_emulator/outcomes");
        var health = await Send(HttpMethod.Get, "/_emulator/health");
        Assert.Equal("123456789012", health.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task Bad_admin_requests_get_json_errors()
    {
        var resp = await Http.PostAsync("/_emulator/seed", new StringContent("""{"images":[{"state":"exploded"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        Assert.Contains("exploded", await resp.Content.ReadAsStringAsync());
        var missing = await Http.GetAsync("/_emulator/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var badDelay = await Http.PostAsJsonAsync("/_emulator/delays", new { warpSpeed = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badDelay.StatusCode);
    }
}
