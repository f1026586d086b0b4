using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.EC2.Model;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Rendering;

namespace CloudCompose.Image.Bake
{
    /// <summary>Everything decided before a bake calls a mutating API; -WhatIf shows exactly this.</summary>
    internal sealed class BuildPlan
    {
        private BuildPlan(ImageConfig config, UserDataScript script, Amazon.EC2.Model.Image source, string region, string buildId, string token,
            string userData, bool compressed, IReadOnlyList<Tag> tags, RunInstancesRequest request, DateTime deadlineUtc)
        {
            Config = config;
            Script = script;
            SourceImage = source;
            Region = region;
            BuildId = buildId;
            Token = token;
            UserData = userData;
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

        public bool Compressed { get; }

        public IReadOnlyList<Tag> Tags { get; }

        public RunInstancesRequest Request { get; }

        /// <summary>In EC2's clock: the CloudComposeDeadline tag, and when the builder's watchdog shuts it down.</summary>
        public DateTime DeadlineUtc { get; }

        /// <summary>True when the builder runs the wrapper (and so has a watchdog); -NoTemplate sends a bare shutdown.</summary>
        public bool HasWatchdog { get; private set; }

        /// <summary>image.test's wrapped script; null when there is no test (or -SkipTest).</summary>
        public TestPlan? Test { get; internal set; }

        /// <summary>What decides the image; its value is tagged on the image and its snapshots.</summary>
        public BuildFingerprint? Fingerprint { get; internal set; }

        /// <summary>An existing image to return instead of building (Reuse.Image), or why there is none.</summary>
        public ReuseDecision? Reuse { get; internal set; }

        internal static BuildPlan Create(ImageConfig config, UserDataScript script, Amazon.EC2.Model.Image source, string region, string buildId, string token,
            DateTime deadlineUtc, BakeOptions options, BuildFingerprint? fingerprint = null)
        {
            var deadline = WholeSeconds(deadlineUtc);
            var userData = options.NoTemplate ? script.UserData : UserDataWrapper.Wrap(script.Script, token, deadline, options.Timeout, config.Hygiene);
            var encoded = UserDataWrapper.Encode(userData, config.FilePath, out var compressed);
            var tags = BuildTags.For(config, buildId, deadline);
            if (fingerprint != null)
            {
                tags.Add(new Tag(BuildFingerprint.TagKey, fingerprint.Value));
            }

            var request = BuilderLaunch.Request(config, source, encoded, tags, "cc-" + buildId);
            return new BuildPlan(config, script, source, region, buildId, token, userData, compressed, tags, request, deadline)
            {
                HasWatchdog = !options.NoTemplate,
                Fingerprint = fingerprint,
            };
        }

        /// <summary>The same build with its deadline fixed at launch (EC2's now plus the timeout).</summary>
        internal BuildPlan WithDeadline(DateTime deadlineUtc, BakeOptions options)
        {
            var plan = Create(Config, Script, SourceImage, Region, BuildId, Token, deadlineUtc, options, Fingerprint);
            plan.Test = Test;
            plan.Reuse = Reuse;
            return plan;
        }

        /// <summary>Whole seconds: a deadline tag and the wrapper's epoch must name the same instant.</summary>
        internal static DateTime WholeSeconds(DateTime utc) => new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

        /// <param name="afterBuild">What the caller adds to a build's description (its time limit, what follows it), before why it builds.</param>
        public string Describe(string? afterBuild = null) => Reuse?.Image is { } existing
            ? $"reuse {existing.ImageId} ({existing.Name}, built {Reuse.BuiltAgo} ago; fingerprint {Fingerprint?.Short}) instead of building"
            : DescribeBuild() + afterBuild + (Reuse != null ? $"; {Reuse.Reason}" : string.Empty);

        private string DescribeBuild() =>
            $"launch a {Request.InstanceType?.Value} builder{(Config.Aws.InstanceTypes.Count > 1 ? $" (else {string.Join(", then ", Config.Aws.InstanceTypes.Skip(1))})" : string.Empty)} from {SourceImage.ImageId} ({SourceImage.Name}) in {Config.Aws.Subnet}, {Region}, " +
            $"run image.sh ({Script.Files.Count} template file(s), {UserData.Length} bytes of user data{(Compressed ? ", gzipped" : string.Empty)}), " +
            $"then create an image named {Config.Name}_{Config.Version}_<timestamp>" +
            (Test != null ? $", test it with {Config.Test?.Script} on a {Test.InstanceType} instance" : string.Empty) +
            (Config.Publish.SsmParameters.Count > 0 ? $", set SSM parameter {string.Join(", ", Config.Publish.SsmParameters)}" : string.Empty) +
            (Config.Publish.LaunchTemplates.Count > 0 ? $", make a new default version of launch template {string.Join(", ", Config.Publish.LaunchTemplates)}" : string.Empty);
    }
}
