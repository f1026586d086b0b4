namespace CloudCompose.Image.Jinja.Values
{
    /// <summary>A runtime object with Python-visible attributes (loop, namespace(), cycler, macros, modules).</summary>
    internal interface IPyObject
    {
        /// <summary>Python's type name (<c>LoopContext</c>).</summary>
        string TypeName { get; }

        /// <summary>The module the Python type lives in (<c>jinja2.runtime</c>), for error messages.</summary>
        string Module { get; }

        bool TryGetAttribute(string name, out object? value);

        /// <summary>What repr() shows; str() shows the same unless the object also implements <see cref="IPyStr"/>.</summary>
        string Repr();
    }

    /// <summary>An object whose str() differs from its repr() (a template module prints its output).</summary>
    internal interface IPyStr
    {
        string Str();
    }

    /// <summary>An object with a length (len(), truthiness): the loop object.</summary>
    internal interface IPyLength
    {
        long Length { get; }
    }

    /// <summary>An object whose attributes a template may assign: <c>{% set ns.x = 1 %}</c>.</summary>
    internal interface IPySetAttribute
    {
        void SetAttribute(string name, object? value);
    }

    /// <summary>A runtime object a for loop can walk (a cycler is not one; the loop object is).</summary>
    internal interface IPyIterable
    {
        System.Collections.Generic.IEnumerable<object?> Iterate();
    }

    /// <summary>A runtime object that supports obj[key] (the self template reference).</summary>
    internal interface IPyItems
    {
        /// <summary>The item, or <see cref="Missing.Value"/>.</summary>
        object? GetItem(object? key);
    }
}
