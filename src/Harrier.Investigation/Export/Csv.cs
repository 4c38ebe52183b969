namespace Harrier.Investigation.Export;

/// <summary>RFC 4180 fields: quoted only when they hold a comma, quote, CR or LF.</summary>
public static class Csv
{
    public static void Row(TextWriter w, params ReadOnlySpan<string?> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) w.Write(',');
            Field(w, fields[i]);
        }
        w.Write('\n');
    }

    static void Field(TextWriter w, string? s)
    {
        if (string.IsNullOrEmpty(s)) return;
        if (s.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            w.Write(s);
            return;
        }
        w.Write('"');
        w.Write(s.Replace("\"", "\"\""));
        w.Write('"');
    }
}
