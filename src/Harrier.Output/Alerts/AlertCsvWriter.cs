using System.Globalization;
using System.Text;
using Harrier.Hunting.Alerts;

namespace Harrier.Output.Alerts;

/// <summary>
/// Writes alerts as RFC 4180 CSV (UTF-8 without BOM, CRLF line ends, every field quoted when it holds a comma,
/// quote, CR or LF) with Timeline Explorer-friendly columns. A cell that starts with <c>= + - @</c>, tab or CR
/// is prefixed with <c>'</c> so spreadsheets show it as text instead of running it as a formula; the rest of
/// the cell is written unchanged. With <c>exposure: true</c> (<c>hunt --exposure</c>) a twelfth column,
/// <c>Exposure</c>, lists the linked findings (<see cref="ExposureCell"/>); the first eleven stay as they are.
/// </summary>
/// <remarks>
/// Hand-written rather than Sep: the format is eleven columns of already-formatted strings, and owning the
/// quoting rules keeps the neutralisation and byte-for-byte determinism in one small place.
/// </remarks>
public sealed class AlertCsvWriter : IDisposable
{
    public static readonly IReadOnlyList<string> Columns =
        ["Timestamp", "Computer", "Channel", "EventID", "Level", "RuleTitle", "Details", "RecordID", "RuleID", "Tags", "File"];

    /// <summary>The columns with <c>--exposure</c>: <see cref="Columns"/> plus <c>Exposure</c>.</summary>
    public static readonly IReadOnlyList<string> ColumnsWithExposure = [.. Columns, "Exposure"];

    readonly TextWriter _out;
    readonly bool _exposure;
    readonly AlertTimeFormat _time;
    readonly bool _ownsWriter;
    readonly StringBuilder _line = new(512);

    public AlertCsvWriter(TextWriter output, AlertTimeFormat time, bool ownsWriter = false, bool exposure = false)
    {
        _out = output;
        _time = time;
        _ownsWriter = ownsWriter;
        _exposure = exposure;
        WriteRow(exposure ? ColumnsWithExposure : Columns);
    }

    public static AlertCsvWriter Create(string path, AlertTimeFormat time, bool exposure = false) =>
        new(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), time, ownsWriter: true, exposure);

    public long Written { get; private set; }

    public void Write(Alert a)
    {
        // Cells are appended as spans into one reused line buffer: no per-cell strings (times and numbers are
        // formatted in place), one write per row.
        var line = _line;
        line.Clear();
        Span<char> scratch = stackalloc char[64];
        _time.TryFormat(a.TimeCreated, scratch, out var n);
        AppendCell(line, scratch[..n]);
        line.Append(',');
        AppendCell(line, a.Computer);
        line.Append(',');
        AppendCell(line, a.Channel);
        line.Append(',');
        a.EventId.TryFormat(scratch, out n, provider: CultureInfo.InvariantCulture);
        AppendCell(line, scratch[..n]);
        line.Append(',');
        AppendCell(line, a.Level.ToSigma());
        line.Append(',');
        AppendCell(line, a.Rule.Title);
        line.Append(',');
        AppendCell(line, a.Details);
        line.Append(',');
        a.RecordId.TryFormat(scratch, out n, provider: CultureInfo.InvariantCulture);
        AppendCell(line, scratch[..n]);
        line.Append(',');
        AppendCell(line, a.Rule.Id);
        line.Append(',');
        AppendCell(line, a.Rule.TagsText);
        line.Append(',');
        AppendCell(line, a.File);
        if (_exposure)
        {
            line.Append(',');
            AppendCell(line, ExposureCell(a));
        }
        line.Append("\r\n");
        _out.Write(line);
        Written++;
    }

    /// <summary>
    /// The Exposure cell: the notes joined by <c>"; "</c>
    /// (<c>AD-KERBEROAST/sql101@labcorp.local (high) via ServiceName=sql101</c>), preceded by
    /// <c>level raised from medium; </c> when the alert was raised; empty for an alert without notes.
    /// </summary>
    public static string ExposureCell(Alert a)
    {
        if (a.Exposure.Count == 0) return "";
        var notes = string.Join("; ", a.Exposure);
        return a.Level > a.Rule.Level ? $"level raised from {a.Rule.Level.ToSigma()}; {notes}" : notes;
    }

    void WriteRow(IReadOnlyList<string> cells)
    {
        _line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) _line.Append(',');
            AppendCell(_line, cells[i]);
        }
        _line.Append("\r\n");
        _out.Write(_line);
    }

    /// <summary>Appends one cell: neutralised against formula injection, then quoted if needed (RFC 4180 §2.6-2.7).</summary>
    public static void AppendCell(StringBuilder sb, string cell) => AppendCell(sb, cell.AsSpan());

    /// <inheritdoc cref="AppendCell(StringBuilder, string)"/>
    public static void AppendCell(StringBuilder sb, ReadOnlySpan<char> cell)
    {
        var neutralise = cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (cell.IndexOfAny(NeedsQuotes) < 0)
        {
            if (neutralise) sb.Append('\'');
            sb.Append(cell);
            return;
        }
        sb.Append('"');
        if (neutralise) sb.Append('\'');
        int quote;
        while ((quote = cell.IndexOf('"')) >= 0)
        {
            sb.Append(cell[..(quote + 1)]);
            sb.Append('"');
            cell = cell[(quote + 1)..];
        }
        sb.Append(cell);
        sb.Append('"');
    }

    static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    public void Flush() => _out.Flush();

    public void Dispose()
    {
        _out.Flush();
        if (_ownsWriter) _out.Dispose();
    }
}
