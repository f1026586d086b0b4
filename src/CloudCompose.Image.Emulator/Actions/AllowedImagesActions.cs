using CloudCompose.Image.Emulator.Protocol;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>
/// Allowed AMIs: per region disabled, audit-mode (every AMI usable, DescribeImages says which would be allowed) or enabled
/// (only allowed AMIs are discoverable and launchable). The criteria are not modelled: seeded images say whether they meet them.
/// </summary>
internal static class AllowedImagesActions
{
    public static readonly string[] States = ["disabled", "audit-mode", "enabled"];

    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["GetAllowedImagesSettings"] = r => r.Xml().Elem("state", r.Store.AllowedImagesState).Open("imageCriterionSet").Close().Elem("managedBy", "account").Finish();
        d["EnableAllowedImagesSettings"] = Enable;
        d["DisableAllowedImagesSettings"] = r =>
        {
            r.Store.AllowedImagesState = "disabled";
            return r.Xml().Elem("allowedImagesSettingsState", "disabled").Finish();
        };
    }

    private static string Enable(Ec2Request r)
    {
        var state = r.P.Require("AllowedImagesSettingsState");
        if (state is not ("enabled" or "audit-mode"))
            throw Ec2Error.InvalidParameterValue($"Value ({state}) for parameter AllowedImagesSettingsState is invalid. Expected: 'enabled', 'audit-mode'.");
        r.Store.AllowedImagesState = state;
        return r.Xml().Elem("allowedImagesSettingsState", state).Finish();
    }
}
