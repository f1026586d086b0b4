namespace CloudCompose.Image.Emulator.Model;

/// <summary>What an instance type can do that the emulated API depends on.</summary>
internal static class InstanceTypes
{
    /// <summary>Families on the Xen hypervisor (the previous generation and a few current ones); every other family is
    /// built on the Nitro System.</summary>
    private static readonly HashSet<string> XenFamilies = new(StringComparer.Ordinal)
    {
        "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "cc2", "cg1", "cr1", "r3", "r4", "x1", "x1e",
        "i2", "i3", "d2", "g2", "g3", "g3s", "p2", "p3", "f1", "h1", "hi1", "hs1",
    };

    /// <summary>GetConsoleOutput's Latest option works only on Nitro instance types (bare metal ones included).</summary>
    public static bool IsNitro(string instanceType)
    {
        var dot = instanceType.IndexOf('.');
        var family = dot < 0 ? instanceType : instanceType[..dot];
        return instanceType.EndsWith(".metal", StringComparison.Ordinal) || !XenFamilies.Contains(family);
    }
}
