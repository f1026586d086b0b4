using System;
using System.IO;
using System.Text;

namespace CloudCompose.Image.Bake
{
    /// <summary>
    /// One build's console lines as they are read: to the observer (the Information stream) and, with -LogPath, to the
    /// log file as they go, so a build that hangs or is killed leaves its log so far.
    /// </summary>
    internal sealed class BuildLog : IConsoleSink, IDisposable
    {
        private readonly string name;
        private readonly string version;
        private readonly IBuildLogObserver? observer;
        private readonly object gate = new object();
        private readonly IBuildObserver warnings;
        private StreamWriter? file;

        /// <param name="path">The log file (created or emptied now), or null for none.</param>
        public BuildLog(string name, string version, IBuildObserver observer, string? path)
        {
            this.name = name;
            this.version = version;
            this.observer = observer as IBuildLogObserver;
            warnings = observer;
            if (path != null)
            {
                var full = System.IO.Path.GetFullPath(path);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                file = new StreamWriter(new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
                Path = full;
            }
        }

        /// <summary>The log file's full path; null without -LogPath.</summary>
        public string? Path { get; }

        /// <summary>The builder the lines come from, once it is known.</summary>
        public string? InstanceId { get; set; }

        public void Line(string text, bool notice)
        {
            observer?.Log(new BuildLogLine { Name = name, Version = version, InstanceId = InstanceId, Text = text, Time = DateTime.UtcNow, IsNotice = notice });
            Write(f => f.WriteLine(text));
        }

        public void Flush() => Write(f => f.Flush());

        /// <summary>A log file that fails (a full disk) is given up with one warning; the build goes on.</summary>
        private void Write(Action<StreamWriter> write)
        {
            lock (gate)
            {
                if (file == null)
                {
                    return;
                }

                try
                {
                    write(file);
                }
                catch (IOException e)
                {
                    warnings.Warning($"Stopped writing the builder's console to {Path}: {e.Message}");
                    var failed = file;
                    file = null;
                    try
                    {
                        failed.Dispose();
                    }
                    catch (IOException)
                    {
                        // What could not be written cannot be flushed either.
                    }
                }
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                file?.Dispose();
                file = null;
            }
        }
    }
}
