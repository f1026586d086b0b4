using System.Net;
using System.Net.Sockets;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Emulator;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Tests.Aws
{
    /// <summary>Real SDK calls against the in-process emulator's injected faults, and what each becomes.</summary>
    public sealed class AwsErrorsTests : IAsyncLifetime
    {
        private Ec2Emulator emulator = null!;
        private AwsConnection connection = null!;

        public async Task InitializeAsync()
        {
            emulator = await Ec2Emulator.StartAsync(new EmulatorOptions { TimeScale = 0 });
            connection = Connect(emulator.ServiceUrl.ToString());
        }

        public async Task DisposeAsync() => await emulator.DisposeAsync();

        private static AwsConnection Connect(string endpoint, int retries = 0) => AwsConnection.Resolve(new AwsConnectionOptions
        {
            EndpointUrl = endpoint,
            Region = "us-east-1",
            Keys = new AwsKeys("AKIDTEST", "secret"),
            MaxErrorRetry = retries,
        });

        private static async Task<CloudComposeException> Fails(AwsConnection connection, string action = "DescribeInstances")
        {
            using var ec2 = connection.CreateEc2Client();
            return await Assert.ThrowsAsync<CloudComposeException>(() =>
                AwsCall.RunAsync(ec2, action, "i-0123456789abcdef0", () => ec2.DescribeInstancesAsync(new DescribeInstancesRequest()), CancellationToken.None));
        }

        [Theory]
        [InlineData("RequestLimitExceeded", ErrorIds.AwsThrottled, ErrorKind.LimitsExceeded)]
        [InlineData("InternalError", ErrorIds.AwsServiceUnavailable, ErrorKind.ResourceUnavailable)]
        [InlineData("Unavailable", ErrorIds.AwsServiceUnavailable, ErrorKind.ResourceUnavailable)]
        [InlineData("AuthFailure", ErrorIds.AwsAuthFailure, ErrorKind.Authentication)]
        [InlineData("RequestExpired", ErrorIds.AwsAuthFailure, ErrorKind.Authentication)]
        [InlineData("UnauthorizedOperation", ErrorIds.AwsUnauthorized, ErrorKind.PermissionDenied)]
        [InlineData("OptInRequired", ErrorIds.AwsOptInRequired, ErrorKind.PermissionDenied)]
        [InlineData("InsufficientInstanceCapacity", ErrorIds.AwsCapacityUnavailable, ErrorKind.ResourceUnavailable)]
        [InlineData("VcpuLimitExceeded", ErrorIds.AwsLimitExceeded, ErrorKind.LimitsExceeded)]
        public async Task EachEc2ErrorCodeHasItsOwnIdKindAndHint(string code, string id, ErrorKind kind)
        {
            emulator.State.Faults.FailNext("DescribeInstances", 5, code);
            var e = await Fails(connection);
            Assert.Equal(id, e.ErrorId);
            Assert.Equal(kind, e.Kind);
            Assert.False(string.IsNullOrWhiteSpace(e.Hint));
            Assert.Contains("DescribeInstances", e.Message);
            Assert.Equal("i-0123456789abcdef0", e.Target);
            Assert.IsAssignableFrom<Amazon.Runtime.AmazonServiceException>(e.InnerException);
        }

        [Fact]
        public async Task RequestExpiredNamesBothCausesExpiredCredentialsAndTheClock()
        {
            emulator.State.Faults.FailNext("DescribeInstances", 5, "RequestExpired");
            var e = await Fails(connection);
            Assert.Equal(ErrorIds.AwsAuthFailure, e.ErrorId);
            Assert.Contains("15 minutes", e.Hint);
            Assert.Contains("clock", e.Hint);
            Assert.Contains("expired", e.Hint);
        }

        [Fact]
        public async Task SustainedThrottlingSaysHowLongTheSdkRetried()
        {
            emulator.State.Faults.FailNext("DescribeInstances", 100, "RequestLimitExceeded");
            var e = await Fails(Connect(emulator.ServiceUrl.ToString(), retries: 2));
            Assert.Equal(ErrorIds.AwsThrottled, e.ErrorId);
            Assert.Matches(@"giving up after [\d.]+ s of retries", e.Message);
            Assert.Equal(3, emulator.State.Count("DescribeInstances"));
        }

        [Fact]
        public async Task AnUnknownCodeIsARefusedRequestWithTheCodeAndAPointerToTheReference()
        {
            emulator.State.Faults.FailNext("DescribeInstances", 1, "InvalidSubnetID.NotFound");
            var e = await Fails(connection);
            Assert.Equal(ErrorIds.AwsRequestFailed, e.ErrorId);
            Assert.Contains("InvalidSubnetID.NotFound", e.Message);
            Assert.Contains("errors-overview", e.Hint);
        }

        [Fact]
        public async Task AnEndpointNobodyListensOnIsUnreachableAndNamed()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var url = $"http://127.0.0.1:{port}/";

            var e = await Fails(Connect(url));
            Assert.Equal(ErrorIds.AwsEndpointUnreachable, e.ErrorId);
            Assert.Equal(ErrorKind.Connection, e.Kind);
            Assert.Contains(url, e.Message);
        }

        [Fact]
        public async Task AnEndpointThatDropsEveryConnectionIsUnreachableAndNamed()
        {
            emulator.State.Faults.FailNext("*", 1000, "ConnectionReset");
            var e = await Fails(connection);
            Assert.Equal(ErrorIds.AwsEndpointUnreachable, e.ErrorId);
            Assert.Contains(emulator.ServiceUrl.ToString(), e.Message);
        }

        [Fact]
        public async Task TheCallersOwnCancellationIsNotAnError()
        {
            using var ec2 = connection.CreateEc2Client();
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                AwsCall.RunAsync(ec2, "DescribeInstances", null, () => ec2.DescribeInstancesAsync(new DescribeInstancesRequest(), cancel.Token), cancel.Token));
        }

        [Theory]
        [InlineData("us east 1!", "is not an AWS region name", "us-east-1")]
        [InlineData("us-eest-1", "is not a region the AWS SDK knows", "us-east-1")]
        [InlineData("eu-wset-1", "is not a region the AWS SDK knows", "eu-west-1")]
        public void AWrongRegionFailsAtOnceWithADidYouMean(string region, string says, string suggestion)
        {
            var e = Assert.Throws<CloudComposeException>(() => AwsConnection.Resolve(new AwsConnectionOptions { Region = region, Keys = new AwsKeys("AKIDTEST", "secret") }));
            Assert.Equal(ErrorIds.AwsRegionInvalid, e.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(says, e.Message);
            Assert.Contains("-Region", e.Message);
            Assert.Contains($"Did you mean {suggestion}?", e.Hint);
            Assert.Equal("Region", e.Target);
        }

        [Theory]
        [InlineData("us-east-1")]
        [InlineData("cn-north-1")]
        [InlineData("us-gov-west-1")]
        [InlineData("eusc-de-east-1")]
        public void TheSdksOwnRegionsAreAccepted(string region) =>
            Assert.Equal(region, AwsConnection.Resolve(new AwsConnectionOptions { Region = region, Keys = new AwsKeys("AKIDTEST", "secret") }).Region);

        [Fact]
        public void AnUnknownButWellFormedRegionIsAcceptedWithAnExplicitEndpoint() =>
            Assert.Equal("nz-newplace-7", AwsConnection.Resolve(new AwsConnectionOptions { Region = "nz-newplace-7", EndpointUrl = "http://127.0.0.1:1/", Keys = new AwsKeys("AKIDTEST", "secret") }).Region);
    }
}
