using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Cleanup;
using CloudCompose.Image.Errors;
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
    public sealed class RemoveUnusedCloudComposeImageCommand : AwsSelectionCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string IdSet = "ImageId";

        private readonly List<Scope> scopes = new List<Scope>();
        private readonly Dictionary<string, List<string>> idsByRegion = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        /// <summary>Images from Get-CloudComposeImage or New-CloudComposeImage. Only these are judged, against their whole name+version group.</summary>
        [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ImageInfo[]? InputObject { get; set; }

        /// <summary>Image ids, from the pipeline too ('ami-…' strings, or any object with an ImageId).</summary>
        [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ImageIds")]
        [ValidateNotNullOrEmpty]
        public string[]? ImageId { get; set; }

        /// <summary>How many of the newest available images of each name and version to keep (at least 1).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Keep { get; set; } = 1;

        /// <summary>Images younger than this are kept (default 7 days; a plain number is days; 0 switches the rule off).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, AllowZero = true, NumbersAreDays = true)]
        public TimeSpan MinimumAge { get; set; } = RetirementOptions.DefaultMinimumAge;

        /// <summary>Images launched (LastLaunchedTime) within this span are kept (a plain number is days).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan MinimumIdle { get; set; }

        /// <summary>Deregister (default, irreversible), Disable (DisableImage) or Deprecate (EnableImageDeprecation now).</summary>
        [Parameter]
        public RetireAction Action { get; set; } = RetireAction.Deregister;

        /// <summary>Lifecycle: deprecate images unused for this long (a plain number is days); with -DisableAfter/-DeregisterAfter instead of -Action.</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan DeprecateAfter { get; set; }

        /// <summary>Lifecycle: disable images unused for this long (a plain number is days).</summary>
        [Parameter]
        [DurationTransformation(MaximumDays = 36500, NumbersAreDays = true)]
        public TimeSpan DisableAfter { get; set; }

        /// <summary>Lifecycle: deregister images unused for this long (a plain number is days).</summary>
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

        protected override Task BeginAsync(CancellationToken cancellationToken)
        {
            if (Stages() != null && MyInvocation.BoundParameters.ContainsKey(nameof(Action)))
            {
                throw new CloudComposeException(ErrorIds.LifecycleConflictsWithAction, ErrorKind.InvalidArgument,
                    "-Action applies one action to every image; -DeprecateAfter, -DisableAfter and -DeregisterAfter give each image its stage. Use one or the other.", nameof(Action));
            }

            return base.BeginAsync(cancellationToken);
        }

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
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
                case NameSet:
                    var names = Name ?? new string[0];
                    var versions = Version ?? new string[0];
                    scopes.Add(new Scope(Connect(), new ImageQuery { Names = names, Versions = versions }, null));
                    break;
                default:
                    foreach (var config in ConfigIdentities())
                    {
                        try
                        {
                            scopes.Add(new Scope(Connect(config.Region), new ImageQuery { Names = new[] { config.Name }, Versions = new[] { config.Version }, Literal = true }, config.FilePath));
                        }
                        catch (CloudComposeException e)
                        {
                            WriteFailure(e);
                        }
                    }

                    break;
            }

            return Task.CompletedTask;
        }

        protected override async Task EndAsync(CancellationToken cancellationToken)
        {
            foreach (var pair in idsByRegion)
            {
                scopes.Add(new Scope(Connect(pair.Key.Length == 0 ? null : pair.Key), new ImageQuery { ImageIds = pair.Value.Distinct().ToList() }, null));
            }

            foreach (var scope in scopes)
            {
                try
                {
                    await RetireAsync(scope, cancellationToken);
                }
                catch (CloudComposeException e) when (scopes.Count > 1)
                {
                    // One config's listing failing leaves the others to run.
                    WriteFailure(e);
                }
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

        private async Task RetireAsync(Scope scope, CancellationToken cancellationToken)
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
            var connection = scope.Connection;
            using var retirement = new ImageRetirement(connection, options, Messages);
            var plan = await retirement.PlanAsync(scope.Query, cancellationToken);
            foreach (var id in plan.UnmanagedImageIds)
            {
                WriteFailure(new CloudComposeException(ErrorIds.ImageNotManaged, ErrorKind.InvalidArgument,
                    $"{id} is not an image owned by this account and tagged ImageName in {connection.Region}; only those are ever removed.", id));
            }

            var judged = plan.Decisions.Select(d => d.Image).ToList();
            var unmatched = scope.File != null
                ? (judged.Count == 0 ? new[] { UnmatchedNames.ForConfig(scope.Query.Names[0], scope.Query.Versions[0], scope.File, connection.Region) } : new CloudComposeException[0])
                : UnmatchedNames.Find(scope.Query.Names, scope.Query.Versions, judged, connection.Region);
            foreach (var error in unmatched)
            {
                WriteFailure(error);
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
                Progress.Write(this, progress);
                if (!Confirmed(candidate.Target, RetirementText.Action(candidate, candidate.Action, KeepSnapshots), Force))
                {
                    continue;
                }

                try
                {
                    var outcome = await retirement.RetireAsync(candidate, cancellationToken);
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
            Progress.Write(this, progress);
        }

        private LifecycleStages? Stages()
        {
            TimeSpan? Bound(string name, TimeSpan value) => MyInvocation.BoundParameters.ContainsKey(name) ? value : (TimeSpan?)null;
            var stages = new LifecycleStages(Bound(nameof(DeprecateAfter), DeprecateAfter), Bound(nameof(DisableAfter), DisableAfter), Bound(nameof(DeregisterAfter), DeregisterAfter));
            return stages.IsEmpty ? null : stages;
        }

        /// <summary>What one listing and retirement pass covers: a name/version query or a config's, in one region.</summary>
        private sealed class Scope
        {
            public Scope(AwsConnection connection, ImageQuery query, string? file)
            {
                Connection = connection;
                Query = query;
                File = file;
            }

            public AwsConnection Connection { get; }

            public ImageQuery Query { get; }

            /// <summary>The config the query came from, if any.</summary>
            public string? File { get; }
        }
    }
}
