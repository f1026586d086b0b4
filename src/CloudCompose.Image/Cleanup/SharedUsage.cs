using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.Cleanup
{
    /// <summary>
    /// Finds out whether other accounts use shared images, with EC2's image usage reports: a fresh report (made within
    /// UsageReportMaxAge, covering the image's accounts, instances and every launch template version) is reused,
    /// otherwise one is created per image; the reports are waited for up to UsageReportTimeout, then their entries read,
    /// 200 reports a call.
    /// </summary>
    internal sealed class SharedUsage
    {
        /// <summary>DescribeImageUsageReports and DescribeImageUsageReportEntries take at most 200 image or report ids.</summary>
        private const int Batch = 200;

        /// <summary>CreateImageUsageReport names at most 200 accounts; more, or an organization, OU or "all", means all accounts.</summary>
        private const int AccountLimit = 200;

        private static readonly string[] Types = { "ec2:Instance", "ec2:LaunchTemplate" };

        private readonly IAmazonEC2 ec2;
        private readonly MutatingCalls calls;
        private readonly RetirementOptions options;
        private readonly IBuildObserver observer;

        public SharedUsage(IAmazonEC2 ec2, MutatingCalls calls, RetirementOptions options, IBuildObserver observer)
        {
            this.ec2 = ec2;
            this.calls = calls;
            this.options = options;
            this.observer = observer;
        }

        public async Task<Dictionary<string, SharedUsageVerdict>> CheckAsync(IReadOnlyList<ImageInfo> images, CancellationToken cancellationToken)
        {
            var verdicts = new Dictionary<string, SharedUsageVerdict>(StringComparer.Ordinal);
            if (images.Count == 0)
            {
                return verdicts;
            }

            var scope = images.ToDictionary(i => i.ImageId, i => Accounts(i), StringComparer.Ordinal);
            var reports = await ReusableAsync(scope, cancellationToken).ConfigureAwait(false);
            foreach (var image in images.Where(i => !reports.ContainsKey(i.ImageId)))
            {
                reports[image.ImageId] = await CreateAsync(image, scope[image.ImageId], cancellationToken).ConfigureAwait(false);
            }

            var final = await WaitAsync(reports.Values.ToList(), cancellationToken).ConfigureAwait(false);
            var available = final.Where(r => r.State == "available").Select(r => r.ReportId).ToList();
            var entries = await EntriesAsync(available, cancellationToken).ConfigureAwait(false);
            foreach (var image in images)
            {
                var report = final.First(r => r.ReportId == reports[image.ImageId].ReportId);
                verdicts[image.ImageId] = Judge(image, report, entries.TryGetValue(report.ReportId, out var found) ? found : new List<ImageUsageReportEntry>(), scope[image.ImageId]);
            }

            return verdicts;
        }

        /// <summary>The accounts to ask about: the image's own list, or null (all accounts) for public, organization or OU sharing.</summary>
        private static IReadOnlyCollection<string>? Accounts(ImageInfo image)
        {
            var entries = image.SharedWithAccounts;
            var accounts = entries.Where(e => e.Length == 12 && e.All(char.IsDigit)).ToList();
            return image.IsPublic || accounts.Count != entries.Count || accounts.Count > AccountLimit || accounts.Count == 0 ? null : accounts;
        }

        /// <summary>Fresh reports on these images that ask what this module asks (a pending one is waited for, not made again).</summary>
        private async Task<Dictionary<string, ImageUsageReport>> ReusableAsync(Dictionary<string, IReadOnlyCollection<string>?> scope, CancellationToken cancellationToken)
        {
            var since = options.UtcNow() - options.UsageReportMaxAge;
            var result = new Dictionary<string, ImageUsageReport>(StringComparer.Ordinal);
            foreach (var chunk in ImageInventory.Chunk(scope.Keys.ToList(), Batch))
            {
                var found = await ImageInventory.Call("DescribeImageUsageReports", null, async () =>
                {
                    var list = new List<ImageUsageReport>();
                    await foreach (var report in ec2.Paginators.DescribeImageUsageReports(new DescribeImageUsageReportsRequest { ImageIds = chunk }).ImageUsageReports.WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        list.Add(report);
                    }

                    return list;
                }).ConfigureAwait(false);
                foreach (var report in found.Where(r => r.State is "available" or "pending" && (r.CreationTime?.ToUniversalTime() ?? DateTime.MinValue) >= since && AsksEnough(r, scope[r.ImageId]))
                    .OrderByDescending(r => r.CreationTime))
                {
                    if (!result.ContainsKey(report.ImageId))
                    {
                        result[report.ImageId] = report;
                        observer.Verbose($"{report.ImageId}: reusing usage report {report.ReportId} of {Format(report.CreationTime)} ({report.State}).");
                    }
                }
            }

            return result;
        }

        private static bool AsksEnough(ImageUsageReport report, IReadOnlyCollection<string>? accounts)
        {
            var types = report.ResourceTypes ?? new List<ImageUsageResourceType>();
            var instances = types.Any(t => t.ResourceType == "ec2:Instance");
            var templates = types.FirstOrDefault(t => t.ResourceType == "ec2:LaunchTemplate");
            var depthText = templates?.ResourceTypeOptions?.FirstOrDefault(o => o.OptionName == "version-depth")?.OptionValues?.FirstOrDefault();
            var depth = int.TryParse(depthText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
            var asked = report.AccountIds ?? new List<string>();
            return instances && templates != null && depth >= ReferenceScope.VersionDepth
                && (asked.Count == 0 || (accounts != null && accounts.All(a => asked.Contains(a))));
        }

        private async Task<ImageUsageReport> CreateAsync(ImageInfo image, IReadOnlyCollection<string>? accounts, CancellationToken cancellationToken)
        {
            var request = new CreateImageUsageReportRequest
            {
                ImageId = image.ImageId,
                ResourceTypes = new List<ImageUsageResourceTypeRequest>
                {
                    new ImageUsageResourceTypeRequest { ResourceType = "ec2:Instance" },
                    new ImageUsageResourceTypeRequest
                    {
                        ResourceType = "ec2:LaunchTemplate",
                        // Every version, as for this account's own launch templates (EC2's default is the 20 newest).
                        ResourceTypeOptions = new List<ImageUsageResourceTypeOptionRequest>
                        {
                            new ImageUsageResourceTypeOptionRequest { OptionName = "version-depth", OptionValues = new List<string> { ReferenceScope.VersionDepth.ToString(CultureInfo.InvariantCulture) } },
                        },
                    },
                },
                AccountIds = accounts?.ToList(),
            };
            var created = await calls.RunAsync("CreateImageUsageReport", Errors.ErrorIds.UsageReportFailed, image.ImageId, $"Could not create a usage report for {image.ImageId}",
                () => ec2.CreateImageUsageReportAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            observer.Verbose($"{image.ImageId}: created usage report {created.ReportId} ({(accounts == null ? "all accounts" : string.Join(", ", accounts))}).");
            return new ImageUsageReport { ReportId = created.ReportId, ImageId = image.ImageId, State = "pending", AccountIds = accounts?.ToList() };
        }

        /// <summary>Polls until no report is pending or the bound is reached; what is still pending is kept (and reused next time).</summary>
        private async Task<List<ImageUsageReport>> WaitAsync(List<ImageUsageReport> reports, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var interval = options.UsageReportPollInterval;
            while (true)
            {
                var pending = reports.Where(r => r.State == "pending").Select(r => r.ReportId).ToList();
                if (pending.Count == 0)
                {
                    return reports;
                }

                var fresh = new Dictionary<string, ImageUsageReport>(StringComparer.Ordinal);
                foreach (var chunk in ImageInventory.Chunk(pending, Batch))
                {
                    var described = await ImageInventory.Call("DescribeImageUsageReports", null,
                        () => ec2.DescribeImageUsageReportsAsync(new DescribeImageUsageReportsRequest { ReportIds = chunk }, cancellationToken)).ConfigureAwait(false);
                    foreach (var report in described.ImageUsageReports ?? new List<ImageUsageReport>())
                    {
                        fresh[report.ReportId] = report;
                    }
                }

                reports = reports.Select(r => fresh.TryGetValue(r.ReportId, out var now) ? now : r).ToList();
                var left = reports.Count(r => r.State == "pending");
                if (left == 0 || watch.Elapsed + interval > options.UsageReportTimeout)
                {
                    return reports;
                }

                observer.Verbose($"Waiting for {left} usage report(s), {Math.Round(watch.Elapsed.TotalSeconds)} s of {options.UsageReportTimeout.TotalSeconds} s.");
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromSeconds(60).Ticks));
            }
        }

        private async Task<Dictionary<string, List<ImageUsageReportEntry>>> EntriesAsync(List<string> reportIds, CancellationToken cancellationToken)
        {
            var result = reportIds.ToDictionary(id => id, _ => new List<ImageUsageReportEntry>(), StringComparer.Ordinal);
            foreach (var chunk in ImageInventory.Chunk(reportIds, Batch))
            {
                await ImageInventory.Call("DescribeImageUsageReportEntries", null, async () =>
                {
                    await foreach (var entry in ec2.Paginators.DescribeImageUsageReportEntries(new DescribeImageUsageReportEntriesRequest { ReportIds = chunk }).ImageUsageReportEntries.WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        if (entry.ReportId != null && result.TryGetValue(entry.ReportId, out var list))
                        {
                            list.Add(entry);
                        }
                    }

                    return true;
                }).ConfigureAwait(false);
            }

            return result;
        }

        private static SharedUsageVerdict Judge(ImageInfo image, ImageUsageReport report, List<ImageUsageReportEntry> entries, IReadOnlyCollection<string>? accounts)
        {
            var state = report.State;
            if (state == "pending")
            {
                return new SharedUsageVerdict(image.ImageId, false, $"shared; usage report {report.ReportId} is not ready yet (run again later: it is reused)", accounts);
            }

            if (state != "available")
            {
                return new SharedUsageVerdict(image.ImageId, false, $"shared; usage report {report.ReportId} is {state}{(string.IsNullOrEmpty(report.StateReason) ? string.Empty : ": " + report.StateReason)}", accounts);
            }

            // This account's own use is what the rest of the rules look at; the report is about the others.
            var users = entries.Where(e => e.AccountId != image.OwnerId && (e.UsageCount ?? 0) > 0)
                .GroupBy(e => e.AccountId)
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(e => $"{e.ResourceType} ×{e.UsageCount}"))})")
                .ToList();
            var asked = accounts == null ? "any account" : string.Join(", ", accounts);
            return users.Count > 0
                ? new SharedUsageVerdict(image.ImageId, false, $"used in other accounts: {string.Join(", ", users)} (usage report {report.ReportId})", accounts)
                : new SharedUsageVerdict(image.ImageId, true, $"shared, but usage report {report.ReportId} of {Format(report.CreationTime)} finds no use in {asked}", accounts);
        }

        private static string Format(DateTime? time) =>
            time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "unknown time";
    }
}
