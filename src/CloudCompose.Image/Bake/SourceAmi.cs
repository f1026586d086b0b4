using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Bake
{
    /// <summary>Finds the image a builder starts from: an id, or the newest image matching a name filter.</summary>
    internal static class SourceAmi
    {
        public static async Task<Amazon.EC2.Model.Image> ResolveAsync(IAmazonEC2 ec2, ImageConfig config, string region, CancellationToken cancellationToken)
        {
            var ami = config.Aws.Ami;
            var request = ami.IsFilter
                ? new DescribeImagesRequest
                {
                    Owners = ami.Owners.Count > 0 ? ami.Owners.ToList() : null,
                    Filters = new List<Filter> { new Filter("name", new List<string> { ami.NamePattern! }), new Filter("state", new List<string> { "available" }) },
                }
                : new DescribeImagesRequest { ImageIds = new List<string> { ami.ImageId! } };

            List<Amazon.EC2.Model.Image> found;
            try
            {
                var response = await ec2.DescribeImagesAsync(request, cancellationToken).ConfigureAwait(false);
                found = response.Images ?? new List<Amazon.EC2.Model.Image>();
            }
            catch (AmazonEC2Exception e) when (e.ErrorCode is "InvalidAMIID.NotFound" or "InvalidAMIID.Unavailable")
            {
                found = new List<Amazon.EC2.Model.Image>();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw AwsErrors.From(e, "DescribeImages", ami.ToString());
            }

            var newest = found
                .Where(i => !ami.IsFilter || i.State == ImageState.Available)
                .OrderByDescending(i => i.CreationDate, StringComparer.Ordinal)
                .FirstOrDefault();
            if (newest == null)
            {
                throw Error(ErrorIds.SourceAmiNotFound, ErrorKind.NotFound, config, $"no image {ami} exists in {region}.",
                    "AMI ids belong to one region: check -Region / AWS_REGION, or copy the AMI to this region. " +
                    "With Allowed AMIs enabled, images outside the account's criteria are not visible at all (aws ec2 get-allowed-images-settings shows them).");
            }

            if (newest.State != ImageState.Available)
            {
                throw Error(ErrorIds.SourceAmiNotFound, ErrorKind.ResourceUnavailable, config, $"{newest.ImageId} is {newest.State}, not available.", null);
            }

            if (newest.ImageAllowed == false)
            {
                // EC2 shows imageAllowed=false only in audit mode (enabled mode hides such images): the account's
                // administrators have said this base will not be allowed, so nothing is baked on it.
                throw Error(ErrorIds.SourceAmiNotAllowed, ErrorKind.PermissionDenied, config,
                    $"{newest.ImageId} ({newest.Name}, owner {newest.OwnerId}) does not meet this account's Allowed AMIs criteria in {region}: DescribeImages says imageAllowed is false.",
                    "Allowed AMIs is in audit mode, where the image still launches, but once it is enabled nothing can launch from it. " +
                    "Bake on an image from an allowed provider (aws ec2 get-allowed-images-settings lists the criteria), or have the criteria changed to allow this one.");
            }

            return newest;
        }

        /// <summary>An error at the image.aws.ami line of the config.</summary>
        private static CloudComposeException Error(string errorId, ErrorKind kind, ImageConfig config, string problem, string? hint)
        {
            var where = config.LocationOf("image.aws.ami");
            return new CloudComposeException(errorId, kind, $"{where}: image.aws.ami: {problem}", config.FilePath)
            {
                Line = where.Line,
                Column = where.Column,
                Hint = hint,
            };
        }
    }
}
