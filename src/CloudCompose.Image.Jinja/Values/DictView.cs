namespace CloudCompose.Image.Jinja.Values
{
    internal enum DictViewKind
    {
        Keys,
        Values,
        Items,
    }

    /// <summary>What <c>d.keys()</c>, <c>d.values()</c> and <c>d.items()</c> return: live views of the dict.</summary>
    internal sealed class DictView
    {
        public DictView(PyDict dict, DictViewKind kind)
        {
            Dict = dict;
            Kind = kind;
        }

        public PyDict Dict { get; }

        public DictViewKind Kind { get; }

        public string TypeName => Kind switch
        {
            DictViewKind.Keys => "dict_keys",
            DictViewKind.Values => "dict_values",
            _ => "dict_items",
        };
    }
}
