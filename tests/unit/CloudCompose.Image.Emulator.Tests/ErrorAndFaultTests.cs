using System.Net;
using Amazon.EC2.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;

namespace CloudCompose.Image.Emulator.Tests;

public sealed class ErrorAndFaultTests : EmulatorTest
{
    [Fact]
    public async Task Injected_throttling_and_internal_errors_use_EC2_statuses()
    {
        State.Faults.FailNext("DescribeImages", 2, "RequestLimitExceeded");
        State.Faults.FailNext("DescribeImages", 1, "InternalError");
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest()), "RequestLimitExceeded", 503);
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest()), "RequestLimitExceeded", 503);
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest()), "InternalError", 500);
        await Ec2.DescribeImagesAsync(new DescribeImagesRequest());
        Assert.Equal(4, State.Count("DescribeImages"));
        State.Faults.FailNext("*", 1, "UnauthorizedOperation");
        await Fails(() => Ec2.DescribeRegionsAsync(new DescribeRegionsRequest()), "UnauthorizedOperation", 403);
    }

    [Fact]
    public async Task A_connection_reset_fault_drops_the_call_without_an_answer()
    {
        // The SDK and .NET's HttpClient send a dropped request again a few times whatever MaxErrorRetry says: the endpoint stays dead.
        State.Faults.FailNext("DescribeInstances", 1000, "ConnectionReset");
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest()));
        Assert.IsNotType<Amazon.EC2.AmazonEC2Exception>(e);
        Assert.Contains(Flatten(e), x => x is HttpRequestException or IOException);
        Assert.All(State.RequestLog.Where(r => r.Action == "DescribeInstances"), logged => Assert.Equal(("ConnectionReset", 0), (logged.ErrorCode, logged.Status)));
        State.Faults.Clear();
        await Ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
    }

    [Fact]
    public async Task The_SDK_retries_through_a_transient_fault()
    {
        State.Faults.FailNext("DescribeInstances", 1, "InternalError");
        var retrying = Client(retries: 2);
        await retrying.DescribeInstancesAsync(new DescribeInstancesRequest());
        Assert.Equal(2, State.Count("DescribeInstances"));
    }

    [Fact]
    public async Task Unknown_actions_and_raw_requests_get_EC2_error_xml()
    {
        using var http = new HttpClient { BaseAddress = Emulator.ServiceUrl };
        var resp = await http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string> { ["Action"] = "LaunchRockets", ["Version"] = "2016-11-15" }));
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        var body = await resp.Content.ReadAsStringAsync();
        Assert.Contains("<Response><Errors><Error><Code>InvalidAction</Code>", body);
        Assert.Contains("<RequestID>", body);
        var get = await http.GetStringAsync("/?Action=DescribeRegions&Version=2016-11-15");
        Assert.Contains("<regionName>eu-west-1</regionName>", get);
    }

    [Fact]
    public async Task Eventual_consistency_hides_new_instances_and_images_by_id_for_a_while()
    {
        State.Delays.ConsistencyDelay = TimeSpan.FromSeconds(3);
        var ami = SeedImage();
        var inst = await Launch(ami);
        await Fails(() => Ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [inst.InstanceId] }), "InvalidInstanceID.NotFound");
        await Fails(() => Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [inst.InstanceId], Tags = [new Tag("a", "b")] }), "InvalidInstanceID.NotFound");
        Advance(3);
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [inst.InstanceId], Tags = [new Tag("a", "b")] });
        Advance(62 + 10);
        var img = await Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = inst.InstanceId, Name = "consistent" });
        await Fails(() => Ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [img.ImageId] }), "InvalidAMIID.NotFound");
        Advance(3);
        Assert.Equal("consistent", (await DescribeImage(img.ImageId)).Name);
    }

    [Fact]
    public async Task The_request_log_names_the_access_key_and_a_session_token_but_holds_no_secret()
    {
        await Ec2.DescribeImagesAsync(new DescribeImagesRequest());
        var basic = State.RequestLog.Last();
        Assert.Equal("AKIDEXAMPLE", basic.AccessKeyId);
        Assert.False(basic.SessionToken);

        using var session = new Amazon.EC2.AmazonEC2Client(new Amazon.Runtime.SessionAWSCredentials("ASIATEMPORARY", "temporary-secret", "the-token"),
            new Amazon.EC2.AmazonEC2Config { ServiceURL = Emulator.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        await session.DescribeImagesAsync(new DescribeImagesRequest());
        var temporary = State.RequestLog.Last();
        Assert.Equal("ASIATEMPORARY", temporary.AccessKeyId);
        Assert.True(temporary.SessionToken);
        var logged = System.Text.Json.JsonSerializer.Serialize(State.RequestLog);
        Assert.DoesNotContain("temporary-secret", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("the-token", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regions_are_separate_and_come_from_the_signature()
    {
        var west = Client("us-west-2");
        var eu = Client("eu-west-1");
        var westAmi = SeedImage("west", "us-west-2");
        Assert.Single((await west.DescribeImagesAsync(new DescribeImagesRequest())).Images);
        Assert.True((await Ec2.DescribeImagesAsync(new DescribeImagesRequest())).Images is null or { Count: 0 });
        await Fails(() => eu.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [westAmi] }), "InvalidAMIID.NotFound");
        var inst = await Launch(westAmi, client: west);
        Assert.Equal("us-west-2a", inst.Placement.AvailabilityZone);
        Assert.Equal("us-west-2", State.RequestLog.Last().Region);
        var regions = await Ec2.DescribeRegionsAsync(new DescribeRegionsRequest());
        Assert.Contains(regions.Regions, r => r.RegionName == "eu-west-1" && r.Endpoint == "ec2.eu-west-1.amazonaws.com");
        var one = await Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { RegionNames = ["us-west-2"] });
        Assert.Equal("us-west-2", Assert.Single(one.Regions).RegionName);
        var filtered = await Ec2.DescribeRegionsAsync(new DescribeRegionsRequest { Filters = [new Filter("region-name", ["us-*"])] });
        Assert.All(filtered.Regions, r => Assert.StartsWith("us-", r.RegionName));
    }

    [Fact]
    public async Task Sts_GetCallerIdentity_returns_the_account()
    {
        using var sts = new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig { ServiceURL = Emulator.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var id = await sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest());
        Assert.Equal("123456789012", id.Account);
        Assert.StartsWith("arn:aws:iam::123456789012:", id.Arn);
    }

    [Fact]
    public async Task Many_concurrent_clients_are_served_consistently()
    {
        var ami = SeedImage();
        var tasks = Enumerable.Range(0, 40).Select(async i =>
        {
            var c = Client(i % 2 == 0 ? "us-east-1" : "us-east-1");
            await c.RunInstancesAsync(new RunInstancesRequest { ImageId = ami, MinCount = 1, MaxCount = 1, ClientToken = $"t{i % 20}" });
            await c.DescribeInstancesAsync(new DescribeInstancesRequest());
        });
        await Task.WhenAll(tasks);
        Assert.Equal(20, State.ListInstances().Count);
        Assert.Equal(40, State.Count("RunInstances"));
    }
}
