using System.Collections.Generic;
using System.Text;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Syntax;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Runtime
{
    /// <summary>
    /// A macro (or the caller of a {% call %} block) bound to the frame it was defined in. Calling it binds
    /// arguments as Jinja2's Macro.__call__ does and renders the body into a string.
    /// </summary>
    internal sealed class Macro : IPyCallable, IPyObject
    {
        private readonly MacroSignature signature;
        private readonly Frame closure;
        private readonly bool autoescape;

        public Macro(MacroSignature signature, Frame closure, bool autoescape)
        {
            this.signature = signature;
            this.closure = closure;
            this.autoescape = autoescape;
        }

        public string? Name => signature.Name;

        public string TypeName => "Macro";

        public string Module => "jinja2.runtime";

        public object? Call(Frame caller, CallArgs args)
        {
            var names = signature.Arguments;
            var positional = args.Positional;
            var kwargs = new List<KeyValuePair<string, object?>>(args.Keywords);
            var values = new object?[names.Count];
            var count = System.Math.Min(positional.Count, names.Count);
            for (var i = 0; i < count; i++)
            {
                values[i] = positional[i];
            }

            var foundCaller = false;
            if (count != names.Count)
            {
                for (var i = count; i < names.Count; i++)
                {
                    values[i] = Take(kwargs, names[i]);
                    foundCaller |= names[i] == "caller";
                }
            }
            else
            {
                foundCaller = signature.ExplicitCaller;
            }

            object? callerValue = null;
            if (signature.UsesCaller && !foundCaller)
            {
                callerValue = Take(kwargs, "caller");
                if (callerValue is Missing || callerValue == null)
                {
                    callerValue = Undefined.WithHint("No caller defined", "caller");
                }
            }

            PyDict? kwargsValue = null;
            if (signature.CatchKwargs)
            {
                kwargsValue = new PyDict();
                foreach (var pair in kwargs)
                {
                    kwargsValue.Set(pair.Key, pair.Value);
                }
            }
            else if (kwargs.Count > 0)
            {
                if (kwargs.Exists(p => p.Key == "caller"))
                {
                    throw Raise.TypeError($"macro {PyRepr.Repr(Name)} was invoked with two values for the special caller argument. This is most likely a bug.");
                }

                throw Raise.TypeError($"macro {PyRepr.Repr(Name)} takes no keyword argument {PyRepr.Repr(kwargs[0].Key)}");
            }

            PyTuple? varargs = null;
            if (signature.CatchVarargs)
            {
                varargs = new PyTuple(positional.Count > names.Count ? positional.GetRange(names.Count, positional.Count - names.Count) : new List<object?>());
            }
            else if (positional.Count > names.Count)
            {
                throw Raise.TypeError($"macro {PyRepr.Repr(Name)} takes not more than {names.Count} argument(s)");
            }

            var renderer = caller.Renderer;
            renderer.Enter(FrameCosts.MacroCall);
            try
            {
                var output = new StringBuilder();
                var body = closure.MacroBody(output, autoescape);
                for (var i = 0; i < names.Count; i++)
                {
                    var value = values[i];
                    if (value is Missing)
                    {
                        var defaultIndex = i - (names.Count - signature.Defaults.Count);
                        value = defaultIndex >= 0
                            ? Default(body, signature.Defaults[defaultIndex])
                            : Undefined.WithHint($"parameter {PyRepr.Repr(names[i])} was not provided", names[i]);
                    }

                    body.SetLocal(names[i], value);
                }

                if (callerValue != null)
                {
                    body.SetLocal("caller", callerValue);
                }

                if (kwargsValue != null)
                {
                    body.SetLocal("kwargs", kwargsValue);
                }

                if (varargs != null)
                {
                    body.SetLocal("varargs", varargs);
                }

                foreach (var statement in signature.Body)
                {
                    statement.Execute(body);
                }

                var text = output.ToString();
                return caller.Autoescape ? new Markup(text) : (object)text;
            }
            finally
            {
                renderer.Leave(FrameCosts.MacroCall);
            }
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            switch (name)
            {
                case "name":
                case "__name__":
                    value = Name;
                    return true;
                case "arguments":
                    value = new PyTuple(signature.Arguments.ConvertAll(a => (object?)a));
                    return true;
                case "catch_kwargs":
                    value = signature.CatchKwargs;
                    return true;
                case "catch_varargs":
                    value = signature.CatchVarargs;
                    return true;
                case "caller":
                    value = signature.UsesCaller;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }

        public string Repr() => $"<Macro {(Name == null ? "anonymous" : PyRepr.Repr(Name))}>";

        /// <summary>A default value, evaluated in the macro's scope; an error in it belongs to the macro's line.</summary>
        private object? Default(Frame body, Expr value)
        {
            try
            {
                return value.Eval(body);
            }
            catch (JinjaException e) when (!e.Positioned)
            {
                if (e.Location is not JinjaLocation at || at.Line != signature.Line)
                {
                    e.Location = body.Source.Location(signature.Line, signature.Column);
                }

                e.Positioned = true;
                throw;
            }
        }

        private static object? Take(List<KeyValuePair<string, object?>> kwargs, string name)
        {
            var index = kwargs.FindIndex(p => p.Key == name);
            if (index < 0)
            {
                return Missing.Value;
            }

            var value = kwargs[index].Value;
            kwargs.RemoveAt(index);
            return value;
        }
    }
}
