using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;

namespace CloudCompose.Image.LeftBehind
{
    /// <summary>
    /// The left-resources record: a small JSON file per user (LocalApplicationData/CloudCompose.Image/left-resources.json,
    /// or under $CLOUDCOMPOSE_IMAGE_STATE_DIR) listing what builds made and did not (yet) remove. Every process of the
    /// user shares it; each change is a locked read-modify-write, so concurrent sessions never lose each other's entries.
    /// It is a safety net: when it cannot be written, the build goes on and the caller warns.
    /// </summary>
    internal sealed class LeftResourceRecord
    {
        public const string StateDirectoryVariable = "CLOUDCOMPOSE_IMAGE_STATE_DIR";
        public const string FileName = "left-resources.json";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
        };

        private static readonly Lazy<(int Id, DateTime Started)> Self = new Lazy<(int, DateTime)>(() =>
        {
            using var me = Process.GetCurrentProcess();
            return (me.Id, StartOf(me) ?? DateTime.MinValue);
        });

        public LeftResourceRecord(string path)
        {
            Path = System.IO.Path.GetFullPath(path);
        }

        public string Path { get; }

        /// <summary>The record of the user running this process.</summary>
        public static LeftResourceRecord ForCurrentUser() => new LeftResourceRecord(System.IO.Path.Combine(StateDirectory(), FileName));

        public static string StateDirectory()
        {
            var configured = Environment.GetEnvironmentVariable(StateDirectoryVariable);
            if (!string.IsNullOrEmpty(configured))
            {
                return configured!;
            }

            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return System.IO.Path.Combine(string.IsNullOrEmpty(local) ? System.IO.Path.GetTempPath() : local, "CloudCompose.Image");
        }

        /// <summary>An entry owned by this process, in flight.</summary>
        public static LeftResource Owned(LeftResource resource)
        {
            resource.OwnerProcessId = Self.Value.Id;
            resource.OwnerStartedUtc = Self.Value.Started;
            resource.Status = LeftResource.InFlight;
            return resource;
        }

        /// <summary>True while the process that wrote an in-flight entry still runs (so its build still looks after it).</summary>
        public static bool OwnerRuns(LeftResource resource)
        {
            if (resource.OwnerProcessId == Self.Value.Id && resource.OwnerStartedUtc == Self.Value.Started)
            {
                return true;
            }

            try
            {
                using var owner = Process.GetProcessById(resource.OwnerProcessId);
                return !owner.HasExited && StartOf(owner) is { } started && Math.Abs((started - resource.OwnerStartedUtc).TotalSeconds) < 2;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return false;
            }
        }

        public IReadOnlyList<LeftResource> Read() => Change(list => false, create: false);

        /// <summary>Adds the entry, replacing one for the same resource.</summary>
        public void Track(LeftResource resource) => Change(list =>
        {
            list.RemoveAll(r => r.SameAs(resource));
            list.Add(resource);
            return true;
        }, create: true);

        /// <summary>Applies <paramref name="update"/> to the matching entries; true when any matched.</summary>
        public bool Update(Func<LeftResource, bool> match, Action<LeftResource> update)
        {
            var found = false;
            Change(list =>
            {
                foreach (var r in list.Where(match))
                {
                    update(r);
                    found = true;
                }

                return found;
            }, create: false);
            return found;
        }

        public void Forget(Func<LeftResource, bool> match) => Change(list => list.RemoveAll(r => match(r)) > 0, create: false);

        private IReadOnlyList<LeftResource> Change(Func<List<LeftResource>, bool> change, bool create)
        {
            if (!create && !File.Exists(Path))
            {
                return Array.Empty<LeftResource>();
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var gate = Lock();
            var list = Load();
            if (change(list))
            {
                Save(list);
            }

            return list;
        }

        private List<LeftResource> Load()
        {
            if (!File.Exists(Path))
            {
                return new List<LeftResource>();
            }

            try
            {
                var file = JsonSerializer.Deserialize<RecordFile>(File.ReadAllText(Path), Json);
                return file?.Resources?.Where(r => r != null).ToList() ?? new List<LeftResource>();
            }
            catch (JsonException)
            {
                // A damaged record is kept aside for a person to read, and a fresh one started.
                File.Copy(Path, Path + ".damaged", overwrite: true);
                return new List<LeftResource>();
            }
        }

        private void Save(List<LeftResource> list)
        {
            var temp = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(new RecordFile { Resources = list }, Json));
            if (File.Exists(Path))
            {
                File.Replace(temp, Path, null);
            }
            else
            {
                File.Move(temp, Path);
            }
        }

        private FileStream Lock()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (true)
            {
                try
                {
                    return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(25);
                }
            }
        }

        private static DateTime? StartOf(Process process)
        {
            try
            {
                return process.StartTime.ToUniversalTime();
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        private sealed class RecordFile
        {
            public int Version { get; set; } = 1;

            public List<LeftResource>? Resources { get; set; }
        }
    }
}
