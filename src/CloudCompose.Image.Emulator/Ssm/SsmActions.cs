using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CloudCompose.Image.Emulator.Model;

namespace CloudCompose.Image.Emulator.Ssm;

/// <summary>
/// The Parameter Store subset of Systems Manager that publishing an image needs, with the rules of the SSM API
/// reference (PutParameter, GetParameter, GetParameterHistory, AddTagsToResource, ListTagsForResource).
/// </summary>
internal static partial class SsmActions
{
    public static readonly IReadOnlyDictionary<string, Func<SsmRequest, object>> All = new Dictionary<string, Func<SsmRequest, object>>(StringComparer.Ordinal)
    {
        ["PutParameter"] = PutParameter,
        ["GetParameter"] = GetParameter,
        ["GetParameterHistory"] = GetParameterHistory,
        ["AddTagsToResource"] = AddTagsToResource,
        ["ListTagsForResource"] = ListTagsForResource,
    };

    private static readonly string[] Types = ["String", "StringList", "SecureString"];
    private static readonly string[] DataTypes = ["text", SsmParameter.ImageDataType, "aws:ssm:integration"];
    private const int StandardValueLimit = 4096;
    private const int MaxNameWithArn = 1011;
    private const int MaxHierarchyLevels = 15;
    private const int MaxTags = 50;

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-/]+$")]
    private static partial Regex NameCharacters();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagText();

    private static object PutParameter(SsmRequest r)
    {
        var name = CheckName(r, r.RequireText("Name"));
        var value = r.RequireText("Value");
        if (Encoding.UTF8.GetByteCount(value) > StandardValueLimit)
            throw SsmError.Validation($"Standard tier parameters support a maximum parameter value of {StandardValueLimit} characters.");
        var overwrite = r.Bool("Overwrite") ?? false;
        var tags = r.Tags("Tags");
        if (overwrite && tags is { Count: > 0 })
            throw SsmError.Validation("Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.");
        if (tags is not null) CheckTags(tags);
        var type = r.Text("Type");
        if (type is not null && !Types.Contains(type)) throw new SsmError("UnsupportedParameterType", $"The parameter type {type} isn't supported.");
        var dataType = r.Text("DataType");
        if (dataType is not null && !DataTypes.Contains(dataType))
            throw SsmError.Validation($"The following data type is not supported: {dataType} (Data type names are all lowercase.)");

        var p = r.Store.SsmParameters.FirstOrDefault(x => x.Name == name);
        if (p is { Pending: not null })
            throw new SsmError("TooManyUpdates", $"Validation of parameter {name} is still in progress; try again when it has finished.");
        var current = p?.Current;
        if (current is not null && !overwrite)
            throw new SsmError("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        if (current is null && type is null) throw SsmError.Validation("A parameter type is required when you create a parameter.");
        type ??= current!.Type;
        dataType ??= current?.DataType ?? "text";
        if (current is not null && current.DataType != dataType && (current.DataType == SsmParameter.ImageDataType || dataType == SsmParameter.ImageDataType))
            throw SsmError.Validation($"You can't change the data type of parameter {name} from {current.DataType} to {dataType}.");
        if (dataType == SsmParameter.ImageDataType && type != "String")
            throw SsmError.Validation("The aws:ec2:image data type is only supported for String parameters.");

        if (p is null) r.Store.SsmParameters.Add(p = new SsmParameter(name));
        var version = new SsmParameterVersion(++p.LastVersion, value, type, dataType, r.Text("Description") ?? current?.Description, r.Now);
        var tagMap = tags?.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (dataType == SsmParameter.ImageDataType)
        {
            // The version number is handed out now, the parameter changes only once validation has passed.
            p.Pending = new SsmPendingVersion(version, tagMap, r.Now, r.Now + r.State.Delays.SsmValidationDelay);
        }
        else
        {
            SsmValidation.Append(p, version);
            if (tagMap is not null) foreach (var (k, v) in tagMap) p.Tags[k] = v;
        }
        return new { Version = version.Version, Tier = "Standard" };
    }

    private static object GetParameter(SsmRequest r)
    {
        var (name, selector) = SplitSelector(r.RequireText("Name"));
        var p = Find(r, name);
        var version = p.Current!;
        if (selector is not null)
        {
            if (!long.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                throw SsmError.Validation("Parameter labels are not modelled by this emulator; select a version number.");
            version = p.Versions.FirstOrDefault(v => v.Version == number)
                ?? throw new SsmError("ParameterVersionNotFound", $"Systems Manager could not find version {number} of {name}. Verify the version and try again.");
        }
        return new { Parameter = Describe(r, p, version, selector is null ? null : ":" + selector) };
    }

    private static object GetParameterHistory(SsmRequest r)
    {
        var (name, _) = SplitSelector(r.RequireText("Name"));
        var p = Find(r, name);
        var max = r.Int("MaxResults") ?? 50;
        if (max is < 1 or > 50)
            throw SsmError.Validation($"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
        var start = 0;
        if (r.Text("NextToken") is { Length: > 0 } token)
        {
            var decoded = DecodeToken(token);
            if (decoded is not { } d || d.Name != p.Name || d.Index < 0 || d.Index > p.Versions.Count)
                throw new SsmError("InvalidNextToken", "The specified token isn't valid.");
            start = d.Index;
        }
        var page = p.Versions.Skip(start).Take(max).ToList();
        var next = start + page.Count < p.Versions.Count ? EncodeToken(p.Name, start + page.Count) : null;
        return new
        {
            Parameters = page.Select(v => new
            {
                Name = p.Name, Type = v.Type, Value = v.Value, Version = v.Version, LastModifiedDate = Epoch(v.LastModified),
                LastModifiedUser = $"arn:aws:iam::{EmulatorState.AccountId}:user/emulator", Description = v.Description,
                DataType = v.DataType, Tier = "Standard", Labels = Array.Empty<string>(), Policies = Array.Empty<object>(),
            }).ToList(),
            NextToken = next,
        };
    }

    private static object AddTagsToResource(SsmRequest r)
    {
        var p = TaggedParameter(r);
        var tags = r.Tags("Tags") ?? throw SsmError.Validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        CheckTags(tags);
        if (p.Tags.Keys.Union(tags.Select(t => t.Key)).Count() > MaxTags) throw new SsmError("TooManyTagsError", $"A resource can have at most {MaxTags} tags.");
        foreach (var (k, v) in tags) p.Tags[k] = v;
        return new { };
    }

    private static object ListTagsForResource(SsmRequest r)
    {
        var p = TaggedParameter(r);
        return new { TagList = p.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new { t.Key, t.Value }).ToList() };
    }

    private static SsmParameter TaggedParameter(SsmRequest r)
    {
        var type = r.RequireText("ResourceType");
        if (type != "Parameter") throw new SsmError("InvalidResourceType", $"The resource type {type} is not modelled by this emulator (only Parameter).");
        var id = r.RequireText("ResourceId");
        return r.Store.SsmParameters.FirstOrDefault(x => x.Name == id && x.Exists)
            ?? throw new SsmError("InvalidResourceId", "The resource ID isn't valid. Verify that you entered the correct ID and try again.");
    }

    private static object Describe(SsmRequest r, SsmParameter p, SsmParameterVersion v, string? selector) => new
    {
        Name = p.Name, Type = v.Type, Value = v.Value, Version = v.Version, Selector = selector,
        LastModifiedDate = Epoch(v.LastModified), ARN = r.Arn(p.Name), DataType = v.DataType,
    };

    /// <summary>Until its first version has validated, a parameter does not exist for readers.</summary>
    private static SsmParameter Find(SsmRequest r, string nameOrArn)
    {
        var prefix = $"arn:aws:ssm:{r.Region}:{EmulatorState.AccountId}:parameter/";
        var names = nameOrArn.StartsWith(prefix, StringComparison.Ordinal)
            ? new[] { "/" + nameOrArn[prefix.Length..], nameOrArn[prefix.Length..] }
            : new[] { nameOrArn.Trim() };
        return r.Store.SsmParameters.FirstOrDefault(x => names.Contains(x.Name) && x.Exists) ?? throw SsmError.NotFound(names[0]);
    }

    private static (string Name, string? Selector) SplitSelector(string text)
    {
        if (text.StartsWith("arn:", StringComparison.Ordinal)) return (text, null);
        var colon = text.LastIndexOf(':');
        return colon < 0 ? (text, null) : (text[..colon], text[(colon + 1)..]);
    }

    private static string CheckName(SsmRequest r, string given)
    {
        var name = given.Trim();
        if (name.Contains(' ')) throw SsmError.Validation("Parameter name: can't contain spaces.");
        var bare = name.TrimStart('/');
        if (!NameCharacters().IsMatch(name) || bare.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
            throw SsmError.Validation("Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_");
        if (name.Contains('/') && !name.StartsWith('/')) throw SsmError.Validation("Parameter name must be a fully qualified name.");
        if (name.Split('/', StringSplitOptions.RemoveEmptyEntries).Length > MaxHierarchyLevels)
            throw new SsmError("HierarchyLevelLimitExceededException", $"A hierarchy can have a maximum of {MaxHierarchyLevels} levels.");
        if (r.Arn(name).Length > MaxNameWithArn)
            throw SsmError.Validation($"Parameter name, including its ARN, can be at most {MaxNameWithArn} characters.");
        return name;
    }

    private static void CheckTags(List<KeyValuePair<string, string>> tags)
    {
        if (tags.Count > MaxTags) throw new SsmError("TooManyTagsError", $"A resource can have at most {MaxTags} tags.");
        foreach (var (k, v) in tags)
        {
            if (k.Length is < 1 or > 128 || !TagText().IsMatch(k) || k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                throw SsmError.Validation($"Tag key '{k}' is invalid: 1 to 128 letters, numbers, spaces and _.:/=+-@, not starting with aws:.");
            if (v.Length > 256 || !TagText().IsMatch(v))
                throw SsmError.Validation($"Tag value of '{k}' is invalid: up to 256 letters, numbers, spaces and _.:/=+-@.");
        }
    }

    private static double Epoch(DateTime t) => Math.Round((t - DateTime.UnixEpoch).TotalSeconds, 3);

    private static string EncodeToken(string name, int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"ssm-history\n{name}\n{index}"));

    private static (string Name, int Index)? DecodeToken(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\n');
            return parts.Length == 3 && parts[0] == "ssm-history" && int.TryParse(parts[2], out var i) ? (parts[1], i) : null;
        }
        catch (FormatException) { return null; }
    }
}
