using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CloudCompose.Image.Emulator;

// Child-process host: prints the URL on the first line, then serves until the parent exits, stdin closes
// (when asked) or no request arrives for the idle timeout.
var port = 0;
int? parentPid = null;
var idleTimeout = TimeSpan.FromSeconds(900);
var timeScale = 1.0;
var exitOnStdinEof = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port": port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--parent-pid": parentPid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--idle-timeout": idleTimeout = TimeSpan.FromSeconds(Math.Clamp(double.Parse(Next(), CultureInfo.InvariantCulture), 1, 86_400)); break;
        case "--time-scale": timeScale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--exit-on-stdin-eof": exitOnStdinEof = true; break;
        default:
            Console.Error.WriteLine($"Unknown argument {args[i]}. Usage: [--port 0] [--parent-pid N] [--idle-timeout 900] [--time-scale X] [--exit-on-stdin-eof]");
            return 2;
    }
}

await using var emulator = await Ec2Emulator.StartAsync(new EmulatorOptions { Port = port, TimeScale = timeScale });
Console.Out.WriteLine($"CloudCompose.Image.Emulator listening on {emulator.ServiceUrl}");
Console.Out.Flush();

// Not disposed: ProcessExit may fire after Main returns and still cancel it.
var stop = new CancellationTokenSource();
var reason = "stopped";
// SIGINT (Ctrl+C), SIGTERM (docker stop, systemd, CI cancel) and SIGHUP end the emulator the same orderly way: the
// default action is cancelled, the loop below ends, the server stops and the reason is printed.
var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
    .Select(s => PosixSignalRegistration.Create(s, context =>
    {
        context.Cancel = true;
        reason = context.Signal.ToString();
        stop.Cancel();
    }))
    .ToList();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
if (exitOnStdinEof)
{
    _ = Task.Run(async () =>
    {
        // ReadLine returns null at EOF; each line read is bounded input from the parent.
        while (await Console.In.ReadLineAsync() is not null) { }
        stop.Cancel();
    });
}

Process? parent = null;
if (parentPid is { } pid)
{
    try { parent = Process.GetProcessById(pid); }
    catch (ArgumentException) { return 0; }
}

// The watchdog ends on the first of: stop signal, parent gone, idle timeout — the last always comes.
while (!stop.IsCancellationRequested)
{
    try { await Task.Delay(TimeSpan.FromMilliseconds(250), stop.Token); }
    catch (OperationCanceledException) { break; }
    if (parent is not null && HasExited(parent)) { reason = "parent exited"; break; }
    if (emulator.State.IdleTime >= idleTimeout) { reason = "idle timeout"; break; }
}
Console.Error.WriteLine($"CloudCompose.Image.Emulator exiting: {reason}");
signals.ForEach(s => s.Dispose());
return 0;

static bool HasExited(Process p)
{
    try { p.Refresh(); return p.HasExited; }
    catch (InvalidOperationException) { return true; }
}
