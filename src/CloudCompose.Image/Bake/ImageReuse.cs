using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Configuration;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Skips a build when nothing changed: the newest available image of the same name, version and fingerprint is
    /// returned instead, unless -Force, or -MaxAge says it is too old. Images whose test failed (kept disabled by
    /// -KeepFailedImage) and deprecated images are never reused.
    /// </summary>
    internal static class ImageReuse
    {
        /// <summary>
        /// Every available image of the account that carries a fingerprint, in one listing for all builds of a command
        /// (the caller shares it), so a hundred configs cost one DescribeImages rather than a hundred.
        /// </summary>
        public static async Task<List<Amazon.EC2.Model.Image>> FingerprintedImagesAsync(IAmazonEC2 ec2, CancellationToken cancellationToken)
        {
            var request = new DescribeImagesRequest
            {
                Owners = new List<string> { "self" },
                Filters = new List<Filter>
                {
                    new Filter("tag-key", new List<string> { BuildFingerprint.TagKey }),
                    new Filter("state", new List<string> { "available" }),
                },
                MaxResults = 1000,
            };
            var found = new List<Amazon.EC2.Model.Image>();
            do
            {
                var page = await ec2.DescribeImagesAsync(request, cancellationToken).ConfigureAwait(false);
                found.AddRange(page.Images ?? new List<Amazon.EC2.Model.Image>());
                request.NextToken = page.NextToken;
            }
            while (!string.IsNullOrEmpty(request.NextToken));
            return found;
        }

        public static ReuseDecision Decide(IEnumerable<Amazon.EC2.Model.Image> images, ImageConfig config, string fingerprint, bool force, TimeSpan? maxAge, DateTime utcNow)
        {
            var newest = images
                .Where(i => BuildTags.Value(i.Tags, BuildTags.ImageName) == config.Name
                    && BuildTags.Value(i.Tags, BuildTags.ImageVersion) == config.Version
                    && BuildTags.Value(i.Tags, BuildFingerprint.TagKey) == fingerprint
                    && i.State == ImageState.Available
                    && BuildTags.Value(i.Tags, ImageTestRun.ResultTag) != "failed"
                    && !(ImageInfoFactory.ParseTime(i.DeprecationTime) is { } deprecated && deprecated <= utcNow))
                .OrderByDescending(i => ImageInfoFactory.ParseTime(i.CreationDate) ?? DateTime.MinValue)
                .FirstOrDefault();
            var shortPrint = BuildFingerprint.ShortOf(fingerprint);
            if (newest == null)
            {
                return new ReuseDecision(null, $"no image of {config.Name}:{config.Version} has fingerprint {shortPrint} yet");
            }

            var age = utcNow - (ImageInfoFactory.ParseTime(newest.CreationDate) ?? utcNow);
            var ago = Age(age);
            var built = $"{newest.ImageId} built {ago} ago";
            if (force)
            {
                return new ReuseDecision(null, $"{built} has the same fingerprint {shortPrint}; building anyway (-Force)", ago);
            }

            if (maxAge is { } limit && age > limit)
            {
                return new ReuseDecision(null, $"{built} has the same fingerprint {shortPrint} but is older than -MaxAge {Age(limit)}", ago);
            }

            return new ReuseDecision(newest, $"unchanged: reusing {built}", ago);
        }

        /// <summary>3d, 5h, 12m: an age as people say it.</summary>
        public static string Age(TimeSpan age)
        {
            if (age < TimeSpan.Zero)
            {
                age = TimeSpan.Zero;
            }

            return age.TotalDays >= 1 ? ((int)age.TotalDays).ToString(CultureInfo.InvariantCulture) + "d"
                : age.TotalHours >= 1 ? ((int)age.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
                : ((int)Math.Max(1, age.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + "m";
        }
    }
}
