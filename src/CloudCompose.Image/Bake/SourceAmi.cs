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
            var where = config.LocationOf("image.aws.ami");
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
                throw new CloudComposeException(
                    ErrorIds.SourceAmiNotFound,
                    ErrorKind.NotFound,
                    $"{where}: image.aws.ami: no image {ami} exists in {region}.",
                    config.FilePath)
                {
                    Line = where.Line,
                    Column = where.Column,
                    Hint = "AMI ids belong to one region: check -Region / AWS_REGION, or copy the AMI to this region.",
                };
            }

            if (newest.State != ImageState.Available)
            {
                throw new CloudComposeException(
                    ErrorIds.SourceAmiNotFound,
                    ErrorKind.ResourceUnavailable,
                    $"{where}: image.aws.ami: {newest.ImageId} is {newest.State}, not available.",
                    config.FilePath)
                { Line = where.Line, Column = where.Column };
            }

            return newest;
        }
    }
}
