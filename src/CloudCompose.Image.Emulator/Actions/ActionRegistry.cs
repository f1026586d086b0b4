using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Actions;

internal static class ActionRegistry
{
    public static readonly IReadOnlyDictionary<string, Func<Ec2Request, string>> All = Build();

    private static Dictionary<string, Func<Ec2Request, string>> Build()
    {
        var d = new Dictionary<string, Func<Ec2Request, string>>(StringComparer.Ordinal);
        InstanceActions.Register(d);
        ImageActions.Register(d);
        ImageAttributeActions.Register(d);
        SnapshotActions.Register(d);
        TagActions.Register(d);
        LaunchTemplateActions.Register(d);
        ImageReferenceActions.Register(d);
        RecycleBinActions.Register(d);
        ImageUsageReportActions.Register(d);
        AccountActions.Register(d);
        AllowedImagesActions.Register(d);
        return d;
    }
}
