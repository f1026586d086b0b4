using System;
using System.Collections;
using System.Collections.Generic;
using CloudCompose.Image.Bake;
using CloudCompose.Image.Configuration;
using CloudCompose.Image.Errors;
using CloudCompose.Image.Templates;

namespace CloudCompose.Image.Rendering
{
    /// <summary>Renders image.sh for a configuration and builds the user data a builder receives.</summary>
    internal static class ScriptRenderer
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

        /// <summary>
        /// Renders image.sh and builds the user data a builder would receive for it: wrapped with a fresh token, the
        /// config's image.hygiene steps and a watchdog of <paramref name="watchdog"/> (the build's -Timeout) from now
        /// (a bake fixes the deadline at launch, in EC2's clock), or, without the template, only a shebang and the
        /// shutdown, as the original did.
        /// </summary>
        /// <param name="watchdog">Default: New-CloudComposeImage's default -Timeout.</param>
        public static UserDataScript Render(ImageConfig config, bool renderTemplate = true, TimeSpan? watchdog = null) =>
            Render(config, Environment.GetEnvironmentVariables(), renderTemplate, watchdog);

        public static UserDataScript Render(ImageConfig config, IDictionary environment, bool renderTemplate = true, TimeSpan? watchdog = null)
        {
            if (!renderTemplate)
            {
                return Complete(config, "#!/bin/bash", "#!/bin/bash\n" + ShutdownLine, new string[0]);
            }

            var rendered = new TemplateRenderer(config.SearchPath).Render(ScriptName, Variables(config, environment));
            return Complete(config, rendered.Text, Wrap(rendered.Text, watchdog ?? new BakeOptions().Timeout, config.Hygiene), rendered.Files);
        }

        private static UserDataScript Complete(ImageConfig config, string script, string userData, IReadOnlyList<string> files)
        {
            var bytes = UserDataWrapper.Bytes(userData, config.FilePath, out var compressed);
            return new UserDataScript(config.FilePath, config.Name, config.Version, script, userData, bytes, compressed, files);
        }

        /// <summary>
        /// image.test's script, found through the same search path and rendered with the same variables as image.sh, and
        /// the user data a test instance receives for it (the same wrapper, with the test's timeout as its watchdog).
        /// </summary>
        public static UserDataScript? RenderTest(ImageConfig config, IDictionary environment, TimeSpan? watchdog = null)
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

            return Complete(config, rendered.Text, Wrap(rendered.Text, watchdog ?? new BakeOptions().TestTimeout, null), rendered.Files);
        }

        private static string Wrap(string script, TimeSpan watchdog, IReadOnlyCollection<string>? hygiene) =>
            UserDataWrapper.Wrap(script, UserDataWrapper.NewToken(), BuildPlan.WholeSeconds(DateTime.UtcNow + watchdog), watchdog, hygiene);
    }
}
