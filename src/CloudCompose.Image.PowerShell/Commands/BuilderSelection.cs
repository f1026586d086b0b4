using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudCompose.Image.Aws;
using CloudCompose.Image.Bake;

namespace CloudCompose.Image.PowerShell.Commands
{
    /// <summary>
    /// Which builders a Get- or Remove-CloudComposeImageBuilder call is about, collected over all pipeline input and
    /// then looked up with one DescribeInstances per region (a hundred piped images of one name cost one call).
    /// </summary>
    internal sealed class BuilderSelection
    {
        private readonly Dictionary<string, Region> regions = new Dictionary<string, Region>(StringComparer.Ordinal);

        public bool IsEmpty => regions.Count == 0;

        /// <summary>Builders of <paramref name="name"/> (a wildcard pattern unless <paramref name="literal"/>), of any of <paramref name="versions"/> when given.</summary>
        public void AddName(string? region, string name, IReadOnlyList<string>? versions, bool literal) =>
            For(region).Selectors.Add(new Selector(name, literal, versions ?? new string[0]));

        /// <summary>Every builder of the region.</summary>
        public void AddAll(string? region) => For(region).All = true;

        public void AddInstance(string? region, string instanceId) => For(region).InstanceIds.Add(instanceId);

        /// <param name="report">Told, per region, how many live builders were found for what (for -Verbose).</param>
        public async Task<IReadOnlyList<BuilderInfo>> FindAsync(Func<string?, AwsConnection> connect, Action<string> report, CancellationToken cancellationToken)
        {
            var found = new List<BuilderInfo>();
            foreach (var pair in regions)
            {
                var region = pair.Value;
                var connection = connect(pair.Key.Length == 0 ? null : pair.Key);
                using var inventory = new BuilderInventory(connection);
                if (region.All)
                {
                    var all = await inventory.FindAsync(new string[0], literal: false, cancellationToken);
                    report($"DescribeInstances: {all.Count} live builder(s) in {connection.Region}.");
                    found.AddRange(all);
                    continue;
                }

                var builders = new List<BuilderInfo>();
                foreach (var literal in new[] { true, false })
                {
                    var names = region.Selectors.Where(s => s.Literal == literal).Select(s => s.Name).Distinct().ToList();
                    if (names.Count > 0)
                    {
                        builders.AddRange(await inventory.FindAsync(names, literal, cancellationToken));
                    }
                }

                if (region.InstanceIds.Count > 0)
                {
                    builders.AddRange(await inventory.FindByIdAsync(region.InstanceIds.ToList(), cancellationToken));
                }

                var selected = builders
                    .Where(b => region.InstanceIds.Contains(b.InstanceId) || region.Selectors.Any(s => s.Matches(b)))
                    .GroupBy(b => b.InstanceId, StringComparer.Ordinal).Select(g => g.First())
                    .ToList();
                var what = region.Selectors.Select(s => "ImageName=" + s.Name).Concat(region.InstanceIds).Distinct();
                report($"DescribeInstances: {selected.Count} live builder(s) tagged {string.Join(", ", what)} in {connection.Region}.");
                found.AddRange(selected);
            }

            return found;
        }

        private Region For(string? region)
        {
            var key = region ?? string.Empty;
            if (!regions.TryGetValue(key, out var entry))
            {
                regions[key] = entry = new Region();
            }

            return entry;
        }

        private sealed class Region
        {
            public bool All { get; set; }

            public List<Selector> Selectors { get; } = new List<Selector>();

            public HashSet<string> InstanceIds { get; } = new HashSet<string>(StringComparer.Ordinal);
        }

        private sealed class Selector
        {
            private readonly WildcardPattern name;
            private readonly IReadOnlyList<WildcardPattern> versions;

            public Selector(string name, bool literal, IReadOnlyList<string> versions)
            {
                Name = name;
                Literal = literal;
                this.name = literal ? new WildcardPattern(WildcardPattern.Escape(name)) : new WildcardPattern(name);
                this.versions = versions.Select(v => new WildcardPattern(literal ? WildcardPattern.Escape(v) : v)).ToList();
            }

            public string Name { get; }

            public bool Literal { get; }

            public bool Matches(BuilderInfo builder) =>
                name.IsMatch(builder.Name) && (versions.Count == 0 || versions.Any(v => v.IsMatch(builder.Version)));
        }
    }
}
