using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudCompose.Image.Aws;
using CloudCompose.Image.PowerShell.Hosting;

namespace CloudCompose.Image.PowerShell.Completion
{
    /// <summary>What the completers share: matching what was typed, quoting, and the connection parameters typed so far.</summary>
    internal static class CompletionValues
    {
        /// <summary>The values that start with (or match, with wildcards) what was typed, quoted when they need it.</summary>
        public static IEnumerable<CompletionResult> Match(IEnumerable<string> values, string? wordToComplete, string toolTipPrefix)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return values.Where(v => pattern.IsMatch(v)).Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, toolTipPrefix + v));
        }

        /// <summary>What was typed, without quotes and wildcard characters: a prefix an AWS filter can use.</summary>
        public static string? Prefix(string? wordToComplete)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var stop = typed.IndexOfAny(new[] { '*', '?', '[' });
            typed = stop >= 0 ? typed.Substring(0, stop) : typed;
            return typed.Length == 0 ? null : typed;
        }

        /// <summary>The connection parameters as typed on the command line so far.</summary>
        public static AwsConnectionOptions Connection(IDictionary? fakeBoundParameters)
        {
            var options = new AwsConnectionOptions
            {
                Region = Text(fakeBoundParameters, "Region"),
                ProfileName = Text(fakeBoundParameters, "ProfileName"),
                ProfileLocation = Text(fakeBoundParameters, "ProfileLocation"),
                EndpointUrl = Text(fakeBoundParameters, "EndpointUrl"),
            };
            try
            {
                var accessKey = Text(fakeBoundParameters, "AccessKey");
                var secretKey = Text(fakeBoundParameters, "SecretKey");
                if (accessKey != null && secretKey != null)
                {
                    options.Keys = new AwsKeys(accessKey, secretKey, Text(fakeBoundParameters, "SessionToken"));
                }
                else if (Value(fakeBoundParameters, "Credential") is { } credential)
                {
                    CredentialConverter.Convert(credential, "-Credential").ApplyTo(options);
                }
            }
            catch (Exception)
            {
                // Credentials that cannot be read yet: complete with the default chain.
            }

            return options;
        }

        /// <summary>A parameter's value as a single string (the first one of an array).</summary>
        public static string? Text(IDictionary? fakeBoundParameters, string name)
        {
            var value = Value(fakeBoundParameters, name);
            if (value is PSObject wrapped)
            {
                value = wrapped.BaseObject;
            }

            if (value is IEnumerable list && value is not string)
            {
                value = list.Cast<object?>().FirstOrDefault();
            }

            var text = value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static object? Value(IDictionary? fakeBoundParameters, string name) =>
            fakeBoundParameters != null && fakeBoundParameters.Contains(name) ? fakeBoundParameters[name] : null;

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|', '@', '#', '<', '>' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
