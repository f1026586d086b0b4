using System;
using System.Collections.Generic;
using System.Numerics;
using CloudCompose.Image.Jinja.Python;
using CloudCompose.Image.Jinja.Runtime;
using CloudCompose.Image.Jinja.Values;

namespace CloudCompose.Image.Jinja.Tests
{
    /// <summary>A test: <c>value is name(args)</c>.</summary>
    internal delegate bool Test(Frame frame, object? value, CallArgs args);

    /// <summary>Jinja2's builtin tests by name (tests.py TESTS).</summary>
    internal sealed class TestRegistry
    {
        public static readonly TestRegistry Default = Build();

        private readonly Dictionary<string, Test> tests = new Dictionary<string, Test>(StringComparer.Ordinal);

        public IEnumerable<string> Names => tests.Keys;

        public Test? Find(string name) => tests.TryGetValue(name, out var test) ? test : null;

        public bool Has(string name) => tests.ContainsKey(name);

        /// <summary>env.call_test: a test called by name from select() and friends.</summary>
        public bool Call(Frame frame, object? name, object? value, CallArgs args)
        {
            var text = PyTypes.AsString(name);
            if (text == null || !tests.TryGetValue(text, out var test))
            {
                throw Raise.TemplateRuntime($"No test named {PyRepr.Repr(name)}.");
            }

            return test(frame, value, args);
        }

        private void One(string name, Func<object?, bool> body)
        {
            var binder = new ArgBinder("test_" + name, new[] { "value" });
            tests[name] = (frame, value, args) => body(binder.Bind(args.Prepend(value))[0]);
        }

        private void Two(string name, string function, Func<object?, object?, bool> body)
        {
            var binder = new ArgBinder(function, new[] { "a", "b" });
            tests[name] = (frame, value, args) =>
            {
                var a = binder.Bind(args.Prepend(value));
                return body(a[0], a[1]);
            };
        }

        private static TestRegistry Build()
        {
            var r = new TestRegistry();
            r.One("odd", v => PyOps.Eq(PyArith.Mod(v, 2L), 1L));
            r.One("even", v => PyOps.Eq(PyArith.Mod(v, 2L), 0L));
            r.Two("divisibleby", "test_divisibleby", (v, n) => PyOps.Eq(PyArith.Mod(v, n), 0L));
            r.One("defined", v => !(v is Undefined));
            r.One("undefined", v => v is Undefined);
            r.One("none", v => v == null);
            r.One("boolean", v => v is bool);
            r.One("false", v => v is bool b && !b);
            r.One("true", v => v is bool b && b);
            r.One("integer", PyTypes.IsInteger);
            r.One("float", v => v is double || (v is TextNumber n && n.Number is double));
            r.One("number", PyTypes.IsNumber);
            r.One("string", PyTypes.IsString);
            r.One("mapping", v => v is PyDict);
            r.One("lower", v => PyStr.IsLowerString(PyRepr.Str(v)));
            r.One("upper", v => PyStr.IsUpperString(PyRepr.Str(v)));
            r.One("sequence", IsSequence);
            r.One("iterable", v => v is Undefined u && !u.IsLenient ? throw u.Fail() : PyIter.IsIterable(v));
            r.One("callable", v => v is IPyCallable || v is Undefined);
            r.One("escaped", v => v is Markup);
            r.Two("sameas", "test_sameas", SameAs);
            r.Two("in", "test_in", (v, seq) => PyOps.Contains(seq, v));
            r.tests["filter"] = (frame, value, args) => Named(args, value, frame.Environment.Filters.Has);
            r.tests["test"] = (frame, value, args) => Named(args, value, frame.Environment.Tests.Has);
            foreach (var (names, op) in new[]
            {
                (new[] { "==", "eq", "equalto" }, "=="),
                (new[] { "!=", "ne" }, "!="),
                (new[] { ">", "gt", "greaterthan" }, ">"),
                (new[] { ">=", "ge" }, ">="),
                (new[] { "<", "lt", "lessthan" }, "<"),
                (new[] { "<=", "le" }, "<="),
            })
            {
                foreach (var name in names)
                {
                    r.Two(name, op == "==" ? "eq" : op, (a, b) => PyOps.Compare(a, b, op));
                }
            }

            return r;
        }

        private static bool Named(CallArgs args, object? value, Func<string, bool> has)
        {
            new ArgBinder("test_filter", new[] { "value" }).Bind(args.Prepend(value));
            if (value is PyList || value is PyDict)
            {
                throw Raise.TypeError($"unhashable type: '{PyTypes.TypeName(value)}'");
            }

            return PyTypes.AsString(value) is string name && has(name);
        }

        private static bool IsSequence(object? value)
        {
            try
            {
                PyOps.Len(value);
            }
            catch (JinjaException)
            {
                return false;
            }

            return value is string || value is Markup || value is PyList || value is PyTuple || value is PyDict || value is PyRange || value is IPyItems;
        }

        /// <summary>Python's <c>is</c>: None, booleans and small ints are singletons; anything else is identity.</summary>
        private static bool SameAs(object? a, object? b)
        {
            if (a == null || b == null)
            {
                return a == null && b == null;
            }

            a = PyOps.Unwrap(a);
            b = PyOps.Unwrap(b);
            switch (a)
            {
                case bool x:
                    return b is bool by && x == by;
                case long x:
                    return b is long ly && x == ly && x >= -5 && x <= 256;
                case string x:
                    return b is string sy && (ReferenceEquals(x, sy) || (x == sy && x.Length <= 1));
                case double _:
                case BigInteger _:
                    return ReferenceEquals(a, b);
                default:
                    return ReferenceEquals(a, b);
            }
        }
    }
}
