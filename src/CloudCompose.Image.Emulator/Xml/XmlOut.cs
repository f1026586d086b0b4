using System.Globalization;
using System.Security;
using System.Text;

namespace CloudCompose.Image.Emulator.Xml;

/// <summary>A forward-only writer for the small XML documents EC2 answers with.</summary>
internal sealed class XmlOut
{
    public const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private readonly StringBuilder _sb = new(1024);
    private readonly Stack<string> _open = new();

    public XmlOut(string root, string requestId, string ns = Ec2Namespace, bool requestIdElement = true)
    {
        _sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").Append(root).Append(" xmlns=\"").Append(ns).Append("\">");
        _open.Push(root);
        if (requestIdElement) Elem("requestId", requestId);
    }

    public XmlOut Open(string name)
    {
        _sb.Append('<').Append(name).Append('>');
        _open.Push(name);
        return this;
    }

    public XmlOut Close()
    {
        _sb.Append("</").Append(_open.Pop()).Append('>');
        return this;
    }

    public XmlOut Elem(string name, string? value)
    {
        if (value is null) return this;
        _sb.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');
        return this;
    }

    public XmlOut Elem(string name, bool value) => Elem(name, value ? "true" : "false");
    public XmlOut Elem(string name, int value) => Elem(name, value.ToString(CultureInfo.InvariantCulture));
    public XmlOut Elem(string name, DateTime? value) => value is null ? this : Elem(name, Time(value.Value));

    public static string Time(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public XmlOut Set<T>(string setName, IEnumerable<T> items, Action<XmlOut, T> writeItem)
    {
        Open(setName);
        foreach (var item in items)
        {
            Open("item");
            writeItem(this, item);
            Close();
        }
        return Close();
    }

    public XmlOut TagSet(IEnumerable<KeyValuePair<string, string>> tags) =>
        Set("tagSet", tags, (x, t) => x.Elem("key", t.Key).Elem("value", t.Value));

    public string Finish()
    {
        while (_open.Count > 0) Close();
        return _sb.ToString();
    }

    public static string Error(string code, string message, string requestId) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + SecurityElement.Escape(code) +
        "</Code><Message>" + SecurityElement.Escape(message) + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
}
