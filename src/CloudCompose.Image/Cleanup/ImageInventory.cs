using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;
using Ec2Image = Amazon.EC2.Model.Image;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// The read side shared by Get-CloudComposeImage and the retirement: list the account's tagged images with
    /// server-side filters, then find what uses them in one batched pass (never one call per image).
    /// </summary>
    internal sealed class ImageInventory
    {
        /// <summary>EC2 accepts at most 200 values in one filter.</summary>
        internal const int FilterValueLimit = 200;

        /// <summary>DescribeImageReferences takes at most 10 image ids.</summary>
        internal const int ReferenceBatch = 10;

        /// <summary>An instance in one of these states was launched from the image and may be started or scaled again.</summary>
        internal static readonly IReadOnlyList<string> UsingStates = new[] { "pending", "running", "stopping", "stopped" };

        private const int Parallelism = 4;

        private readonly IAmazonEC2 ec2;
        private readonly string region;

        public ImageInventory(IAmazonEC2 ec2, string region)
        {
            this.ec2 = ec2;
            this.region = region;
        }

        /// <summary>DescribeImages (owned by self, tagged ImageName, disabled included), newest first per name+version.</summary>
        public async Task<List<ImageInfo>> ListAsync(ImageQuery query, CancellationToken cancellationToken)
        {
            var filters = new List<Filter>();
            var names = query.Names.Where(n => !string.IsNullOrEmpty(n)).ToList();
            var versions = query.Versions.Where(v => !string.IsNullOrEmpty(v)).ToList();
            var literal = query.Literal;
            filters.Add(names.Count > 0 && (literal || names.All(Wildcard.ServerSide))
                ? new Filter("tag:" + BuildTags.ImageName, names.Select(n => literal ? Wildcard.Escape(n) : n).ToList())
                : new Filter("tag-key", new List<string> { BuildTags.ImageName }));
            if (versions.Count > 0 && (literal || versions.All(Wildcard.ServerSide)))
            {
                filters.Add(new Filter("tag:" + BuildTags.ImageVersion, versions.Select(v => literal ? Wildcard.Escape(v) : v).ToList()));
            }

            var found = new List<Ec2Image>();
            if (query.ImageIds.Count > 0)
            {
                // A filter, not ImageIds: one unknown id must not fail the whole listing.
                foreach (var chunk in Chunk(query.ImageIds.Distinct().ToList(), FilterValueLimit))
                {
                    found.AddRange(await DescribeAsync(filters.Concat(new[] { new Filter("image-id", chunk) }).ToList(), cancellationToken).ConfigureAwait(false));
                }
            }
            else
            {
                found.AddRange(await DescribeAsync(filters, cancellationToken).ConfigureAwait(false));
            }

            var images = found
                .GroupBy(i => i.ImageId, StringComparer.Ordinal).Select(g => g.First())
                .Select(i => ImageInfoFactory.FromImage(i, region))
                .Where(i => !string.IsNullOrEmpty(i.Name))
                .Where(i => names.Count == 0 || names.Any(n => literal ? n == i.Name : Wildcard.Matches(n, i.Name)))
                .Where(i => versions.Count == 0 || versions.Any(v => literal ? v == i.Version : Wildcard.Matches(v, i.Version)))
                .ToList();
            return Sort(images);
        }

        /// <summary>Owned images by id, tagged or not, disabled and deprecated ones included (an unknown id is just absent).</summary>
        public async Task<List<ImageInfo>> ImagesByIdAsync(IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
        {
            var result = new List<ImageInfo>();
            foreach (var chunk in Chunk(imageIds.Distinct().ToList(), FilterValueLimit))
            {
                var images = await DescribeAsync(new List<Filter> { new Filter("image-id", chunk) }, cancellationToken).ConfigureAwait(false);
                result.AddRange(images.Select(i => ImageInfoFactory.FromImage(i, region)));
            }

            return result;
        }

        /// <summary>Every owned image (tagged or not) that has one of these snapshots.</summary>
        public async Task<List<ImageInfo>> ImagesWithSnapshotsAsync(IReadOnlyList<string> snapshotIds, CancellationToken cancellationToken)
        {
            var result = new List<ImageInfo>();
            foreach (var chunk in Chunk(snapshotIds, FilterValueLimit))
            {
                var images = await DescribeAsync(new List<Filter> { new Filter("block-device-mapping.snapshot-id", chunk) }, cancellationToken).ConfigureAwait(false);
                result.AddRange(images.Select(i => ImageInfoFactory.FromImage(i, region)));
            }

            return result;
        }

        /// <summary>
        /// Fills InUse and UsedBy: instances in pending/running/stopping/stopped launched from the images, and the
        /// default and latest version of every launch template (what a launch uses unless it names a version).
        /// Older versions an Auto Scaling group may pin are EC2's to find: DescribeImageReferences, asked for every
        /// version (<see cref="ReferenceScope"/>), checks each removal candidate, so this pass need not read every
        /// version of every template, one call per template.
        /// </summary>
        public async Task FillUsageAsync(IReadOnlyList<ImageInfo> images, CancellationToken cancellationToken)
        {
            if (images.Count == 0)
            {
                return;
            }

            var ids = new HashSet<string>(images.Select(i => i.ImageId), StringComparer.Ordinal);
            var users = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
            var instanceTask = InstanceUsersAsync(ids.ToList(), cancellationToken);
            var templateTask = LaunchTemplateUsersAsync(ids, cancellationToken);
            foreach (var (imageId, user) in (await instanceTask.ConfigureAwait(false)).Concat(await templateTask.ConfigureAwait(false)))
            {
                users[imageId].Add(user);
            }

            foreach (var image in images)
            {
                var list = users[image.ImageId];
                image.UsedBy = list;
                image.InUse = list.Count > 0;
            }
        }

        /// <summary>DescribeImageReferences (10 ids a call, <see cref="ReferenceScope"/>): instances, launch templates, SSM parameters, Image Builder recipes.</summary>
        public async Task<Dictionary<string, List<string>>> ReferencesAsync(IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var pages = await ForEachAsync(Chunk(imageIds, ReferenceBatch).ToList(), chunk => Call("DescribeImageReferences", string.Join(",", chunk), async () =>
            {
                var request = ReferenceScope.Request(chunk);
                var list = new List<ImageReference>();
                await foreach (var reference in ec2.Paginators.DescribeImageReferences(request).ImageReferences.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(reference);
                }

                return list;
            }), cancellationToken).ConfigureAwait(false);
            foreach (var reference in pages.SelectMany(p => p))
            {
                if (!result.TryGetValue(reference.ImageId, out var users))
                {
                    result[reference.ImageId] = users = new List<string>();
                }

                users.Add($"{reference.ResourceType?.Value ?? "reference"} {reference.Arn}");
            }

            return result;
        }

        /// <summary>DescribeImageAttribute launchPermission: the accounts, organizations and groups the image is shared with.</summary>
        public async Task<List<string>> LaunchPermissionsAsync(string imageId, CancellationToken cancellationToken)
        {
            var response = await Call("DescribeImageAttribute", imageId, () => ec2.DescribeImageAttributeAsync(
                new DescribeImageAttributeRequest { ImageId = imageId, Attribute = ImageAttributeName.LaunchPermission }, cancellationToken)).ConfigureAwait(false);
            return (response.ImageAttribute?.LaunchPermissions ?? new List<LaunchPermission>())
                .Select(p => p.UserId ?? p.Group?.Value ?? p.OrganizationArn ?? p.OrganizationalUnitArn)
                .Where(s => !string.IsNullOrEmpty(s))
                .Select(s => s!)
                .ToList();
        }

        public static List<ImageInfo> Sort(IEnumerable<ImageInfo> images) =>
            images.GroupBy(i => (i.Name, i.Version))
                .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
                .SelectMany(g => RetirementPlanner.NewestFirst(g))
                .ToList();

        internal static IEnumerable<List<string>> Chunk(IReadOnlyList<string> ids, int size)
        {
            for (var i = 0; i < ids.Count; i += size)
            {
                yield return ids.Skip(i).Take(size).ToList();
            }
        }

        private Task<List<Ec2Image>> DescribeAsync(List<Filter> filters, CancellationToken cancellationToken) =>
            Call("DescribeImages", null, async () =>
            {
                var request = new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = filters,
                    IncludeDisabled = true,
                    MaxResults = 1000,
                };
                var list = new List<Ec2Image>();
                await foreach (var image in ec2.Paginators.DescribeImages(request).Images.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(image);
                }

                return list;
            });

        /// <summary>
        /// Up to this many chunks of 200 image ids are asked with an image-id filter; past that, one scan of the
        /// instances in the using states costs fewer calls (1,000 instances a page, however many images).
        /// </summary>
        internal const int ChunkedInstanceQueries = 10;

        private async Task<List<(string ImageId, string User)>> InstanceUsersAsync(List<string> imageIds, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<string>(imageIds, StringComparer.Ordinal);
            var chunks = Chunk(imageIds, FilterValueLimit).ToList();
            var queries = chunks.Count > ChunkedInstanceQueries
                ? new List<List<Filter>> { new List<Filter> { new Filter("instance-state-name", UsingStates.ToList()) } }
                : chunks.Select(chunk => new List<Filter> { new Filter("image-id", chunk), new Filter("instance-state-name", UsingStates.ToList()) }).ToList();
            var results = await ForEachAsync(queries, filters => Call("DescribeInstances", null, async () =>
            {
                var list = new List<(string, string)>();
                await foreach (var reservation in ec2.Paginators.DescribeInstances(new DescribeInstancesRequest { Filters = filters, MaxResults = 1000 }).Reservations.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var instance in reservation.Instances ?? new List<Instance>())
                    {
                        if (instance.ImageId != null && wanted.Contains(instance.ImageId))
                        {
                            list.Add((instance.ImageId, $"{instance.InstanceId} ({instance.State?.Name?.Value})"));
                        }
                    }
                }

                return list;
            }), cancellationToken).ConfigureAwait(false);
            return results.SelectMany(r => r).ToList();
        }

        /// <summary>The $Default and $Latest version of every launch template in one account-wide listing (aliases resolved).</summary>
        private Task<List<(string ImageId, string User)>> LaunchTemplateUsersAsync(HashSet<string> imageIds, CancellationToken cancellationToken) =>
            Call("DescribeLaunchTemplateVersions", null, async () =>
            {
                var request = new DescribeLaunchTemplateVersionsRequest { Versions = new List<string> { "$Latest", "$Default" }, ResolveAlias = true, MaxResults = 200 };
                var list = new List<(string, string)>();
                var seen = new HashSet<(string?, long?)>();
                await foreach (var version in ec2.Paginators.DescribeLaunchTemplateVersions(request).LaunchTemplateVersions.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    var imageId = version.LaunchTemplateData?.ImageId;
                    if (imageId != null && imageIds.Contains(imageId) && seen.Add((version.LaunchTemplateId, version.VersionNumber)))
                    {
                        list.Add((imageId, $"{version.LaunchTemplateId}:{version.VersionNumber} ({version.LaunchTemplateName})"));
                    }
                }

                return list;
            });

        private static async Task<List<TResult>> ForEachAsync<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> work, CancellationToken cancellationToken)
        {
            using var gate = new SemaphoreSlim(Parallelism);
            var tasks = items.Select(async item =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await work(item).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            return (await Task.WhenAll(tasks).ConfigureAwait(false)).ToList();
        }

        internal static async Task<T> Call<T>(string action, string? target, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, action, target);
            }
        }
    }
}
