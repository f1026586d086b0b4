using CloudCompose.Image.Emulator.Protocol;
using CloudCompose.Image.Emulator.Xml;

namespace CloudCompose.Image.Emulator.Actions;

/// <summary>Image attributes and the image switches: sharing, description, protection, disable, deprecation.</summary>
internal static class ImageAttributeActions
{
    public static void Register(Dictionary<string, Func<Ec2Request, string>> d)
    {
        d["ModifyImageAttribute"] = ModifyImageAttribute;
        d["DescribeImageAttribute"] = DescribeImageAttribute;
        d["EnableImageDeregistrationProtection"] = r => Protection(r, true);
        d["DisableImageDeregistrationProtection"] = r => Protection(r, false);
        d["EnableImage"] = EnableImage;
        d["DisableImage"] = DisableImage;
        d["EnableImageDeprecation"] = EnableImageDeprecation;
        d["DisableImageDeprecation"] = DisableImageDeprecation;
    }

    private static string ModifyImageAttribute(Ec2Request r)
    {
        var p = r.P;
        var image = ImageActions.Find(r, r.Store, p.Require("ImageId"), ownedOnly: true);
        var add = p.Members("LaunchPermission.Add").Select(Permission).ToList();
        var remove = p.Members("LaunchPermission.Remove").Select(Permission).ToList();
        var attribute = p.Get("Attribute");
        if (attribute == "launchPermission" || p.List("UserId").Count > 0 || p.List("UserGroup").Count > 0)
        {
            var perms = p.List("UserId").Select(u => new Grant(u, null, null, null)).Concat(p.List("UserGroup").Select(g => new Grant(null, g, null, null))).ToList();
            var op = p.Get("OperationType") ?? throw Ec2Error.Missing("OperationType");
            if (op == "add") add.AddRange(perms);
            else if (op == "remove") remove.AddRange(perms);
            else throw Ec2Error.InvalidParameterValue($"Value ({op}) for parameter operationType is invalid.");
        }
        var description = p.Get("Description.Value") ?? (attribute == "description" ? p.Get("Value") : null);
        if (add.Count == 0 && remove.Count == 0 && description is null)
        {
            if (attribute is not null and not ("launchPermission" or "description"))
                throw Ec2Error.InvalidParameterValue($"Value ({attribute}) for parameter attribute is invalid.");
            throw Ec2Error.Missing("LaunchPermission");
        }
        foreach (var g in add.Concat(remove))
        {
            if (g.Group is not null && g.Group != "all") throw Ec2Error.InvalidParameterValue($"Invalid group name {g.Group}; only 'all' is supported.");
            if (g.User is not null && (g.User.Length != 12 || !g.User.All(char.IsAsciiDigit))) throw Ec2Error.InvalidParameterValue($"Invalid user id: {g.User}");
            if (g.Organization is not null && !g.Organization.StartsWith("arn:aws:organizations::", StringComparison.Ordinal)) throw Ec2Error.InvalidParameterValue($"Invalid organization ARN: {g.Organization}");
            if (g.Unit is not null && !g.Unit.StartsWith("arn:aws:organizations::", StringComparison.Ordinal)) throw Ec2Error.InvalidParameterValue($"Invalid organizational unit ARN: {g.Unit}");
        }
        // "A disabled AMI can't be shared." (DisableImage)
        if (image.State == "disabled" && add.Count > 0) throw new Ec2Error("InvalidParameterValue", $"Image {image.Id} is disabled and cannot be shared.");
        foreach (var g in add)
        {
            if (g.Group == "all") image.Public = true;
            if (g.User is not null) image.SharedWith.Add(g.User);
            if (g.Organization is not null) image.SharedWithOrganizations.Add(g.Organization);
            if (g.Unit is not null) image.SharedWithUnits.Add(g.Unit);
        }
        foreach (var g in remove)
        {
            if (g.Group == "all") image.Public = false;
            if (g.User is not null) image.SharedWith.Remove(g.User);
            if (g.Organization is not null) image.SharedWithOrganizations.Remove(g.Organization);
            if (g.Unit is not null) image.SharedWithUnits.Remove(g.Unit);
        }
        if (description is not null) image.Description = description;
        return r.Xml().Finish();
    }

    private sealed record Grant(string? User, string? Group, string? Organization, string? Unit);

    private static Grant Permission(QueryParams m) => new(m.Get("UserId"), m.Get("Group"), m.Get("OrganizationArn"), m.Get("OrganizationalUnitArn"));

    private static string DescribeImageAttribute(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"));
        var attribute = r.P.Require("Attribute");
        var x = r.Xml().Elem("imageId", image.Id);
        switch (attribute)
        {
            case "launchPermission":
                if (image.OwnerId != Ec2Request.Account) throw new Ec2Error("AuthFailure", $"Not authorized for image:{image.Id}");
                var perms = image.SharedWith.OrderBy(u => u, StringComparer.Ordinal).Select(u => new Grant(u, null, null, null))
                    .Concat(image.SharedWithOrganizations.OrderBy(o => o, StringComparer.Ordinal).Select(o => new Grant(null, null, o, null)))
                    .Concat(image.SharedWithUnits.OrderBy(o => o, StringComparer.Ordinal).Select(o => new Grant(null, null, null, o))).ToList();
                if (image.Public) perms.Insert(0, new Grant(null, "all", null, null));
                x.Set("launchPermission", perms, (w, l) => w.Elem("group", l.Group).Elem("userId", l.User).Elem("organizationArn", l.Organization).Elem("organizationalUnitArn", l.Unit));
                break;
            case "description": x.Open("description").Elem("value", image.Description).Close(); break;
            case "lastLaunchedTime": x.Open("lastLaunchedTime").Elem("value", image.LastLaunchedTime).Close(); break;
            case "deregistrationProtection": x.Open("deregistrationProtection").Elem("value", ImageXml.Protection(image, r.Now)).Close(); break;
            // "The blockDeviceMapping attribute is deprecated. Using this attribute returns the Client.AuthFailure error."
            case "blockDeviceMapping": throw new Ec2Error("AuthFailure", "The blockDeviceMapping attribute is deprecated; describe the image instead.");
            case "bootMode": x.Open("bootMode").Elem("value", "uefi-preferred").Close(); break;
            case "imdsSupport": x.Open("imdsSupport").Elem("value", "v2.0").Close(); break;
            case "sriovNetSupport": x.Open("sriovNetSupport").Elem("value", "simple").Close(); break;
            case "kernel": x.Open("kernel").Close(); break;
            case "ramdisk": x.Open("ramdisk").Close(); break;
            case "productCodes": x.Open("productCodes").Close(); break;
            case "tpmSupport": x.Open("tpmSupport").Close(); break;
            case "uefiData": x.Open("uefiData").Close(); break;
            default: throw Ec2Error.InvalidParameterValue($"Value ({attribute}) for parameter attribute is invalid. Unknown attribute.");
        }
        return x.Finish();
    }

    private static string Protection(Ec2Request r, bool enable)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        if (enable)
        {
            image.Protected = true;
            image.ProtectedWithCooldown = r.P.Bool("WithCooldown") ?? false;
            image.ProtectedUntil = null;
        }
        else if (image.Protected)
        {
            // With a cooldown, protection outlives the disable call by 24 hours, as EC2 documents.
            if (image.ProtectedWithCooldown) image.ProtectedUntil = r.Now.AddHours(24);
            image.Protected = false;
            image.ProtectedWithCooldown = false;
        }
        // The response's return is a string documented as "Returns true if the request succeeds".
        return r.Xml().Elem("return", "true").Finish();
    }

    private static string EnableImage(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        if (image.State != "disabled") throw new Ec2Error("IncorrectState", $"Image {image.Id} is not disabled (state: {image.State}).");
        image.State = "available";
        return r.Ok();
    }

    private static string DisableImage(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        if (image.State != "available") throw new Ec2Error("IncorrectState", $"Image {image.Id} is not available (state: {image.State}).");
        // A disabled AMI loses its public and explicit sharing.
        image.State = "disabled";
        image.Public = false;
        image.SharedWith.Clear();
        image.SharedWithOrganizations.Clear();
        image.SharedWithUnits.Clear();
        return r.Ok();
    }

    private static string EnableImageDeprecation(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        var given = r.P.Time("DeprecateAt") ?? throw Ec2Error.Missing("DeprecateAt");
        // "If you specify a value for seconds, Amazon EC2 rounds the seconds to the nearest minute."
        var at = new DateTime((given.Ticks + TimeSpan.TicksPerMinute / 2) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        // "You can't specify a date in the past. The upper limit for DeprecateAt is 10 years from now, except for public
        // AMIs, where the upper limit is 2 years from the creation date."
        if (given < r.Now) throw Ec2Error.InvalidParameterValue("The deprecation time can't be in the past.");
        if (at > r.Now.AddYears(10)) throw Ec2Error.InvalidParameterValue("The deprecation time can't be more than 10 years in the future.");
        if (image.Public && at > image.CreationDate.AddYears(2)) throw Ec2Error.InvalidParameterValue("The deprecation time of a public AMI can't be more than 2 years after its creation date.");
        image.DeprecationTime = at;
        return r.Ok();
    }

    private static string DisableImageDeprecation(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        image.DeprecationTime = null;
        return r.Ok();
    }
}
