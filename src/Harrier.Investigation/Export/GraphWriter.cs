using System.Globalization;
using System.Text.Json;
using System.Xml;
using Harrier.Investigation.Graph;

namespace Harrier.Investigation.Export;

/// <summary>The access graph as Graphviz DOT, GraphML or JSON.</summary>
public static class GraphWriter
{
    static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>DOT: accounts as ellipses, hosts as boxes, addresses as diamonds (external in red); failures dashed red.</summary>
    public static void WriteDot(TextWriter w, AccessGraph g)
    {
        w.Write("digraph access {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        foreach (var n in g.Nodes)
        {
            var shape = n.Kind switch { AccessNodeKind.Account => "ellipse", AccessNodeKind.Host => "box", _ => "diamond" };
            var color = n.External ? ",color=red" : n.Privileged ? ",color=orange" : "";
            w.Write($"  {Dot(n.Id)} [label={Dot(n.Label)},shape={shape}{color}];\n");
        }
        foreach (var e in ProjectedEdge.Project(g))
        {
            var style = e.Success ? "" : ",style=dashed,color=red";
            w.Write($"  {Dot(e.From)} -> {Dot(e.To)} [label={Dot(I(e.Count))}{style}];\n");
        }
        w.Write("}\n");
    }

    static string Dot(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "") + "\"";

    public static void WriteGraphMl(Stream output, AccessGraph g)
    {
        using var x = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), NewLineChars = "\n" });
        x.WriteStartDocument();
        x.WriteStartElement("graphml", "http://graphml.graphdrawing.org/xmlns");
        Key(x, "kind", "node", "string");
        Key(x, "label", "node", "string");
        Key(x, "external", "node", "boolean");
        Key(x, "privileged", "node", "boolean");
        Key(x, "first", "all", "string");
        Key(x, "last", "all", "string");
        Key(x, "success", "edge", "boolean");
        Key(x, "count", "edge", "long");
        Key(x, "elevated", "edge", "long");
        x.WriteStartElement("graph");
        x.WriteAttributeString("id", "access");
        x.WriteAttributeString("edgedefault", "directed");
        foreach (var n in g.Nodes)
        {
            x.WriteStartElement("node");
            x.WriteAttributeString("id", n.Id);
            Data(x, "kind", n.Kind.ToString().ToLowerInvariant());
            Data(x, "label", n.Label);
            Data(x, "external", n.External ? "true" : "false");
            Data(x, "privileged", n.Privileged ? "true" : "false");
            Data(x, "first", FileTimeText.Format(n.First));
            Data(x, "last", FileTimeText.Format(n.Last));
            x.WriteEndElement();
        }
        var i = 0;
        foreach (var e in ProjectedEdge.Project(g))
        {
            x.WriteStartElement("edge");
            x.WriteAttributeString("id", "e" + I(i++));
            x.WriteAttributeString("source", e.From);
            x.WriteAttributeString("target", e.To);
            Data(x, "success", e.Success ? "true" : "false");
            Data(x, "count", I(e.Count));
            Data(x, "elevated", I(e.Privileged));
            Data(x, "first", FileTimeText.Format(e.First));
            Data(x, "last", FileTimeText.Format(e.Last));
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteEndDocument();
    }

    static void Key(XmlWriter x, string name, string scope, string type)
    {
        x.WriteStartElement("key");
        x.WriteAttributeString("id", name);
        x.WriteAttributeString("for", scope);
        x.WriteAttributeString("attr.name", name);
        x.WriteAttributeString("attr.type", type);
        x.WriteEndElement();
    }

    static void Data(XmlWriter x, string key, string value)
    {
        x.WriteStartElement("data");
        x.WriteAttributeString("key", key);
        x.WriteString(value);
        x.WriteEndElement();
    }

    /// <summary>The whole graph and its analyses as one JSON document.</summary>
    public static void WriteJson(Stream output, AccessGraph g, bool indented = true)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Write(j, g);
    }

    public static void Write(Utf8JsonWriter j, AccessGraph g)
    {
        j.WriteStartObject();
        j.WriteString("window_start", FileTimeText.Format(g.WindowStart));
        j.WriteStartArray("nodes");
        foreach (var n in g.Nodes)
        {
            j.WriteStartObject();
            j.WriteString("id", n.Id);
            j.WriteString("kind", n.Kind.ToString().ToLowerInvariant());
            j.WriteString("label", n.Label);
            j.WriteString("first", FileTimeText.Format(n.First));
            j.WriteString("last", FileTimeText.Format(n.Last));
            j.WriteBoolean("external", n.External);
            j.WriteBoolean("has_logs", n.HasLogs);
            j.WriteBoolean("privileged", n.Privileged);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("edges");
        foreach (var e in g.Edges)
        {
            j.WriteStartObject();
            if (e.SourceId is null) j.WriteNull("source"); else j.WriteString("source", e.SourceId);
            j.WriteString("account", e.AccountId);
            j.WriteString("target", e.TargetId);
            j.WriteBoolean("success", e.Success);
            j.WriteNumber("count", e.Count);
            j.WriteNumber("elevated", e.PrivilegedCount);
            j.WriteString("first", FileTimeText.Format(e.First));
            j.WriteString("last", FileTimeText.Format(e.Last));
            j.WriteStartArray("protocols");
            foreach (var p in e.Protocols) j.WriteStringValue(ProtocolText(p));
            j.WriteEndArray();
            j.WriteStartArray("logon_types");
            foreach (var t in e.LogonTypes) j.WriteNumberValue(t);
            j.WriteEndArray();
            j.WriteStartArray("event_ids");
            foreach (var t in e.EventIds) j.WriteNumberValue(t);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("paths");
        foreach (var p in g.Paths) Hops(j, p.Hops);
        j.WriteEndArray();
        j.WriteStartArray("new_sources");
        foreach (var n in g.NewSources)
        {
            j.WriteStartObject();
            j.WriteString("source", n.SourceId);
            j.WriteString("first", FileTimeText.Format(n.First));
            Strings(j, "accounts", n.AccountIds);
            Strings(j, "targets", n.TargetIds);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("rare_sources");
        foreach (var r in g.RareSources)
        {
            j.WriteStartObject();
            j.WriteString("account", r.AccountId);
            j.WriteString("source", r.SourceId);
            j.WriteNumber("count", r.Count);
            j.WriteNumber("account_total", r.AccountTotal);
            j.WriteString("first", FileTimeText.Format(r.First));
            j.WriteString("last", FileTimeText.Format(r.Last));
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("patient_zero");
        foreach (var p in g.PatientZero)
        {
            j.WriteStartObject();
            j.WriteString("source", p.SourceId);
            j.WriteString("first", FileTimeText.Format(p.First));
            j.WriteString("privileged_account", p.PrivilegedAccountId);
            j.WriteString("privileged_target", p.PrivilegedTargetId);
            j.WriteString("privileged_time", FileTimeText.Format(p.PrivilegedTime));
            j.WritePropertyName("path");
            Hops(j, p.Path);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    static void Hops(Utf8JsonWriter j, IReadOnlyList<PathHop> hops)
    {
        j.WriteStartArray();
        foreach (var h in hops)
        {
            j.WriteStartObject();
            j.WriteString("from", h.SourceId);
            j.WriteString("to", h.TargetId);
            j.WriteString("time", FileTimeText.Format(h.Time));
            Strings(j, "accounts", h.AccountIds);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    static void Strings(Utf8JsonWriter j, string name, IReadOnlyList<string> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values) j.WriteStringValue(v);
        j.WriteEndArray();
    }

    public static string ProtocolText(AccessProtocol p) => p switch
    {
        AccessProtocol.Logon => "logon",
        AccessProtocol.Kerberos => "kerberos",
        AccessProtocol.Ntlm => "ntlm",
        AccessProtocol.Rdp => "rdp",
        AccessProtocol.RdGateway => "rd-gateway",
        AccessProtocol.ExplicitCredentials => "explicit-credentials",
        AccessProtocol.RdpClient => "rdp-client",
        _ => p.ToString(),
    };
}
