using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace CloudCompose.Image.LeftBehind
{
    /// <summary>
    /// The record's entries whose build is over (left, or in flight for a process that has ended), and how they read
    /// without asking EC2: what a command with no AWS connection reports. Nothing here touches the AWS SDK, so such
    /// a command does not load it.
    /// </summary>
    internal static class LeftResourceList
    {
        public static IReadOnlyList<LeftResource> Over(LeftResourceRecord record)
        {
            try
            {
                return record.Read().Where(r => r.Status == LeftResource.Left || !LeftResourceRecord.OwnerRuns(r)).ToList();
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                return Array.Empty<LeftResource>();
            }
        }

        /// <summary>Every entry whose build is over, unchecked; those of a local emulator that no longer listens are forgotten.</summary>
        public static Task<IReadOnlyList<LeftResourceStatus>> UncheckedAsync(LeftResourceRecord record) => UncheckedAsync(record, Over(record));

        internal static async Task<IReadOnlyList<LeftResourceStatus>> UncheckedAsync(LeftResourceRecord record, IReadOnlyList<LeftResource> entries)
        {
            var result = new List<LeftResourceStatus>();
            foreach (var group in entries.GroupBy(r => r.Endpoint))
            {
                if (await LocalEndpointGoneAsync(group.Key).ConfigureAwait(false))
                {
                    // An emulator on this machine that no longer listens took its resources with it.
                    foreach (var r in group)
                    {
                        record.Forget(x => x.SameAs(r));
                    }

                    continue;
                }

                result.AddRange(group.Select(r => new LeftResourceStatus(r, null, "recorded for other credentials or another endpoint")));
            }

            return result;
        }

        private static async Task<bool> LocalEndpointGoneAsync(string? endpoint)
        {
            if (endpoint == null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !uri.IsLoopback)
            {
                return false;
            }

            using var tcp = new TcpClient();
            try
            {
                var connect = tcp.ConnectAsync(uri.Host == "localhost" ? "127.0.0.1" : uri.Host, uri.Port);
                if (await Task.WhenAny(connect, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false) != connect)
                {
                    return false;
                }

                await connect.ConfigureAwait(false);
                return false;
            }
            catch (SocketException)
            {
                return true;
            }
        }
    }
}
