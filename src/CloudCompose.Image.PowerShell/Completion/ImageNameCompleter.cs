using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.PowerShell.Completion
{
    /// <summary>
    /// Completes -Name with the ImageName tags of the account's images and builders, in the region and account the
    /// command line names so far. Gives up silently after a short timeout (offline, no credentials, no permission).
    /// </summary>
    public sealed class ImageNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            IReadOnlyList<string> names;
            try
            {
                names = AwsCompletion.ImageNamesAsync(CompletionValues.Connection(fakeBoundParameters), CompletionValues.Prefix(wordToComplete), AwsCompletion.DefaultTimeout, default)
                    .GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                names = Array.Empty<string>();
            }

            return CompletionValues.Match(names, wordToComplete, "Image name ");
        }
    }
}
