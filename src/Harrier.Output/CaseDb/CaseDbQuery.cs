using System.Collections;
using System.Globalization;
using DuckDB.NET.Data;

namespace Harrier.Output.CaseDb;

/// <summary>The rows of one SQL query over a case file, as text.</summary>
/// <param name="Rows">Cells as text: timestamps ISO-8601 UTC, lists as [a, b], NULL as null.</param>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows);

/// <summary>Opens a case file read-only and runs SQL on it.</summary>
public sealed class CaseDbQuery : IDisposable
{
    readonly DuckDBConnection _connection;

    CaseDbQuery(DuckDBConnection c) => _connection = c;

    /// <summary>Opens an existing case file. Throws <see cref="FileNotFoundException"/> when absent.</summary>
    public static CaseDbQuery Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("no such case file", path);
        var c = new DuckDBConnection("Data Source=" + Path.GetFullPath(path) + ";ACCESS_MODE=READ_ONLY");
        c.Open();
        return new CaseDbQuery(c);
    }

    /// <summary>Runs <paramref name="sql"/> (DuckDB dialect). Errors surface as <see cref="DuckDBException"/> with DuckDB's message.</summary>
    public QueryResult Run(string sql, int maxRows = int.MaxValue)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++) columns[i] = reader.GetName(i);
        var rows = new List<string?[]>();
        while (rows.Count < maxRows && reader.Read())
        {
            var row = new string?[columns.Length];
            for (var i = 0; i < columns.Length; i++) row[i] = reader.IsDBNull(i) ? null : Text(reader.GetValue(i));
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    }

    /// <summary>One scalar (first column of the first row), or null.</summary>
    public object? Scalar(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    public static string? Text(object? v) => v switch
    {
        null or DBNull => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        _ => v.ToString(),
    };

    public void Dispose() => _connection.Dispose();
}
