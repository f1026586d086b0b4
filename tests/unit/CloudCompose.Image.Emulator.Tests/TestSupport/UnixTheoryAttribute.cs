using Xunit;

namespace CloudCompose.Image.Emulator.Tests.TestSupport;

/// <summary>A theory that sends POSIX signals with kill(2): skipped, with the reason shown, where there is none.</summary>
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "POSIX signals are sent with kill(2), which Windows does not have.";
    }
}
