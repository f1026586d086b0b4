using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.PowerShell.Completion
{
    /// <summary>
    /// Completes -Version with the ImageVersion tags of the images named by -Name (newest first); nothing until -Name
    /// is given. For Get-CloudComposeImage and Remove-UnusedCloudComposeImage.
    /// </summary>
    public sealed class ImageVersionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var name = CompletionValues.Text(fakeBoundParameters, "Name");
            if (name == null || WildcardPattern.ContainsWildcardCharacters(name))
            {
                return Enumerable.Empty<CompletionResult>();
            }

            IReadOnlyList<string> versions;
            try
            {
                versions = AwsCompletion.ImageVersionsAsync(CompletionValues.Connection(fakeBoundParameters), name, AwsCompletion.DefaultTimeout, default)
                    .GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                versions = Array.Empty<string>();
            }

            return CompletionValues.Match(versions, wordToComplete, name + " version ");
        }
    }
}
