using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using CloudCompose.Image.Emulator.Tests.TestSupport;
using Xunit;
using SsmTag = Amazon.SimpleSystemsManagement.Model.Tag;

namespace CloudCompose.Image.Emulator.Tests;

/// <summary>Parameter Store through the real AWSSDK.SimpleSystemsManagement client, at the EC2 endpoint's URL.</summary>
public sealed class SsmParameterTests : EmulatorTest
{
    private readonly List<IDisposable> _ssmClients = new();

    private AmazonSimpleSystemsManagementClient Ssm(string region = "us-east-1")
    {
        var c = new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = Emulator.ServiceUrl.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });
        _ssmClients.Add(c);
        return c;
    }

    private Task<PutParameterResponse> PutImage(string name, string imageId, bool overwrite = true, List<SsmTag>? tags = null, AmazonSimpleSystemsManagementClient? client = null) =>
        (client ?? Ssm()).PutParameterAsync(new PutParameterRequest
        {
            Name = name, Value = imageId, Type = ParameterType.String, DataType = "aws:ec2:image", Overwrite = overwrite, Tags = tags,
        });

    private static async Task<T> Fails<T>(Func<Task> call, string code) where T : AmazonSimpleSystemsManagementException
    {
        var e = await Assert.ThrowsAsync<T>(call);
        Assert.Equal(code, e.ErrorCode);
        return e;
    }

    [Fact]
    public async Task A_new_image_parameter_has_its_version_at_once_but_exists_only_after_validation()
    {
        var ami = SeedImage("web-1");
        var put = await PutImage("/images/web/latest", ami, overwrite: false, tags: [new SsmTag { Key = "ImageName", Value = "web" }]);
        Assert.Equal(1, put.Version);
        Assert.Equal(ParameterTier.Standard, put.Tier);

        // "For a new parameter, a ParameterNotFound message is returned until the parameter is validated."
        await Fails<ParameterNotFoundException>(() => Ssm().GetParameterAsync(new GetParameterRequest { Name = "/images/web/latest" }), "ParameterNotFound");
        await Fails<ParameterNotFoundException>(() => Ssm().GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = "/images/web/latest" }), "ParameterNotFound");
        Assert.Equal(1, State.ListSsmParameters().Single().Validating!.Version);

        Advance(State.Delays.SsmValidationDelay.TotalSeconds);
        var got = (await Ssm().GetParameterAsync(new GetParameterRequest { Name = "/images/web/latest" })).Parameter;
        Assert.Equal(ami, got.Value);
        Assert.Equal(1, got.Version);
        Assert.Equal("aws:ec2:image", got.DataType);
        Assert.Equal(ParameterType.String, got.Type);
        Assert.Equal("arn:aws:ssm:us-east-1:123456789012:parameter/images/web/latest", got.ARN);
        Assert.Equal(State.Clock.UtcNow, got.LastModifiedDate!.Value.ToUniversalTime(), TimeSpan.FromSeconds(1));
        var tags = await Ssm().ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.Parameter, ResourceId = "/images/web/latest" });
        Assert.Equal("web", Assert.Single(tags.TagList).Value);
    }

    [Fact]
    public async Task An_update_shows_the_old_value_until_validated_and_the_history_grows_oldest_first()
    {
        var (old, next) = (SeedImage("web-1"), SeedImage("web-2"));
        await PutImage("/web", old, overwrite: false);
        Advance(30);
        var put = await PutImage("/web", next);
        Assert.Equal(2, put.Version);

        // "For an existing parameter that you're updating, information about the new version isn't included until the parameter is validated."
        Assert.Equal(old, (await Ssm().GetParameterAsync(new GetParameterRequest { Name = "/web" })).Parameter.Value);
        Assert.Equal([1L], (await Ssm().GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = "/web" })).Parameters.Select(p => p.Version!.Value));
        await Fails<ParameterVersionNotFoundException>(() => Ssm().GetParameterAsync(new GetParameterRequest { Name = "/web:2" }), "ParameterVersionNotFound");
        // Asked again while validating: "the system reports that validation is still in process".
        await Fails<TooManyUpdatesException>(() => PutImage("/web", next), "TooManyUpdates");

        Advance(20);
        var history = (await Ssm().GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = "/web" })).Parameters;
        Assert.Equal([(1L, old), (2L, next)], history.Select(p => (p.Version!.Value, p.Value)));
        Assert.All(history, h => Assert.Equal("aws:ec2:image", h.DataType));
        Assert.Equal(next, (await Ssm().GetParameterAsync(new GetParameterRequest { Name = "/web" })).Parameter.Value);
        var first = (await Ssm().GetParameterAsync(new GetParameterRequest { Name = "/web:1" })).Parameter;
        Assert.Equal((old, 1L, ":1"), (first.Value, first.Version!.Value, first.Selector));
    }

    [Fact]
    public async Task A_failed_validation_leaves_the_parameter_as_it_was_and_is_recorded()
    {
        var ami = SeedImage("web-1");
        await PutImage("/web", ami, overwrite: false);
        Advance(20);
        // Well-formed, but no such image in the account and region.
        var put = await PutImage("/web", "ami-0123456789abcdef0");
        Assert.Equal(2, put.Version);
        Advance(20);

        var got = (await Ssm().GetParameterAsync(new GetParameterRequest { Name = "/web" })).Parameter;
        Assert.Equal((ami, 1L), (got.Value, got.Version!.Value));
        var info = State.ListSsmParameters().Single();
        Assert.Null(info.Validating);
        var failure = Assert.Single(info.FailedValidations);
        Assert.Equal((2L, "ami-0123456789abcdef0", "Unable to Describe Resource"), (failure.Version, failure.Value, failure.Error));

        // A new parameter whose only version fails never comes to exist; a malformed id fails the same way.
        await PutImage("/never", "not-an-ami", overwrite: false);
        Advance(20);
        await Fails<ParameterNotFoundException>(() => Ssm().GetParameterAsync(new GetParameterRequest { Name = "/never" }), "ParameterNotFound");
        // Version numbers are not reused after a failure.
        Assert.Equal(3, (await PutImage("/web", ami)).Version);
    }

    [Fact]
    public async Task PutParameter_rules_of_the_API_reference()
    {
        var ami = SeedImage("web-1");
        await Fails<AmazonSimpleSystemsManagementException>(() => PutImage("/web", ami, overwrite: true, tags: [new SsmTag { Key = "a", Value = "b" }]), "ValidationException");
        await PutImage("/web", ami, overwrite: false);
        Advance(20);
        await Fails<ParameterAlreadyExistsException>(() => PutImage("/web", ami, overwrite: false), "ParameterAlreadyExists");
        await Fails<AmazonSimpleSystemsManagementException>(() => PutImage("/aws/reserved", ami), "ValidationException");
        await Fails<AmazonSimpleSystemsManagementException>(() => PutImage("no/leading/slash", ami), "ValidationException");
        await Fails<HierarchyLevelLimitExceededException>(() => PutImage("/" + string.Join("/", Enumerable.Range(1, 16)), ami), "HierarchyLevelLimitExceededException");
        // The data type of an aws:ec2:image parameter cannot change.
        await Fails<AmazonSimpleSystemsManagementException>(() => Ssm().PutParameterAsync(new PutParameterRequest { Name = "/web", Value = "x", Type = ParameterType.String, DataType = "text", Overwrite = true }), "ValidationException");
        await Fails<UnsupportedParameterTypeException>(() => Ssm().PutParameterAsync(new PutParameterRequest { Name = "/t", Value = "x", Type = "Strng" }), "UnsupportedParameterType");

        // Plain text needs no validation: it is there at once.
        await Ssm().PutParameterAsync(new PutParameterRequest { Name = "/plain", Value = "hello", Type = ParameterType.String });
        Assert.Equal("text", (await Ssm().GetParameterAsync(new GetParameterRequest { Name = "/plain" })).Parameter.DataType);
    }

    [Fact]
    public async Task History_pages_by_MaxResults_and_tags_are_added_to_existing_parameters()
    {
        var ami = SeedImage("web-1");
        for (var i = 0; i < 5; i++)
        {
            await PutImage("/web", ami, overwrite: i > 0);
            Advance(20);
        }
        var pages = new List<long>();
        string? next = null;
        do
        {
            var page = await Ssm().GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = "/web", MaxResults = 2, NextToken = next });
            Assert.True(page.Parameters.Count <= 2);
            pages.AddRange(page.Parameters.Select(p => p.Version!.Value));
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
        Assert.Equal([1L, 2, 3, 4, 5], pages);
        await Fails<InvalidNextTokenException>(() => Ssm().GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = "/web", NextToken = "bogus" }), "InvalidNextToken");

        await Ssm().AddTagsToResourceAsync(new AddTagsToResourceRequest { ResourceType = ResourceTypeForTagging.Parameter, ResourceId = "/web", Tags = [new SsmTag { Key = "ImageVersion", Value = "2.0" }] });
        Assert.Equal("2.0", State.ListSsmParameters().Single().Tags["ImageVersion"]);
        await Fails<InvalidResourceIdException>(() => Ssm().AddTagsToResourceAsync(new AddTagsToResourceRequest { ResourceType = ResourceTypeForTagging.Parameter, ResourceId = "/none", Tags = [new SsmTag { Key = "a", Value = "b" }] }), "InvalidResourceId");
    }

    [Fact]
    public async Task Parameters_are_per_region_counted_as_ssm_actions_and_seen_by_EC2()
    {
        var east = SeedImage("web-1");
        var west = SeedImage("web-1", region: "us-west-2");
        await PutImage("/web", east, overwrite: false);
        await PutImage("/web", west, overwrite: false, client: Ssm("us-west-2"));
        Advance(20);
        Assert.Equal(west, (await Ssm("us-west-2").GetParameterAsync(new GetParameterRequest { Name = "/web" })).Parameter.Value);
        Assert.Equal(2, State.Count("ssm:PutParameter"));
        Assert.Equal(1, State.Count("ssm:GetParameter"));
        Assert.Equal(0, State.Count("PutParameter"));
        Assert.Equal(east, State.RequestLog.First(e => e.Action == "ssm:PutParameter").Parameters["Value"]);

        // DescribeImageReferences sees a published parameter once it has validated, and resolve:ssm: launches from it.
        var refs = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [east], IncludeAllResourceTypes = true });
        Assert.Equal("arn:aws:ssm:us-east-1:123456789012:parameter/web", Assert.Single(refs.ImageReferences).Arn);
        var lt = await Ec2.CreateLaunchTemplateAsync(new CreateLaunchTemplateRequest { LaunchTemplateName = "by-ssm", LaunchTemplateData = new RequestLaunchTemplateData { ImageId = "resolve:ssm:/web" } });
        var run = await Ec2.RunInstancesAsync(new RunInstancesRequest { MinCount = 1, MaxCount = 1, LaunchTemplate = new LaunchTemplateSpecification { LaunchTemplateName = "by-ssm" } });
        Assert.Equal(east, run.Reservation.Instances[0].ImageId);
    }

    [Fact]
    public async Task A_pending_parameter_is_not_a_reference_yet_and_faults_answer_in_json()
    {
        var ami = SeedImage("web-1");
        await PutImage("/web", ami, overwrite: false);
        var refs = await Ec2.DescribeImageReferencesAsync(new DescribeImageReferencesRequest { ImageIds = [ami], IncludeAllResourceTypes = true });
        Assert.True(refs.ImageReferences is null or { Count: 0 });

        State.Faults.FailNext("ssm:GetParameterHistory", 1, "RequestLimitExceeded");
        var e = await Assert.ThrowsAsync<AmazonSimpleSystemsManagementException>(() => Ssm().GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = "/web" }));
        Assert.Equal(("ThrottlingException", 503), (e.ErrorCode, (int)e.StatusCode));
    }

    public override async Task DisposeAsync()
    {
        foreach (var c in _ssmClients) c.Dispose();
        await base.DisposeAsync();
    }
}
