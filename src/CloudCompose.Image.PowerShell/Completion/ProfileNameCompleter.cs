using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.PowerShell.Completion
{
    /// <summary>Completes -ProfileName with the profiles of the shared AWS config and credentials files (the SDK's profile store).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Match(AwsCompletion.ProfileNames(), wordToComplete, "AWS profile ");
    }
}
