using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.PowerShell.Completion;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Retires the images nobody uses: per name and version it keeps the newest -Keep, anything younger than
    /// -MinimumAge, anything in use or shared, and deregisters (or disables, or deprecates) the rest, deleting
    /// the snapshots no other image uses. Usage and the keep rules are checked again right before each image.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "UnusedCloudComposeImage", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RemovalResult))]
    public sealed class RemoveUnusedCloudComposeImageCommand : AwsCmdlet
    {
        private const string NameSet = "Name";
        private const string PathSet = "Path";
        private const string InputObjectSet = "InputObject";
        private const string IdSet = "ImageId";

        private readonly PipelineMessages messages = new PipelineMessages();
        private readonly List<(AwsConnection Connection, ImageQuery Query)> scopes = new List<(AwsConnection, ImageQuery)>();
        private readonly Dictionary<string, List<string>> idsByRegion = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        /// <summary>ImageName tag values; wildcards allowed. Default: every image tagged ImageName.</summary>
        [Parameter(ParameterSetName = NameSet, Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ImageNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>ImageVersion tag values; wildcards allowed.</summary>
        [Parameter(ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ImageVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Version { get; set; }

        /// <summary>Name and version from cloud-compose.yml.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Images from Get-CloudComposeImage or New-CloudComposeImage. Only these are judged, against their whole name+version group.</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ImageInfo[]? InputObject { get; set; }

        /// <summary>Image ids (pipeline input by property name).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ImageId { get; set; }

        /// <summary>How many of the newest available images of each name and version to keep (at least 1).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Keep { get; set; } = 1;

        /// <summary>Images younger than this are kept (default 7 days; 0 switches the rule off).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, AllowZero = true)]
        public TimeSpan MinimumAge { get; set; } = RetirementOptions.DefaultMinimumAge;

        /// <summary>Images launched (LastLaunchedTime) within this span are kept.</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500)]
        public TimeSpan MinimumIdle { get; set; }

        /// <summary>Deregister (default, irreversible), Disable (DisableImage) or Deprecate (EnableImageDeprecation now).</summary>
        [Parameter]
        public RetireAction Action { get; set; } = RetireAction.Deregister;

        /// <summary>Lifecycle: deprecate images unused for this long (days, or e.g. 12h); with -DisableAfter/-DeregisterAfter instead of -Action.</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan DeprecateAfter { get; set; }

        /// <summary>Lifecycle: disable images unused for this long (days).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan DisableAfter { get; set; }

        /// <summary>Lifecycle: deregister images unused for this long (days).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan DeregisterAfter { get; set; }

        /// <summary>Deregister without deleting the snapshots.</summary>
        [Parameter]
        public SwitchParameter KeepSnapshots { get; set; }

        /// <summary>Also retire public images and images shared with other accounts, whose use there cannot be seen.</summary>
        [Parameter]
        public SwitchParameter IncludeShared { get; set; }

        /// <summary>Retire shared images too when EC2's image usage reports show no other account runs or references them.</summary>
        [Parameter]
        public SwitchParameter CheckSharedUsage { get; set; }

        /// <summary>With -CheckSharedUsage: a usage report at most this old is reused (default 1 day).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 30)]
        public TimeSpan UsageReportMaxAge { get; set; } = TimeSpan.FromDays(1);

        /// <summary>With -CheckSharedUsage: how long to wait for usage reports (default 15 minutes); images whose report is not ready are kept.</summary>
        [Parameter]
        [DurationTransformation]
        public TimeSpan UsageReportTimeout { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>Retire without asking for confirmation (for runbooks; -Confirm:$false does the same).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            if (Stages() != null && MyInvocation.BoundParameters.ContainsKey(nameof(Action)))
            {
                ThrowFailure(new CloudComposeException(ErrorIds.LifecycleConflictsWithAction, ErrorKind.InvalidArgument,
                    "-Action applies one action to every image; -DeprecateAfter, -DisableAfter and -DeregisterAfter give each image its stage. Use one or the other.", nameof(Action)));
            }
        }

        protected override void ProcessRecord()
        {
            try
            {
                switch (ParameterSetName)
                {
                    case InputObjectSet:
                        foreach (var image in InputObject!)
                        {
                            Collect(string.IsNullOrEmpty(image.Region) ? null : image.Region, image.ImageId);
                        }

                        break;
                    case IdSet:
                        foreach (var id in ImageId!)
                        {
                            Collect(null, id);
                        }

                        break;
                    case PathSet:
                        foreach (var file in ResolveConfigFiles(Path, literal: false))
                        {
                            var config = ConfigReader.ReadIdentity(file);
                            scopes.Add((Connect(config.Region), new ImageQuery { Names = new[] { config.Name }, Versions = new[] { config.Version }, Literal = true }));
                        }

                        break;
                    default:
                        scopes.Add((Connect(), new ImageQuery { Names = Name ?? new string[0], Versions = Version ?? new string[0] }));
                        break;
                }
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                foreach (var pair in idsByRegion)
                {
                    scopes.Add((Connect(pair.Key.Length == 0 ? null : pair.Key), new ImageQuery { ImageIds = pair.Value.Distinct().ToList() }));
                }

                foreach (var (connection, query) in scopes)
                {
                    Retire(connection, query);
                }
            }
            catch (CloudComposeException e)
            {
                ThrowFailure(e);
            }
        }

        private void Collect(string? region, string imageId)
        {
            var key = region ?? string.Empty;
            if (!idsByRegion.TryGetValue(key, out var list))
            {
                idsByRegion[key] = list = new List<string>();
            }

            list.Add(imageId);
        }

        private void Retire(AwsConnection connection, ImageQuery query)
        {
            var options = new RetirementOptions
            {
                Keep = Keep,
                MinimumAge = MinimumAge,
                MinimumIdle = MyInvocation.BoundParameters.ContainsKey(nameof(MinimumIdle)) ? MinimumIdle : (TimeSpan?)null,
                Action = Action,
                Stages = Stages(),
                KeepSnapshots = KeepSnapshots,
                IncludeShared = IncludeShared,
                CheckSharedUsage = CheckSharedUsage,
                UsageReportMaxAge = UsageReportMaxAge,
                UsageReportTimeout = UsageReportTimeout,
            };
            using var retirement = new ImageRetirement(connection, options, messages);
            var plan = Wait(retirement.PlanAsync(query, CancellationToken), messages);
            foreach (var id in plan.UnmanagedImageIds)
            {
                WriteFailure(new CloudComposeException(ErrorIds.ImageNotManaged, ErrorKind.InvalidArgument,
                    $"{id} is not an image owned by this account and tagged ImageName in {connection.Region}; only those are ever removed.", id));
            }

            foreach (var kept in plan.Kept)
            {
                WriteVerbose($"Keeping {kept.Target}: {kept.Reason}.");
            }

            var candidates = plan.Candidates.ToList();
            WriteVerbose($"{candidates.Count} of {plan.Decisions.Count} image(s) may be retired ({(options.Stages is { } stages ? stages.ToString() : Action.ToString())}).");
            var progress = new ProgressRecord(1, $"Retiring unused images in {connection.Region}", "Starting");
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                progress.StatusDescription = $"{i + 1} of {candidates.Count}: {candidate.Target}";
                progress.PercentComplete = i * 100 / candidates.Count;
                WriteProgress(progress);
                if (!Confirmed(candidate.Target, Describe(candidate), Force))
                {
                    continue;
                }

                try
                {
                    var outcome = Wait(retirement.RetireAsync(candidate, CancellationToken), messages);
                    if (outcome.Result.Removed)
                    {
                        WriteObject(outcome.Result);
                    }
                    else
                    {
                        WriteWarning($"Kept {candidate.Target}: {outcome.Result.Reason}.");
                    }

                    foreach (var failure in outcome.Failures)
                    {
                        WriteFailure(failure);
                    }
                }
                catch (CloudComposeException e)
                {
                    WriteFailure(e);
                }
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        private LifecycleStages? Stages()
        {
            TimeSpan? Bound(string name, TimeSpan value) => MyInvocation.BoundParameters.ContainsKey(name) ? value : (TimeSpan?)null;
            var stages = new LifecycleStages(Bound(nameof(DeprecateAfter), DeprecateAfter), Bound(nameof(DisableAfter), DisableAfter), Bound(nameof(DeregisterAfter), DeregisterAfter));
            return stages.IsEmpty ? null : stages;
        }

        private string Describe(RetirementDecision candidate) => candidate.Action switch
        {
            RetireAction.Disable => $"Disable image ({candidate.Reason})",
            RetireAction.Deprecate => $"Deprecate image ({candidate.Reason})",
            _ when KeepSnapshots || candidate.Image.SnapshotIds.Count == 0 => $"Deregister image ({candidate.Reason})",
            _ => $"Deregister image and delete snapshots {string.Join(", ", candidate.Image.SnapshotIds)} unless another image uses them ({candidate.Reason})",
        };
    }
}
