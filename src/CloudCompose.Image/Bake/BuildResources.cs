using System;
using System.Collections.Generic;
using System.Linq;
using CloudCompose.Image.Aws;
using CloudCompose.Image.LeftBehind;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// What one build has made so far: the builder and every image (the main one and its copies). Each is written to
    /// the left-resources record as it is made, so a killed process leaves a trace the next run reports, and is
    /// forgotten there once removed or handed to the user as the result.
    /// </summary>
    internal sealed class BuildResources
    {
        private readonly AwsConnection connection;
        private readonly LeftResourceRecord? record;
        private readonly IBuildObserver observer;
        private bool recordFailed;

        public BuildResources(BuildPlan plan, AwsConnection connection, LeftResourceRecord? record, IBuildObserver observer)
        {
            Plan = plan;
            this.connection = connection;
            this.record = record;
            this.observer = observer;
        }

        public BuildPlan Plan { get; set; }

        public string? InstanceId { get; private set; }

        /// <summary>RunInstances was sent and never answered (cancelled, or the network failed): a builder may exist.</summary>
        public bool LaunchOutcomeUnknown { get; set; }

        public bool LaunchAttempted { get; private set; }

        public List<MadeImage> Images { get; } = new List<MadeImage>();

        public string? Console { get; set; }

        public string? LogPath { get; set; }

        public void LaunchStarting()
        {
            LaunchAttempted = true;
            LaunchOutcomeUnknown = true;
            Write(r => r.Track(LeftResourceRecord.Owned(Entry(LeftResource.InstanceKind, null, connection.Region))));
        }

        public void Launched(string instanceId)
        {
            InstanceId = instanceId;
            LaunchOutcomeUnknown = false;
            Write(r => r.Update(e => e.Kind == LeftResource.InstanceKind && e.Role == LeftResource.BuilderRole && e.BuildId == Plan.BuildId, e => e.Id = instanceId));
        }

        /// <summary>image.test's instance is about to be launched (the cleanup terminates it like the builder).</summary>
        public void TestLaunching() =>
            Write(r => r.Track(LeftResourceRecord.Owned(Entry(LeftResource.InstanceKind, null, connection.Region, LeftResource.TestRole))));

        public void TestLaunched(string instanceId) =>
            Write(r => r.Update(e => e.Kind == LeftResource.InstanceKind && e.Role == LeftResource.TestRole && e.BuildId == Plan.BuildId && e.Id == null, e => e.Id = instanceId));

        /// <summary>RunInstances answered with an error: nothing was launched.</summary>
        public void LaunchRefused()
        {
            LaunchOutcomeUnknown = false;
            Forget(LeftResource.InstanceKind, null, connection.Region);
        }

        public MadeImage ImageMade(string region, string imageId)
        {
            var made = new MadeImage(region, imageId);
            Images.Add(made);
            Write(r => r.Track(LeftResourceRecord.Owned(Entry(LeftResource.ImageKind, imageId, region))));
            return made;
        }

        /// <summary>CopyImage is about to be sent: until it answers, the copy may exist without its id (cleanup looks for it by tag).</summary>
        public MadeImage CopyStarting(string region)
        {
            var made = new MadeImage(region, null);
            Images.Add(made);
            return made;
        }

        public void CopyMade(MadeImage copy, string imageId)
        {
            copy.ImageId = imageId;
            Write(r => r.Track(LeftResourceRecord.Owned(Entry(LeftResource.ImageKind, imageId, copy.Region))));
        }

        /// <summary>Forgets this build's entries of a kind in a region: one resource by id, or (id null) all of them.</summary>
        public void Forget(string kind, string? id, string region) =>
            Write(r => r.Forget(e => e.Kind == kind && e.BuildId == Plan.BuildId && e.Region == region && (id == null || e.Id == null || e.Id == id)));

        /// <summary>The record's entries of this build are done with: the build succeeded and its cleanup finished.</summary>
        public void ForgetAll() => Write(r => r.Forget(e => e.BuildId == Plan.BuildId));

        public LeftResource Entry(string kind, string? id, string region, string role = LeftResource.BuilderRole)
        {
            var entry = new LeftResource
            {
                Kind = kind,
                Role = kind == LeftResource.InstanceKind ? role : null,
                Id = id,
                Region = region,
                Endpoint = connection.EndpointUrl,
                Account = connection.Account,
                Name = Plan.Config.Name,
                Version = Plan.Config.Version,
                BuildId = Plan.BuildId,
                ConfigPath = Plan.Config.FilePath,
                RecordedUtc = DateTime.UtcNow,
                DeadlineUtc = kind == LeftResource.InstanceKind && role == LeftResource.BuilderRole ? Plan.DeadlineUtc : (DateTime?)null,
            };
            entry.Command = RemovalCommand.For(entry);
            return entry;
        }

        /// <summary>Marks what cleanup could not remove as left, with why; returns where the record is.</summary>
        public string? MarkLeft(IEnumerable<(LeftResource Resource, string Reason)> left)
        {
            foreach (var (resource, reason) in left)
            {
                resource.Status = LeftResource.Left;
                resource.Reason = reason;
                resource.Command = RemovalCommand.For(resource);
                Write(r => r.Track(resource));
            }

            return record?.Path;
        }

        private void Write(Action<LeftResourceRecord> change)
        {
            if (record == null)
            {
                return;
            }

            try
            {
                change(record);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or NotSupportedException or System.Text.Json.JsonException)
            {
                if (!recordFailed)
                {
                    recordFailed = true;
                    observer.Warning($"Could not update the record of resources left behind ({record.Path}): {e.Message}. The build goes on, but should it be killed, the next run cannot report what it left.");
                }
            }
        }
    }
}
