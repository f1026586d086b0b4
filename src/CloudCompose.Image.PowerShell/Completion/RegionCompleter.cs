using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using CloudCompose.Image.Aws;

namespace CloudCompose.Image.PowerShell.Completion
{
    /// <summary>Completes -Region with the EC2 region names the AWS SDK knows.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Match(AwsCompletion.RegionNames(), wordToComplete, "Region ");
    }
}
