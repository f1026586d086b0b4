using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.IO.Compression;
using System.Text;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// Wraps the rendered image.sh so the module can prove, without SSH, how it ended: the script's exit
    /// code goes to the serial console behind a per-build token, the builder then shuts down whatever
    /// the result, and a watchdog shuts it down past the build's deadline even if nobody is watching.
    /// </summary>
    internal static class UserDataWrapper
    {
        /// <summary>EC2's limit on decoded user data.</summary>
        public const int MaxUserDataBytes = 16384;

        public const string MarkerPrefix = "CLOUDCOMPOSE-RESULT";

        public const string TokenComment = "# cloud-compose-token: ";

        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>The shell for each image.hygiene step; every command tolerates a system that lacks what it removes.</summary>
        private static readonly IReadOnlyDictionary<string, string> HygieneCommands = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BuildHygiene.UserData] = "rm -f /var/lib/cloud/instances/*/user-data.txt* /var/lib/cloud/instances/*/scripts/part-* /var/lib/cloud/instances/*/obj.pkl",
            [BuildHygiene.ScriptLog] = "rm -f /var/log/cloud-compose-image.log",
            [BuildHygiene.CloudInit] = "if command -v cloud-init >/dev/null 2>&1; then cloud-init clean --logs >/dev/null 2>&1; fi",
            [BuildHygiene.SshHostKeys] = "rm -f /etc/ssh/ssh_host_*key*",
            [BuildHygiene.MachineId] = "if [ -f /etc/machine-id ]; then : > /etc/machine-id; fi; [ -L /var/lib/dbus/machine-id ] || rm -f /var/lib/dbus/machine-id",
        };

        /// <summary>
        /// The wrapper for one build. Its watchdog sleeps until <paramref name="deadlineUtc"/> on the builder's clock (the
        /// same instant as the CloudComposeDeadline tag), but never longer than <paramref name="timeout"/> from the
        /// script's start, in case that clock is behind.
        /// </summary>
        /// <param name="hygiene">image.hygiene steps, run only when image.sh succeeded (a failed builder kept for debugging keeps its logs).</param>
        public static string Wrap(string script, string token, DateTime deadlineUtc, TimeSpan timeout, IReadOnlyCollection<string>? hygiene = null)
        {
            var epoch = ((long)Math.Floor((deadlineUtc - UnixEpoch).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var cap = ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var delimiter = "CLOUDCOMPOSE_IMAGE_SH_" + token;
            var body = script.EndsWith("\n", StringComparison.Ordinal) ? script : script + "\n";
            var shebang = body.StartsWith("#!", StringComparison.Ordinal);
            return
                "#!/bin/bash\n" +
                "# cloud-compose image builder: runs image.sh, reports its exit code on the serial console, then shuts down.\n" +
                TokenComment + token + "\n" +
                "cc_report() { for dev in /dev/ttyS0 /dev/console; do echo \"" + MarkerPrefix + " " + token + " $1\" > \"$dev\" 2>/dev/null; done; }\n" +
                "( cc_left=$(( " + epoch + " - $(date +%s) )); [ \"$cc_left\" -gt " + cap + " ] && cc_left=" + cap + "; sleep \"$cc_left\"; cc_report watchdog; shutdown -h now ) >/dev/null 2>&1 &\n" +
                "cat > /var/tmp/cloud-compose-image.sh <<'" + delimiter + "'\n" +
                body +
                delimiter + "\n" +
                "chmod 700 /var/tmp/cloud-compose-image.sh\n" +
                (shebang ? "/var/tmp/cloud-compose-image.sh" : "/bin/bash /var/tmp/cloud-compose-image.sh") +
                " > >(tee -a /var/log/cloud-compose-image.log > /dev/console) 2>&1\n" +
                "cc_exit=$?\n" +
                "rm -f /var/tmp/cloud-compose-image.sh\n" +
                Hygiene(hygiene) +
                "cc_report \"exit=$cc_exit\"\n" +
                "sync\n" +
                Rendering.ScriptRenderer.ShutdownLine + "\n";
        }

        /// <summary>Base64 of <see cref="Bytes"/>, for the API (the .NET SDK does not encode).</summary>
        public static string Encode(string userData, string configPath, out bool compressed) =>
            Convert.ToBase64String(Bytes(userData, configPath, out compressed));

        private static string Hygiene(IReadOnlyCollection<string>? steps)
        {
            var chosen = BuildHygiene.AllSteps.Where(step => steps != null && steps.Contains(step)).ToList();
            if (chosen.Count == 0)
            {
                return string.Empty;
            }

            var lines = new StringBuilder("if [ \"$cc_exit\" -eq 0 ]; then\n");
            foreach (var step in chosen)
            {
                lines.Append("  # image.hygiene ").Append(step).Append('\n').Append("  ").Append(HygieneCommands[step]).Append('\n');
            }

            return lines.Append("fi\n").ToString();
        }

        /// <summary>
        /// The bytes EC2 receives. Over 16 KB the text is gzipped, which cloud-init accepts; still too big is an
        /// error before anything launches.
        /// </summary>
        public static byte[] Bytes(string userData, string configPath, out bool compressed)
        {
            var bytes = new UTF8Encoding(false).GetBytes(userData);
            compressed = false;
            if (bytes.Length > MaxUserDataBytes)
            {
                bytes = Gzip(bytes);
                compressed = true;
            }

            if (bytes.Length > MaxUserDataBytes)
            {
                throw new CloudComposeException(
                    ErrorIds.UserDataTooLarge,
                    ErrorKind.InvalidData,
                    $"The user data is {userData.Length} bytes and still {bytes.Length} bytes gzipped; EC2 accepts at most {MaxUserDataBytes}.",
                    configPath)
                { Hint = "Move large files out of image.sh: download them from S3 or a package repository in the script instead." };
            }

            return bytes;
        }

        /// <summary>A token for the result marker: random per build, so no earlier boot's or other build's marker matches.</summary>
        public static string NewToken() => Guid.NewGuid().ToString("N").Substring(0, 16);

        private static byte[] Gzip(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            {
                gzip.Write(bytes, 0, bytes.Length);
            }

            return output.ToArray();
        }
    }
}
