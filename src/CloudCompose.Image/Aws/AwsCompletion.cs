using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.EC2.Model;
using Amazon.Runtime.CredentialManagement;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.Aws
{
    /// <summary>
    /// Values for tab completion, as plain strings. Completion must never fail or stall a prompt: every lookup
    /// answers an empty list on any error, and AWS lookups give up after a short timeout without retrying.
    /// </summary>
    internal static class AwsCompletion
    {
        /// <summary>How long a completion may wait for EC2.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

        /// <summary>The region names the SDK knows (all partitions), sorted.</summary>
        public static IReadOnlyList<string> RegionNames() => AwsRegions.Known;

        /// <summary>The profiles of the shared config and credentials files, through the SDK's own profile store.</summary>
        public static IReadOnlyList<string> ProfileNames()
        {
            try
            {
                return new CredentialProfileStoreChain().ListProfiles().Select(p => p.Name)
                    .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<string>();
            }
        }

        /// <summary>The ImageName tag values on this account's images and builders (DescribeTags), optionally starting with a prefix.</summary>
        public static async Task<IReadOnlyList<string>> ImageNamesAsync(AwsConnectionOptions options, string? prefix, TimeSpan timeout, CancellationToken cancellationToken)
        {
            return await Lookup(options, timeout, cancellationToken, async (ec2, token) =>
            {
                var filters = new List<Filter>
                {
                    new Filter("resource-type", new List<string> { "image", "instance" }),
                    new Filter("key", new List<string> { BuildTags.ImageName }),
                };
                if (!string.IsNullOrEmpty(prefix))
                {
                    filters.Add(new Filter("value", new List<string> { prefix + "*" }));
                }

                var names = new SortedSet<string>(StringComparer.Ordinal);
                string? next = null;
                var pages = 0;
                do
                {
                    var response = await ec2.DescribeTagsAsync(new DescribeTagsRequest { Filters = filters, MaxResults = 1000, NextToken = next }, token).ConfigureAwait(false);
                    foreach (var tag in response.Tags ?? new List<TagDescription>())
                    {
                        names.Add(tag.Value);
                    }

                    next = response.NextToken;
                }
                while (!string.IsNullOrEmpty(next) && ++pages < 10);
                return names.ToList();
            }).ConfigureAwait(false);
        }

        /// <summary>The ImageVersion tag values of this account's images named <paramref name="name"/> (DescribeImages), newest first.</summary>
        public static async Task<IReadOnlyList<string>> ImageVersionsAsync(AwsConnectionOptions options, string name, TimeSpan timeout, CancellationToken cancellationToken)
        {
            return await Lookup(options, timeout, cancellationToken, async (ec2, token) =>
            {
                var response = await ec2.DescribeImagesAsync(new DescribeImagesRequest
                {
                    Owners = new List<string> { "self" },
                    Filters = new List<Filter> { new Filter("tag:" + BuildTags.ImageName, new List<string> { name }) },
                }, token).ConfigureAwait(false);
                return (response.Images ?? new List<Amazon.EC2.Model.Image>())
                    .OrderByDescending(i => i.CreationDate, StringComparer.Ordinal)
                    .Select(i => BuildTags.Value(i.Tags, BuildTags.ImageVersion))
                    .Where(v => !string.IsNullOrEmpty(v))
                    .Select(v => v!)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
            }).ConfigureAwait(false);
        }

        private static async Task<IReadOnlyList<string>> Lookup(
            AwsConnectionOptions options,
            TimeSpan timeout,
            CancellationToken cancellationToken,
            Func<Amazon.EC2.IAmazonEC2, CancellationToken, Task<List<string>>> query)
        {
            try
            {
                // Completion never retries: a slow or failing endpoint must not stall the prompt.
                options.MaxErrorRetry = 0;
                var connection = AwsConnection.Resolve(options);
                using var ec2 = connection.CreateEc2Client(requestTimeout: timeout);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(timeout);
                var work = query(ec2, limit.Token);

                // The SDK may not observe the token while it resolves credentials or connects; never wait past the timeout.
                var finished = await Task.WhenAny(work, Task.Delay(timeout + TimeSpan.FromMilliseconds(250), CancellationToken.None)).ConfigureAwait(false);
                if (finished != work)
                {
                    _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);
                    return Array.Empty<string>();
                }

                return await work.ConfigureAwait(false);
            }
            catch (Exception)
            {
                return Array.Empty<string>();
            }
        }
    }
}
