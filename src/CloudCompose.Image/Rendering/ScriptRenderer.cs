using System;
using System.Collections;
using System.Collections.Generic;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Templates;

namespace CloudCompose.Image.Rendering
{
    /// <summary>Renders image.sh for a configuration and builds the user data the original tool sent.</summary>
    public static class ScriptRenderer
    {
        public const string ScriptName = "image.sh";

        /// <summary>What the original appended to the script: the builder stops itself when done.</summary>
        public const string ShutdownLine = "shutdown -h now";

        /// <summary>
        /// The variables a template sees: every environment variable, then every key of the
        /// <c>image:</c> section, so a config key wins over an environment variable of the same name
        /// (the file is explicit; the environment is ambient).
        /// </summary>
        public static IReadOnlyDictionary<string, object?> Variables(ImageConfig config, IDictionary environment)
        {
            var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in environment)
            {
                if (entry.Key is string key && entry.Value is string value)
                {
                    variables[key] = value;
                }
            }

            foreach (var pair in config.Variables)
            {
                variables[pair.Key] = pair.Value;
            }

            return variables;
        }

        public static UserDataScript Render(ImageConfig config, bool renderTemplate = true) =>
            Render(config, Environment.GetEnvironmentVariables(), renderTemplate);

        public static UserDataScript Render(ImageConfig config, IDictionary environment, bool renderTemplate = true)
        {
            if (!renderTemplate)
            {
                return new UserDataScript(config.FilePath, config.Name, config.Version, "#!/bin/bash", "#!/bin/bash\n" + ShutdownLine, new string[0]);
            }

            var rendered = new TemplateRenderer(config.SearchPath).Render(ScriptName, Variables(config, environment));
            return new UserDataScript(config.FilePath, config.Name, config.Version, rendered.Text, rendered.Text + "\n" + ShutdownLine, rendered.Files);
        }

        /// <summary>image.test's script, found through the same search path and rendered with the same variables as image.sh.</summary>
        public static UserDataScript? RenderTest(ImageConfig config, IDictionary environment)
        {
            if (config.Test is not { } test)
            {
                return null;
            }

            RenderedTemplate rendered;
            try
            {
                rendered = new TemplateRenderer(config.SearchPath).Render(test.Script, Variables(config, environment));
            }
            catch (CloudComposeException e) when (e.ErrorId == TemplateErrors.NotFoundId && e.Line == 0)
            {
                // The script itself is missing (not one of its includes): the config line that names it is at fault.
                var key = config.Locations.ContainsKey("image.test.script") ? "image.test.script" : "image.test";
                throw ConfigError.At(TemplateErrors.NotFoundId, config.LocationOf(key), key, e.Message, e.Hint);
            }

            return new UserDataScript(config.FilePath, config.Name, config.Version, rendered.Text, rendered.Text + "\n" + ShutdownLine, rendered.Files);
        }
    }
}
