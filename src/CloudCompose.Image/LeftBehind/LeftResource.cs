using System;
using System.Text.Json.Serialization;

namespace CloudCompose.Image.LeftBehind
{
    /// <summary>
    /// One resource a build made that may still exist, as the left-resources record keeps it: written when the
    /// resource is made (so a killed process leaves a trace), marked left when cleanup gave up, forgotten once gone.
    /// </summary>
    internal sealed class LeftResource
    {
        public const string InstanceKind = "instance";
        public const string ImageKind = "image";
        public const string SnapshotKind = "snapshot";

        public const string BuilderRole = "builder";
        public const string TestRole = "test";

        public const string InFlight = "in-flight";
        public const string Left = "left";

        /// <summary>instance, image or snapshot.</summary>
        public string Kind { get; set; } = InstanceKind;

        /// <summary>For an instance: builder, or test (the instance image.test runs on).</summary>
        public string? Role { get; set; }

        /// <summary>The EC2 id; null for a builder whose RunInstances never answered (found by its CloudComposeBuildId tag).</summary>
        public string? Id { get; set; }

        public string Region { get; set; } = string.Empty;

        /// <summary>-EndpointUrl of the build; null for AWS itself.</summary>
        public string? Endpoint { get; set; }

        /// <summary>A hash of the access key id (never the key): whose credentials can check this entry.</summary>
        public string Account { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public string BuildId { get; set; } = string.Empty;

        public string? ConfigPath { get; set; }

        public DateTime RecordedUtc { get; set; }

        /// <summary>For a builder: when its watchdog shuts it down (EC2's clock).</summary>
        public DateTime? DeadlineUtc { get; set; }

        /// <summary>in-flight while its build runs; left once cleanup gave up or the build's process is gone.</summary>
        public string Status { get; set; } = InFlight;

        /// <summary>Why it is left (the failure cleanup met, or -KeepBuilderOnFailure).</summary>
        public string? Reason { get; set; }

        /// <summary>The exact command that removes it.</summary>
        public string Command { get; set; } = string.Empty;

        public int OwnerProcessId { get; set; }

        /// <summary>With <see cref="OwnerProcessId"/>: tells the process that made it from a later one that reuses the id.</summary>
        public DateTime OwnerStartedUtc { get; set; }

        [JsonIgnore]
        public string Describe => $"{(Role == TestRole ? "test " : string.Empty)}{Kind} {Id ?? "(id unknown, build " + BuildId + ")"} of {Name}:{Version} in {Region}{(Endpoint != null ? " at " + Endpoint : string.Empty)}";

        internal bool SameAs(LeftResource other) =>
            Kind == other.Kind && Region == other.Region && Endpoint == other.Endpoint && BuildId == other.BuildId && Role == other.Role
            && (Id == other.Id || Id == null || other.Id == null);
    }
}
