using System.Collections.Generic;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Syntax
{
    /// <summary>The arguments written in a call, filter or test: positional, key=value, *args, **kwargs.</summary>
    internal sealed class ArgList
    {
        public static readonly ArgList Empty = new ArgList(new List<Expr>(), new List<KeyValuePair<string, Expr>>(), null, null);

        public ArgList(List<Expr> positional, List<KeyValuePair<string, Expr>> keywords, Expr? dynArgs, Expr? dynKwargs)
        {
            Positional = positional;
            Keywords = keywords;
            DynArgs = dynArgs;
            DynKwargs = dynKwargs;
            var depth = 0;
            foreach (var e in positional)
            {
                depth = System.Math.Max(depth, e.CompileDepth);
            }

            foreach (var pair in keywords)
            {
                depth = System.Math.Max(depth, pair.Value.CompileDepth);
            }

            CompileDepth = System.Math.Max(depth, System.Math.Max(dynArgs?.CompileDepth ?? 0, dynKwargs?.CompileDepth ?? 0));
        }

        public List<Expr> Positional { get; }

        public List<KeyValuePair<string, Expr>> Keywords { get; }

        public Expr? DynArgs { get; }

        public Expr? DynKwargs { get; }

        public int CompileDepth { get; }

        public bool IsEmpty => Positional.Count == 0 && Keywords.Count == 0 && DynArgs == null && DynKwargs == null;

        public CallArgs Evaluate(Frame frame)
        {
            if (IsEmpty)
            {
                return CallArgs.None;
            }

            var positional = new List<object?>(Positional.Count);
            foreach (var e in Positional)
            {
                positional.Add(e.Eval(frame));
            }

            var keywords = new List<KeyValuePair<string, object?>>(Keywords.Count);
            foreach (var pair in Keywords)
            {
                keywords.Add(new KeyValuePair<string, object?>(pair.Key, pair.Value.Eval(frame)));
            }

            if (DynArgs != null)
            {
                positional.AddRange(PyIter.Iterate(DynArgs.Eval(frame)));
            }

            if (DynKwargs != null)
            {
                var mapping = DynKwargs.Eval(frame);
                if (!(mapping is PyDict dict))
                {
                    throw Raise.TypeError($"argument after ** must be a mapping, not {PyTypes.TypeName(mapping)}");
                }

                foreach (var pair in dict.Items)
                {
                    if (!(pair.Key is string key))
                    {
                        throw Raise.TypeError("keywords must be strings");
                    }

                    keywords.Add(new KeyValuePair<string, object?>(key, pair.Value));
                }
            }

            return new CallArgs(positional, keywords);
        }

        /// <summary>The expression that produced <paramref name="value"/>, to point an undefined-value error at it.</summary>
        public Expr? Producer(CallArgs args, object? value)
        {
            for (var i = 0; i < Positional.Count && i < args.Positional.Count; i++)
            {
                if (ReferenceEquals(args.Positional[i], value))
                {
                    return Positional[i];
                }
            }

            for (var i = 0; i < Keywords.Count && i < args.Keywords.Count; i++)
            {
                if (ReferenceEquals(args.Keywords[i].Value, value))
                {
                    return Keywords[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>f(args): macros, caller(), loop(), super(), methods, globals.</summary>
    internal sealed class Call : Expr
    {
        public Call(Expr callee, ArgList args, int line, int column)
            : base(line, column)
        {
            Callee = callee;
            Args = args;
            CompileDepth = 2 + System.Math.Max(callee.CompileDepth, args.CompileDepth);
        }

        public Expr Callee { get; }

        public ArgList Args { get; }

        public override object? Eval(Frame frame) => Invoke(frame, null);

        /// <summary>Calls with an extra <c>caller</c> keyword ({% call %}).</summary>
        public object? Invoke(Frame frame, object? caller)
        {
            var callee = Callee.Eval(frame);
            CallArgs args;
            try
            {
                args = Args.Evaluate(frame);
            }
            catch (JinjaException e) when (Locate(e, frame))
            {
                throw;
            }

            if (caller != null)
            {
                var keywords = new List<KeyValuePair<string, object?>>(args.Keywords) { new KeyValuePair<string, object?>("caller", caller) };
                args = new CallArgs(args.Positional, keywords);
            }

            try
            {
                return Calling.Call(frame, callee, args);
            }
            catch (JinjaException e) when (Locate(e, frame, Callee, callee, Args.Producer(args, e.Culprit), e.Culprit))
            {
                throw;
            }
        }
    }

    /// <summary>A filter or test applied to a value: the arguments evaluated, the function found by name, called.</summary>
    internal abstract class NamedFunctionExpr : Expr
    {
        protected NamedFunctionExpr(Expr? target, string name, ArgList args, int line, int column)
            : base(line, column)
        {
            Target = target;
            FunctionName = name;
            Args = args;
            CompileDepth = 3 + System.Math.Max(target?.CompileDepth ?? 0, args.CompileDepth);
        }

        public Expr? Target { get; }

        public string FunctionName { get; }

        public ArgList Args { get; }

        /// <summary>Calls the filter or test of that name; a TemplateRuntimeError when there is none.</summary>
        protected abstract object? Call(Frame frame, object? value, CallArgs args);

        public object? Apply(Frame frame, object? value)
        {
            CallArgs args;
            try
            {
                args = Args.Evaluate(frame);
            }
            catch (JinjaException e) when (Locate(e, frame))
            {
                throw;
            }

            try
            {
                return Call(frame, value, args);
            }
            catch (JinjaException e) when (Locate(e, frame, Target, value, Args.Producer(args, e.Culprit), e.Culprit))
            {
                throw;
            }
        }
    }

    /// <summary>value|name(args), or the body of a {% filter %} block when <see cref="NamedFunctionExpr.Target"/> is null.</summary>
    internal sealed class FilterExpr : NamedFunctionExpr
    {
        public FilterExpr(Expr? target, string name, ArgList args, int line, int column)
            : base(target, name, args, line, column)
        {
        }

        public string FilterName => FunctionName;

        public override object? Eval(Frame frame) => Apply(frame, Target!.Eval(frame));

        protected override object? Call(Frame frame, object? value, CallArgs args)
        {
            var filters = frame.Environment.Filters;
            var filter = filters.Find(FunctionName)
                ?? throw Raise.TemplateRuntime($"No filter named {PyRepr.Repr(FunctionName)} found.{Parsing.Compiler.Hint(FunctionName, filters.Names)}");
            return filter(frame, value, args);
        }
    }

    /// <summary>value is name(args).</summary>
    internal sealed class TestExpr : NamedFunctionExpr
    {
        public TestExpr(Expr target, string name, ArgList args, int line, int column)
            : base(target, name, args, line, column)
        {
        }

        public string TestName => FunctionName;

        public override object? Eval(Frame frame) => Apply(frame, Target!.Eval(frame));

        protected override object? Call(Frame frame, object? value, CallArgs args)
        {
            var tests = frame.Environment.Tests;
            var test = tests.Find(FunctionName)
                ?? throw Raise.TemplateRuntime($"No test named {PyRepr.Repr(FunctionName)} found.{Parsing.Compiler.Hint(FunctionName, tests.Names)}");
            return test(frame, value, args);
        }
    }
}
