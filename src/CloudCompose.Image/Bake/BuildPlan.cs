using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>Everything decided before a bake calls a mutating API; -WhatIf shows exactly this.</summary>
    public sealed class BuildPlan
    {
        internal BuildPlan(ImageConfig config, UserDataScript script, Amazon.EC2.Model.Image source, string region, string buildId, string token,
            string userData, string encodedUserData, bool compressed, IReadOnlyList<Tag> tags, RunInstancesRequest request, DateTime deadlineUtc)
        {
            Config = config;
            Script = script;
            SourceImage = source;
            Region = region;
            BuildId = buildId;
            Token = token;
            UserData = userData;
            EncodedUserData = encodedUserData;
            Compressed = compressed;
            Tags = tags;
            Request = request;
            DeadlineUtc = deadlineUtc;
        }

        public ImageConfig Config { get; }

        public UserDataScript Script { get; }

        public Amazon.EC2.Model.Image SourceImage { get; }

        public string Region { get; }

        public string BuildId { get; }

        /// <summary>The random token the builder's result marker must carry.</summary>
        public string Token { get; }

        /// <summary>The wrapped script as the builder receives it (before gzip/base64).</summary>
        public string UserData { get; }

        public string EncodedUserData { get; }

        public bool Compressed { get; }

        public IReadOnlyList<Tag> Tags { get; }

        public RunInstancesRequest Request { get; }

        public DateTime DeadlineUtc { get; }

        /// <summary>image.test's wrapped script; null when there is no test (or -SkipTest).</summary>
        public TestPlan? Test { get; internal set; }

        /// <summary>What decides the image; its value is tagged on the image and its snapshots.</summary>
        public BuildFingerprint? Fingerprint { get; internal set; }

        /// <summary>An existing image to return instead of building (Reuse.Image), or why there is none.</summary>
        public ReuseDecision? Reuse { get; internal set; }

        public string Describe() => Reuse?.Image is { } existing
            ? $"reuse {existing.ImageId} ({existing.Name}, built {ImageReuse.Age(DateTime.UtcNow - (ImageInfoFactory.ParseTime(existing.CreationDate) ?? DateTime.UtcNow))} ago; fingerprint {Fingerprint?.Short}) instead of building"
            : DescribeBuild() + (Reuse != null ? $"; {Reuse.Reason}" : string.Empty);

        private string DescribeBuild() =>
            $"launch a {Request.InstanceType?.Value} builder{(Config.Aws.InstanceTypes.Count > 1 ? $" (else {string.Join(", then ", Config.Aws.InstanceTypes.Skip(1))})" : string.Empty)} from {SourceImage.ImageId} ({SourceImage.Name}) in {Config.Aws.Subnet}, {Region}, " +
            $"run image.sh ({Script.Files.Count} template file(s), {UserData.Length} bytes of user data{(Compressed ? ", gzipped" : string.Empty)}), " +
            $"then create an image named {Config.Name}_{Config.Version}_<timestamp>" +
            (Test != null ? $", test it with {Config.Test?.Script} on a {Test.InstanceType} instance" : string.Empty) +
            (Config.Publish.SsmParameters.Count > 0 ? $", set SSM parameter {string.Join(", ", Config.Publish.SsmParameters)}" : string.Empty) +
            (Config.Publish.LaunchTemplates.Count > 0 ? $", make a new default version of launch template {string.Join(", ", Config.Publish.LaunchTemplates)}" : string.Empty);
    }
}
