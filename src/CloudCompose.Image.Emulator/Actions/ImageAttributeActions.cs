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
        var add = p.Members("LaunchPermission.Add").Select(m => (m.Get("UserId"), m.Get("Group"))).ToList();
        var remove = p.Members("LaunchPermission.Remove").Select(m => (m.Get("UserId"), m.Get("Group"))).ToList();
        var attribute = p.Get("Attribute");
        if (attribute == "launchPermission" || p.List("UserId").Count > 0 || p.List("UserGroup").Count > 0)
        {
            var perms = p.List("UserId").Select(u => ((string?)u, (string?)null)).Concat(p.List("UserGroup").Select(g => ((string?)null, (string?)g))).ToList();
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
        foreach (var (user, group) in add.Concat(remove))
        {
            if (group is not null && group != "all") throw Ec2Error.InvalidParameterValue($"Invalid group name {group}; only 'all' is supported.");
            if (user is not null && (user.Length != 12 || !user.All(char.IsAsciiDigit))) throw Ec2Error.InvalidParameterValue($"Invalid user id: {user}");
        }
        if (image.State == "disabled" && add.Count > 0) throw new Ec2Error("InvalidParameterValue", $"Image {image.Id} is disabled and cannot be shared.");
        foreach (var (user, group) in add)
        {
            if (group == "all") image.Public = true;
            if (user is not null) image.SharedWith.Add(user);
        }
        foreach (var (user, group) in remove)
        {
            if (group == "all") image.Public = false;
            if (user is not null) image.SharedWith.Remove(user);
        }
        if (description is not null) image.Description = description;
        return r.Xml().Finish();
    }

    private static string DescribeImageAttribute(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"));
        var attribute = r.P.Require("Attribute");
        var x = r.Xml().Elem("imageId", image.Id);
        switch (attribute)
        {
            case "launchPermission":
                if (image.OwnerId != Ec2Request.Account) throw new Ec2Error("AuthFailure", $"Not authorized for image:{image.Id}");
                var perms = image.SharedWith.OrderBy(u => u, StringComparer.Ordinal).Select(u => (User: (string?)u, Group: (string?)null)).ToList();
                if (image.Public) perms.Insert(0, (null, "all"));
                x.Set("launchPermission", perms, (w, l) => w.Elem("group", l.Group).Elem("userId", l.User));
                break;
            case "description": x.Open("description").Elem("value", image.Description).Close(); break;
            case "lastLaunchedTime": x.Open("lastLaunchedTime").Elem("value", image.LastLaunchedTime).Close(); break;
            case "deregistrationProtection": x.Open("deregistrationProtection").Elem("value", ImageXml.Protection(image, r.Now)).Close(); break;
            case "blockDeviceMapping": ImageXml.Devices(x, "blockDeviceMapping", image.Devices); break;
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
        return r.Xml().Elem("return", ImageXml.Protection(image, r.Now)).Finish();
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
        return r.Ok();
    }

    private static string EnableImageDeprecation(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        var at = r.P.Time("DeprecateAt") ?? throw Ec2Error.Missing("DeprecateAt");
        if (at > r.Now.AddYears(10)) throw Ec2Error.InvalidParameterValue("The deprecation time can't be more than 10 years in the future.");
        // EC2 drops seconds: the deprecation time is stored to the minute.
        image.DeprecationTime = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, DateTimeKind.Utc);
        return r.Ok();
    }

    private static string DisableImageDeprecation(Ec2Request r)
    {
        var image = ImageActions.Find(r, r.Store, r.P.Require("ImageId"), ownedOnly: true);
        image.DeprecationTime = null;
        return r.Ok();
    }
}
