using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using SsmTag = Amazon.SimpleSystemsManagement.Model.Tag;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// image.publish: points SSM parameters and launch templates at a new (tested) image, in every region it exists in.
    /// Targets are published one after the other and each stands alone: a failed one is reported and the others — those
    /// before it included — stay as they are.
    /// </summary>
    public sealed class ImagePublisher
    {
        public const string SsmParameterKind = "SsmParameter";
        public const string LaunchTemplateKind = "LaunchTemplate";

        private readonly AwsConnection connection;
        private readonly IBuildObserver observer;

        public ImagePublisher(AwsConnection connection, IBuildObserver observer)
        {
            this.connection = connection;
            this.observer = observer;
        }

        /// <summary>How long to wait between looks at a parameter's history; short first, since validation takes seconds to minutes.</summary>
        internal static Func<int, TimeSpan> PollInterval { get; set; } = attempt => TimeSpan.FromSeconds(Math.Min(10, 1 << Math.Min(attempt, 4)));

        /// <param name="images">Region → image id: the build's region first, then its copies.</param>
        public async Task<IReadOnlyList<PublishedTarget>> PublishAsync(
            ImageConfig config, string imageName, IReadOnlyList<KeyValuePair<string, string>> images, BakeOptions options, CancellationToken cancellationToken)
        {
            var results = new List<PublishedTarget>();
            foreach (var image in images)
            {
                if (config.Publish.SsmParameters.Count > 0)
                {
                    using var ssm = SsmClients.Create(connection, image.Key);
                    foreach (var name in config.Publish.SsmParameters)
                    {
                        results.Add(await Target(SsmParameterKind, image, name, t => PutParameterAsync(ssm, config, imageName, t, options, cancellationToken)).ConfigureAwait(false));
                    }
                }

                if (config.Publish.LaunchTemplates.Count > 0)
                {
                    using var ec2 = connection.CreateEc2Client(image.Key);
                    foreach (var name in config.Publish.LaunchTemplates)
                    {
                        results.Add(await Target(LaunchTemplateKind, image, name, t => NewDefaultVersionAsync(ec2, imageName, t, cancellationToken)).ConfigureAwait(false));
                    }
                }
            }

            return results;
        }

        /// <summary>The error a failed target is reported with.</summary>
        public static CloudComposeException Failure(PublishedTarget target) =>
            new CloudComposeException(ErrorIds.ImagePublishFailed, ErrorKind.InvalidOperation,
                $"Publishing {target.ImageId} to {Describe(target)} failed: {target.Error}", target.Name)
            {
                Hint = target.Kind == SsmParameterKind
                    ? $"The image is available and tested; publish it by hand with: aws ssm put-parameter --region {target.Region} --name {target.Name} --data-type aws:ec2:image --type String --overwrite --value {target.ImageId}"
                    : $"The image is available and tested; publish it by hand with: aws ec2 create-launch-template-version --region {target.Region} --launch-template-name {target.Name} --source-version '$Default' --launch-template-data ImageId={target.ImageId}, then modify-launch-template --default-version.",
            };

        private static string Describe(PublishedTarget t) =>
            (t.Kind == SsmParameterKind ? "SSM parameter " : "launch template ") + $"{t.Name} in {t.Region}";

        private async Task<PublishedTarget> Target(string kind, KeyValuePair<string, string> image, string name, Func<PublishedTarget, Task> publish)
        {
            var target = new PublishedTarget { Kind = kind, Region = image.Key, Name = name, ImageId = image.Value };
            try
            {
                await publish(target).ConfigureAwait(false);
                target.Succeeded = true;
                observer.Verbose($"Published {image.Value} to {Describe(target)} (version {target.Version}; before: {target.Previous ?? "none"}).");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                target.Error = e is AmazonServiceException service ? $"{service.ErrorCode}: {service.Message}" : e.Message;
                observer.Warning($"Could not publish {image.Value} to {Describe(target)}: {target.Error}");
            }

            return target;
        }

        /// <summary>
        /// Creates the parameter tagged (PutParameter refuses tags with Overwrite), or overwrites it and then re-tags it,
        /// and waits until Parameter Store has validated the new version: until then readers still get the old value.
        /// </summary>
        private async Task PutParameterAsync(IAmazonSimpleSystemsManagement ssm, ImageConfig config, string imageName, PublishedTarget target, BakeOptions options, CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.PublishTimeout);
            var tags = new List<SsmTag> { new SsmTag { Key = BuildTags.ImageName, Value = config.Name }, new SsmTag { Key = BuildTags.ImageVersion, Value = config.Version } };
            var request = new PutParameterRequest
            {
                Name = target.Name,
                Value = target.ImageId,
                Type = ParameterType.String,
                DataType = "aws:ec2:image",
                Description = $"{imageName} image published by cloud-compose.",
                Overwrite = false,
                Tags = tags,
            };
            var overwrote = false;
            long version;
            try
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        version = (await ssm.PutParameterAsync(request, deadline.Token).ConfigureAwait(false)).Version ?? 0;
                        break;
                    }
                    catch (ParameterAlreadyExistsException) when (!overwrote)
                    {
                        request.Overwrite = true;
                        request.Tags = null;
                        overwrote = true;
                    }
                    catch (TooManyUpdatesException)
                    {
                        // Another version of this parameter is still validating: "try again" once it is done.
                        await Task.Delay(PollInterval(attempt++), deadline.Token).ConfigureAwait(false);
                    }
                }

                observer.Verbose($"PutParameter: {target.Name} = {target.ImageId} in {target.Region}, version {version}; waiting for Parameter Store to validate it.");
                target.Version = version;
                target.Previous = await WaitForValidationAsync(ssm, target, version, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var current = await CurrentValueAsync(ssm, target.Name).ConfigureAwait(false);
                throw new TimeoutException(
                    $"Parameter Store did not validate version {target.Version?.ToString() ?? "(not created)"} = {target.ImageId} within {options.PublishTimeout}; the parameter still resolves to {current ?? "nothing (it does not exist)"}. " +
                    "It validates aws:ec2:image values with the caller's ec2:DescribeImages permission.");
            }

            if (overwrote)
            {
                await ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest { ResourceType = ResourceTypeForTagging.Parameter, ResourceId = target.Name, Tags = tags }, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <returns>The value of the version before ours, if any.</returns>
        private static async Task<string?> WaitForValidationAsync(IAmazonSimpleSystemsManagement ssm, PublishedTarget target, long version, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                await Task.Delay(PollInterval(attempt), cancellationToken).ConfigureAwait(false);
                List<ParameterHistory> history;
                try
                {
                    history = await HistoryAsync(ssm, target.Name, cancellationToken).ConfigureAwait(false);
                }
                catch (ParameterNotFoundException)
                {
                    // A new parameter is "not found" until its first version has validated.
                    continue;
                }

                var ours = history.FirstOrDefault(h => h.Version == version);
                if (ours != null)
                {
                    if (ours.Value != target.ImageId)
                    {
                        throw new InvalidOperationException($"version {version} holds {ours.Value}, not {target.ImageId}.");
                    }

                    return history.Where(h => h.Version < version).OrderBy(h => h.Version).LastOrDefault()?.Value;
                }

                if (history.Any(h => h.Version > version))
                {
                    throw new InvalidOperationException(
                        $"Parameter Store did not accept version {version} (its validation failed: the image must be available to this account in {target.Region}), and a later version has been written since.");
                }
            }
        }

        private static async Task<List<ParameterHistory>> HistoryAsync(IAmazonSimpleSystemsManagement ssm, string name, CancellationToken cancellationToken)
        {
            var all = new List<ParameterHistory>();
            string? next = null;
            do
            {
                var page = await ssm.GetParameterHistoryAsync(new GetParameterHistoryRequest { Name = name, MaxResults = 50, NextToken = next }, cancellationToken).ConfigureAwait(false);
                all.AddRange(page.Parameters ?? new List<ParameterHistory>());
                next = page.NextToken;
            }
            while (!string.IsNullOrEmpty(next));
            return all;
        }

        private static async Task<string?> CurrentValueAsync(IAmazonSimpleSystemsManagement ssm, string name)
        {
            try
            {
                using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                return (await HistoryAsync(ssm, name, brief.Token).ConfigureAwait(false)).OrderBy(h => h.Version).LastOrDefault()?.Value;
            }
            catch (Exception e) when (e is AmazonServiceException or OperationCanceledException)
            {
                return null;
            }
        }

        /// <summary>A new version from the current default with only the image changed, made the default.</summary>
        private async Task NewDefaultVersionAsync(IAmazonEC2 ec2, string imageName, PublishedTarget target, CancellationToken cancellationToken)
        {
            var templates = await ec2.DescribeLaunchTemplatesAsync(new DescribeLaunchTemplatesRequest { LaunchTemplateNames = new List<string> { target.Name } }, cancellationToken).ConfigureAwait(false);
            var template = templates.LaunchTemplates?.FirstOrDefault() ?? throw new InvalidOperationException($"there is no launch template {target.Name} in {target.Region}.");
            target.Previous = template.DefaultVersionNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var created = await ec2.CreateLaunchTemplateVersionAsync(new CreateLaunchTemplateVersionRequest
            {
                LaunchTemplateId = template.LaunchTemplateId,
                SourceVersion = "$Default",
                VersionDescription = $"{imageName} ({target.ImageId}) published by cloud-compose",
                LaunchTemplateData = new RequestLaunchTemplateData { ImageId = target.ImageId },
            }, cancellationToken).ConfigureAwait(false);
            var number = created.LaunchTemplateVersion.VersionNumber ?? 0;
            observer.Verbose($"CreateLaunchTemplateVersion: {target.Name} version {number} with {target.ImageId} in {target.Region}.");
            try
            {
                await ec2.ModifyLaunchTemplateAsync(new ModifyLaunchTemplateRequest
                {
                    LaunchTemplateId = template.LaunchTemplateId,
                    DefaultVersion = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException e)
            {
                throw new InvalidOperationException($"version {number} was made but could not become the default ({e.ErrorCode}: {e.Message}); the default is still version {target.Previous}.", e);
            }

            target.Version = number;
        }
    }
}
