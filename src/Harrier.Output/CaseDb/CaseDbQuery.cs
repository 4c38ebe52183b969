using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DuckDB.NET.Data;

namespace Harrier.Output.CaseDb;

/// <summary>The rows of one SQL query over a case file, as text.</summary>
/// <param name="Rows">Cells as text: timestamps ISO-8601 UTC, dates yyyy-MM-dd, lists as [a, b], BLOBs as hex, NULL as null.</param>
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

    /// <summary>
    /// The native build compiles a generic list over a value type only where code creates one; DuckDB.NET's reflection
    /// cannot make it by itself (<see cref="Run"/>'s list types).
    /// </summary>
    static readonly object[] ValueTypeLists =
        [new List<DateTime>(), new List<DateTimeOffset>(), new List<TimeSpan>(), new List<DateOnly>(), new List<TimeOnly>(), new List<Guid>(), new List<decimal>()];

    /// <summary>Runs <paramref name="sql"/> (DuckDB dialect). Errors surface as <see cref="DuckDBException"/> with DuckDB's message.</summary>
    /// <remarks>
    /// DuckDB.NET reads a LIST of anything but numbers into a <see cref="List{T}"/> it creates by reflection. The
    /// native build keeps only the list types named here (the case schema's lists are VARCHAR[]); a query returning
    /// any other kind of list gets a <see cref="NotSupportedException"/> naming the column, instead of a crash.
    /// </remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<string>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<DateTime>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<DateTimeOffset>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<TimeSpan>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<DateOnly>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<TimeOnly>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<Guid>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<decimal>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<List<string>>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<List<int>>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor, typeof(List<List<long>>))]
    public QueryResult Run(string sql, int maxRows = int.MaxValue)
    {
        GC.KeepAlive(ValueTypeLists);
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var columns = new string[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++) columns[i] = reader.GetName(i);
        var rows = new List<string?[]>();
        while (rows.Count < maxRows && reader.Read())
        {
            var row = new string?[columns.Length];
            for (var i = 0; i < columns.Length; i++) row[i] = reader.IsDBNull(i) ? null : Text(Value(reader, i));
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    }

    static object Value(DuckDBDataReader reader, int column)
    {
        try
        {
            return reader.GetValue(column);
        }
        catch (Exception e) when (e is MissingMethodException or NotSupportedException)
        {
            throw new NotSupportedException(
                $"column {reader.GetName(column)} ({reader.GetDataTypeName(column)}): this build cannot read this kind of list; cast it to VARCHAR in the query", e);
        }
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
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        Stream blob => Hex(blob),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        _ => v.ToString(),
    };

    static string Hex(Stream blob)
    {
        using var copy = new MemoryStream();
        blob.CopyTo(copy);
        return Convert.ToHexString(copy.GetBuffer(), 0, (int)copy.Length);
    }

    public void Dispose() => _connection.Dispose();
}
